package io.rta.gateway.bindings;

/**
 * A client's data request on a session, as it arrived at the gateway (session time, session channels).
 *
 * @param kind     {@code timestamped}, {@code periodic}, {@code row} or {@code events}
 * @param channels the raw channels path segment (the data API's channels expression); null for events
 * @param start    the raw {@code start} query parameter, or null
 * @param end      the raw {@code end} query parameter, or null
 */
public record DataRequest(String kind, String channels, String start, String end) {
}
