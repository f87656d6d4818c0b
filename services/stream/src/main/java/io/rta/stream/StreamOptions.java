package io.rta.stream;

import io.rta.service.config.OptionDef;
import java.util.List;

/**
 * Options of live streaming, shared by the all-in-one server and {@code ./rta stream-service}. Names follow the
 * toolkit's stream service README ({@code RedisConnectionString}, {@code RedisDb}, the {@code Trimmer:} section);
 * the rest are ours.
 */
public final class StreamOptions {

    public static final OptionDef REDIS_CONNECTION_STRING = OptionDef.of("RedisConnectionString", "",
            "Redis to stream from (host[:port][,password=...][,ssl=true], or a redis:// URI), for pipelines that "
                    + "publish the RTA Redis protocol. Empty streams from the Kafka topics (rta.sessions, "
                    + "rta.telemetry).");
    public static final OptionDef REDIS_DB = OptionDef.of("RedisDb", "0", "Redis database id.");
    public static final OptionDef ENABLE_TRIMMER = OptionDef.of("EnableTrimmer", "true",
            "Trim the Redis streams (members of the 'streams' set) to Trimmer:TargetStreamLength.");
    public static final OptionDef TRIMMER_TARGET_LENGTH = OptionDef.of("Trimmer:TargetStreamLength", "10000",
            "Target number of entries in each Redis stream.");
    public static final OptionDef TRIMMER_INTERVAL = OptionDef.of("Trimmer:Interval", "30",
            "Seconds between two trims of the Redis streams.");
    public static final OptionDef TRIMMER_APPROX_LENGTH = OptionDef.of("Trimmer:ApproxLength", "false",
            "Trim approximately (XTRIM MAXLEN ~), which is cheaper for Redis.");
    public static final OptionDef BACK_SCAN = OptionDef.of("BackScan", "30000",
            "Milliseconds of recent telemetry a new subscription is back-filled with beyond what the REST API "
                    + "already serves (Kafka source): the overlap that makes the join between REST and stream "
                    + "gap-free.");
    public static final OptionDef LIVE_RETENTION_SIZE = OptionDef.of("LiveRetentionSize", "536870912",
            "Bytes of heap the recent telemetry the Kafka source keeps for back-fill may take (each burst with its "
                    + "bookkeeping). Above it the oldest is "
                    + "dropped even if the REST API does not serve it yet (logged and counted: a back-fill may "
                    + "then have a gap).");
    public static final OptionDef CLIENT_BUFFER_SIZE = OptionDef.of("ClientBufferSize", "33554432",
            "Bytes queued for one WebSocket client before it is closed as too slow (1008), so a slow client never "
                    + "holds up others or the ingest.");

    /** Every live streaming option, in documentation order. */
    public static final List<OptionDef> ALL = List.of(REDIS_CONNECTION_STRING, REDIS_DB, ENABLE_TRIMMER,
            TRIMMER_TARGET_LENGTH, TRIMMER_INTERVAL, TRIMMER_APPROX_LENGTH, BACK_SCAN, LIVE_RETENTION_SIZE,
            CLIENT_BUFFER_SIZE);

    private StreamOptions() {
    }
}
