package io.rta.data;

import io.rta.topology.data.DataKind;

/**
 * A data read as a client asked for it, before validation.
 *
 * @param dataIdentity data identity (in RTA Server mode the session identity)
 * @param kind data representation
 * @param channels channels expression; ignored for events
 * @param startTime inclusive start (ns since the Unix epoch), or null for the earliest data
 * @param endTime inclusive end (ns since the Unix epoch), or null for the latest data
 */
public record DataQuery(String dataIdentity, DataKind kind, String channels, Long startTime, Long endTime) {
}
