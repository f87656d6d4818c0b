package io.rta.service.config;

/**
 * Bounds the HTTP and gRPC servers enforce before a request reaches a service (see {@link LimitOptions}).
 *
 * @param maxRequestBodySize     bytes of a REST request body; more is 413
 * @param maxConcurrentReads     reads served at once
 * @param maxQueuedReads         reads waiting for a slot; more are refused at once (503 + Retry-After /
 *                               RESOURCE_EXHAUSTED)
 * @param maxHealthWatchers      open gRPC {@code Health.Watch} calls
 * @param grpcMaxConcurrentStreams concurrent gRPC calls per connection
 * @param grpcFlowControlWindow  HTTP/2 flow-control window of a gRPC connection and call (bytes)
 * @param httpIdleTimeoutMillis  how long an HTTP connection may make no progress (a client that stops reading a
 *                               response, or sending a request) before the server closes it
 */
public record EdgeLimits(int maxRequestBodySize, int maxConcurrentReads, int maxQueuedReads, int maxHealthWatchers,
                         int grpcMaxConcurrentStreams, int grpcFlowControlWindow, int httpIdleTimeoutMillis) {

    public static final String MAX_REQUEST_BODY_SIZE = "MaxRequestBodySize";
    public static final String MAX_CONCURRENT_READS = "MaxConcurrentReads";
    public static final String MAX_QUEUED_READS = "MaxQueuedReads";
    public static final String MAX_HEALTH_WATCHERS = "MaxHealthWatchers";
    public static final String GRPC_MAX_CONCURRENT_STREAMS = "GrpcMaxConcurrentStreams";
    public static final String GRPC_FLOW_CONTROL_WINDOW = "GrpcFlowControlWindow";
    public static final String HTTP_IDLE_TIMEOUT = "HttpIdleTimeout";

    public static final int DEFAULT_MAX_REQUEST_BODY_SIZE = 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_READS = 64;
    public static final int DEFAULT_MAX_QUEUED_READS = 256;
    public static final int DEFAULT_MAX_HEALTH_WATCHERS = 100;
    public static final int DEFAULT_GRPC_MAX_CONCURRENT_STREAMS = 128;
    public static final int DEFAULT_GRPC_FLOW_CONTROL_WINDOW = 1024 * 1024;
    /** Jetty's and Dropwizard's default. */
    public static final int DEFAULT_HTTP_IDLE_TIMEOUT_MILLIS = 30_000;

    public EdgeLimits {
        atLeast(MAX_REQUEST_BODY_SIZE, maxRequestBodySize, 1024);
        atLeast(MAX_CONCURRENT_READS, maxConcurrentReads, 1);
        atLeast(MAX_QUEUED_READS, maxQueuedReads, 0);
        atLeast(MAX_HEALTH_WATCHERS, maxHealthWatchers, 0);
        atLeast(GRPC_MAX_CONCURRENT_STREAMS, grpcMaxConcurrentStreams, 1);
        atLeast(GRPC_FLOW_CONTROL_WINDOW, grpcFlowControlWindow, 65_535);
        atLeast(HTTP_IDLE_TIMEOUT, httpIdleTimeoutMillis, 1_000);
    }

    public static EdgeLimits defaults() {
        return new EdgeLimits(DEFAULT_MAX_REQUEST_BODY_SIZE, DEFAULT_MAX_CONCURRENT_READS, DEFAULT_MAX_QUEUED_READS,
                DEFAULT_MAX_HEALTH_WATCHERS, DEFAULT_GRPC_MAX_CONCURRENT_STREAMS, DEFAULT_GRPC_FLOW_CONTROL_WINDOW,
                DEFAULT_HTTP_IDLE_TIMEOUT_MILLIS);
    }

    private static void atLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", not " + value);
        }
    }
}
