package io.rta.gateway.bindings;

import java.io.InputStream;

/** The body of a data service's 200 answer to an {@link UpstreamRead}, in the RTA chunked format. */
public record UpstreamAnswer(UpstreamRead read, InputStream body) {
}
