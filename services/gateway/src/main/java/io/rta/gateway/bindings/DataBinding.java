package io.rta.gateway.bindings;

import java.util.List;

/**
 * One data binding of a session, as the session service's internal {@code GET /rta/v2/sessions/{identity}/data-bindings}
 * answers it: where the data lives ({@code source} names a {@code DataServiceUris:<source>}, {@code identity} is passed
 * to that data service) and how it maps onto the session (session time = data time + {@code sessionTimeOffset}; data
 * clipped to {@code [sessionStartTime, sessionEndTime]} in session time where set; channels mapped by
 * {@code channelBindings}). Private: never echoed to a client or logged at INFO.
 */
public record DataBinding(String source, String identity, long timeRef, Long sessionStartTime, Long sessionEndTime,
                          long sessionTimeOffset, List<ChannelBinding> channelBindings) {
}
