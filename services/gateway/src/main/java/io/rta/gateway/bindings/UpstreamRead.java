package io.rta.gateway.bindings;

/**
 * One request the gateway makes to a data service for a binding.
 *
 * @param binding        the binding it serves
 * @param pathAndQuery   relative to {@code DataServiceUris:<binding.source>}:
 *                       {@code /rta/v2/data/{url-encoded identity}/{kind}/{data channels}?start=..&end=..} (data time)
 * @param relayUnchanged the answer may be copied to the client byte for byte (offset 0, channels unchanged, no
 *                       clipping bounds, and it is the only answer)
 */
public record UpstreamRead(DataBinding binding, String pathAndQuery, boolean relayUnchanged) {
}
