package io.rta.gateway.bindings;

/**
 * Session channels {@code [firstSessionChannel, lastSessionChannel]} are data channels
 * {@code firstDataChannel + (session - firstSessionChannel)} of the binding's data identity.
 */
public record ChannelBinding(long firstDataChannel, long firstSessionChannel, long lastSessionChannel) {
}
