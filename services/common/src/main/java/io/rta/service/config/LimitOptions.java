package io.rta.service.config;

import io.rta.topology.limits.InputLimits;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every bound on what an outsider may send or cost, as options with documented defaults (STYLE: limits are
 * configuration). The input limits map to {@link InputLimits} (checked by the views, topologies and every API); the
 * edge limits to {@link EdgeLimits} (checked by the HTTP and gRPC servers). Each refusal names its option.
 */
public final class LimitOptions {

    public static final OptionDef MAX_IDENTITY_LENGTH = OptionDef.of(InputLimits.MAX_IDENTITY_LENGTH,
            Integer.toString(InputLimits.DEFAULT_MAX_IDENTITY_LENGTH),
            "Longest session, folder, config or data identity (UTF-8 bytes). Identities must not be empty or hold "
                    + "control characters. Checked on every API and on records produced straight to Kafka.");
    public static final OptionDef MAX_QUERY_DEPTH = OptionDef.of(InputLimits.MAX_QUERY_DEPTH,
            Integer.toString(InputLimits.DEFAULT_MAX_QUERY_DEPTH),
            "Deepest nesting of a session query ($and/$or/$nor/$not and operator objects).");
    public static final OptionDef MAX_QUERY_TERMS = OptionDef.of(InputLimits.MAX_QUERY_TERMS,
            Integer.toString(InputLimits.DEFAULT_MAX_QUERY_TERMS),
            "Most criteria and conditions in one session query.");
    public static final OptionDef MAX_QUERY_OPERANDS = OptionDef.of(InputLimits.MAX_QUERY_OPERANDS,
            Integer.toString(InputLimits.DEFAULT_MAX_QUERY_OPERANDS),
            "Most values in one session query ($in/$nin items included).");
    public static final OptionDef MAX_SORT_KEYS = OptionDef.of(InputLimits.MAX_SORT_KEYS,
            Integer.toString(InputLimits.DEFAULT_MAX_SORT_KEYS),
            "Most keys in one sort.");
    public static final OptionDef MAX_PAGE_SIZE = OptionDef.of(InputLimits.MAX_PAGE_SIZE,
            Integer.toString(InputLimits.DEFAULT_MAX_PAGE_SIZE),
            "Largest page of sessions (REST pageSize, gRPC page_size); larger values are refused (400 / "
                    + "INVALID_ARGUMENT), not clamped.");
    public static final OptionDef MAX_CHANNELS_TERMS = OptionDef.of(InputLimits.MAX_CHANNELS_TERMS,
            Integer.toString(InputLimits.DEFAULT_MAX_CHANNELS_TERMS),
            "Most terms (ids and ranges) in one channels expression of the Data API.");
    public static final OptionDef MAX_FLUSH_MARKER_LENGTH = OptionDef.of(InputLimits.MAX_FLUSH_MARKER_LENGTH,
            Integer.toString(InputLimits.DEFAULT_MAX_FLUSH_MARKER_LENGTH),
            "Longest flush_marker of WriteDataStream (UTF-8 bytes).");
    public static final OptionDef MAX_ROW_CHANNELS = OptionDef.of(InputLimits.MAX_ROW_CHANNELS,
            Integer.toString(InputLimits.DEFAULT_MAX_ROW_CHANNELS),
            "Most channel ids in one row (row_data.channel_ids); at most 65535.");
    public static final OptionDef MAX_RELATED_SESSIONS = OptionDef.of(InputLimits.MAX_RELATED_SESSIONS,
            Integer.toString(InputLimits.DEFAULT_MAX_RELATED_SESSIONS),
            "Most sessions one session relates to per role (sessions declaring one anchor; children; alternates); "
                    + "relations beyond it are set aside as dead letters. Also the most anchors a session declares, "
                    + "and parents and alternates it refers to (each list): a write growing one beyond it is refused.");
    public static final OptionDef MAX_PROPERTIES = OptionDef.of(InputLimits.MAX_PROPERTIES,
            Integer.toString(InputLimits.DEFAULT_MAX_PROPERTIES),
            "Most properties one request names for session JSON or the metamodel (REST prop, gRPC "
                    + "json_properties).");
    public static final OptionDef MAX_SUBSCRIPTION_CHANNELS = OptionDef.of(InputLimits.MAX_SUBSCRIPTION_CHANNELS,
            Integer.toString(InputLimits.DEFAULT_MAX_SUBSCRIPTION_CHANNELS),
            "Most channel ids one WebSocket client subscribes to, in one StreamRequest and in total; beyond it the "
                    + "connection is closed with 1008.");

