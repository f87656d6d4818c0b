package io.rta.gateway.bindings;

import java.util.List;

/** Which data services a session data request goes to, and with what (data channels, data time). */
public final class BindingPlanner {

    private BindingPlanner() {
    }

    /**
     * The upstream reads that serve {@code request} over {@code bindings}, in binding order; none when no binding
     * serves it (the answer is then an empty 200).
     *
     * @throws IllegalArgumentException naming the parameter and the rule when the request is malformed (400)
     */
    public static List<UpstreamRead> plan(DataRequest request, List<DataBinding> bindings) {
        throw new UnsupportedOperationException("not built yet");
    }
}
