package io.rta.gateway.bindings;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes the client's answer from the data services' answers: relayed, or transformed and merged. */
public final class BindingResponses {

    private BindingResponses() {
    }

    /**
     * Streams the answer to {@code request} to {@code out}: a single {@link UpstreamRead#relayUnchanged()} answer is
     * copied byte for byte; otherwise every answer is decoded chunk by chunk, shifted to session time, its channels
     * mapped back to session channels, clipped sample-exactly to the binding's bounds, and all are merged into one
     * valid chunked response. Never holds a whole answer in memory.
     *
     * @throws IOException when an answer is not a valid chunk stream or the client goes away
     */
    public static void write(DataRequest request, List<UpstreamAnswer> answers, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("not built yet");
    }
}