    public static final OptionDef MAX_REQUEST_BODY_SIZE = OptionDef.of(EdgeLimits.MAX_REQUEST_BODY_SIZE,
            Integer.toString(EdgeLimits.DEFAULT_MAX_REQUEST_BODY_SIZE),
            "Largest REST request body (bytes), forms included; larger bodies get 413.");
    public static final OptionDef MAX_CONCURRENT_READS = OptionDef.of(EdgeLimits.MAX_CONCURRENT_READS,
            Integer.toString(EdgeLimits.DEFAULT_MAX_CONCURRENT_READS),
            "REST and gRPC reads served at once; more wait in a queue.");
    public static final OptionDef MAX_QUEUED_READS = OptionDef.of(EdgeLimits.MAX_QUEUED_READS,
            Integer.toString(EdgeLimits.DEFAULT_MAX_QUEUED_READS),
            "Reads that may wait for one of the MaxConcurrentReads slots; beyond it a read is refused at once "
                    + "(REST 503 with Retry-After, gRPC RESOURCE_EXHAUSTED).");
    public static final OptionDef MAX_HEALTH_WATCHERS = OptionDef.of(EdgeLimits.MAX_HEALTH_WATCHERS,
            Integer.toString(EdgeLimits.DEFAULT_MAX_HEALTH_WATCHERS),
            "Open gRPC Health.Watch calls; more get RESOURCE_EXHAUSTED. All watchers share one check loop.");
    public static final OptionDef GRPC_MAX_CONCURRENT_STREAMS = OptionDef.of(EdgeLimits.GRPC_MAX_CONCURRENT_STREAMS,
            Integer.toString(EdgeLimits.DEFAULT_GRPC_MAX_CONCURRENT_STREAMS),
            "Concurrent gRPC calls on one connection (HTTP/2 MAX_CONCURRENT_STREAMS).");
    public static final OptionDef GRPC_FLOW_CONTROL_WINDOW = OptionDef.of(EdgeLimits.GRPC_FLOW_CONTROL_WINDOW,
            Integer.toString(EdgeLimits.DEFAULT_GRPC_FLOW_CONTROL_WINDOW),
            "HTTP/2 flow-control window of a gRPC connection and of each call (bytes a client may have in flight "
                    + "before the server reads them).");
    public static final OptionDef HTTP_IDLE_TIMEOUT = OptionDef.of(EdgeLimits.HTTP_IDLE_TIMEOUT,
            Integer.toString(EdgeLimits.DEFAULT_HTTP_IDLE_TIMEOUT_MILLIS),
            "Milliseconds an HTTP connection may make no progress (a client that stops reading a response or "
                    + "sending a request) before the server closes it; at least 1000. Live WebSocket connections "
                    + "have their own ping-based timeout.");

    /** The options of {@link InputLimits}, in documentation order (a service that reads only these lists them). */
    public static final List<OptionDef> INPUT = List.of(MAX_IDENTITY_LENGTH, MAX_QUERY_DEPTH, MAX_QUERY_TERMS,
            MAX_QUERY_OPERANDS, MAX_SORT_KEYS, MAX_PAGE_SIZE, MAX_CHANNELS_TERMS, MAX_FLUSH_MARKER_LENGTH,
            MAX_ROW_CHANNELS, MAX_RELATED_SESSIONS, MAX_PROPERTIES, MAX_SUBSCRIPTION_CHANNELS);

    /** The options of {@link EdgeLimits}, in documentation order (all read by {@link #edgeLimits}). */
    public static final List<OptionDef> EDGE = List.of(MAX_REQUEST_BODY_SIZE, MAX_CONCURRENT_READS, MAX_QUEUED_READS,
            MAX_HEALTH_WATCHERS, GRPC_MAX_CONCURRENT_STREAMS, GRPC_FLOW_CONTROL_WINDOW, HTTP_IDLE_TIMEOUT);

    /** Every limit option, in documentation order. */
    public static final List<OptionDef> ALL = Stream.concat(INPUT.stream(), EDGE.stream()).toList();

    private LimitOptions() {
    }

    /** The input limits the options set (refusing inconsistent values with a message naming the options). */
    public static InputLimits inputLimits(Options options) {
        return new InputLimits(options.getInt(MAX_IDENTITY_LENGTH), options.getInt(MAX_QUERY_DEPTH),
                options.getInt(MAX_QUERY_TERMS), options.getInt(MAX_QUERY_OPERANDS), options.getInt(MAX_SORT_KEYS),
                options.getInt(MAX_PAGE_SIZE), options.getInt(MAX_CHANNELS_TERMS),
                options.getInt(MAX_FLUSH_MARKER_LENGTH), options.getInt(MAX_ROW_CHANNELS),
                options.getInt(MAX_RELATED_SESSIONS), options.getInt(MAX_PROPERTIES),
                options.getInt(MAX_SUBSCRIPTION_CHANNELS));
    }

    /** The edge limits the options set. */
    public static EdgeLimits edgeLimits(Options options) {
        return new EdgeLimits(options.getInt(MAX_REQUEST_BODY_SIZE), options.getInt(MAX_CONCURRENT_READS),
                options.getInt(MAX_QUEUED_READS), options.getInt(MAX_HEALTH_WATCHERS),
                options.getInt(GRPC_MAX_CONCURRENT_STREAMS), options.getInt(GRPC_FLOW_CONTROL_WINDOW),
                options.getInt(HTTP_IDLE_TIMEOUT));
    }
}
