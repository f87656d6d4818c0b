package io.rta.server;

import io.rta.service.config.KafkaClientOptions;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.kafka.FetchSettings;
import io.rta.topology.Topics;
import io.rta.topology.errors.DeadLetterDeserializationHandler;
import io.rta.topology.errors.DeadLetterProcessingHandler;
import io.rta.topology.errors.DeadLetters;
import io.rta.topology.errors.InvalidTimestamps;
import io.rta.topology.session.SessionLimits;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/** Kafka client settings of the server (and of its replays), assembled in one place from the options. */
public final class KafkaSettings {

    private KafkaSettings() {
    }

    /** Without the options' {@code Kafka:*} properties (a client of the embedded broker, a test). */
    public static Map<String, Object> common(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG, "use_all_dns_ips");
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** Any client's settings: the cluster, and the {@code Kafka:*} properties of {@code options} (security). */
    public static Map<String, Object> common(String bootstrapServers, Options options) {
        Map<String, Object> config = KafkaClientOptions.apply(new HashMap<>(), options);
        config.putAll(common(bootstrapServers));
        return config;
    }

    public static Map<String, Object> consumer(String bootstrapServers, Options options) {
        Map<String, Object> config = common(bootstrapServers, options);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return config;
    }

    /**
     * @param instanceId stable identity of this instance (kept in its data directory): static group membership, so an
     *     instance restarted after a crash takes its partitions back at once instead of waiting for the group to
     *     evict its previous incarnation
     * @param deadLetters the process's account of records set aside, which the error handlers write to
     */
    public static Map<String, Object> streams(String bootstrapServers, Topics topics, Options options, Path stateDir,
                                       String instanceId, DeadLetters deadLetters) {
        return streams(bootstrapServers, topics.applicationId(), new HostInfo(
                options.getString(ServerOptions.ADVERTISED_HOST), options.getInt(RtaOptions.HTTP_PORT)), options,
                stateDir, instanceId, deadLetters);
    }

    /**
     * As {@link #streams(String, Topics, Options, Path, String, DeadLetters)}, for any application (a standalone
     * service's) and any advertised HTTP endpoint.
     *
     * @param applicationId the Streams application id: instances with the same id share its work by partition
     * @param self where other instances reach this one's HTTP port ({@code application.server})
     */
    public static Map<String, Object> streams(String bootstrapServers, String applicationId, HostInfo self,
                                              Options options, Path stateDir, String instanceId,
                                              DeadLetters deadLetters) {
        Map<String, Object> config = common(bootstrapServers, options);
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        // With static membership a crashed (kill -9) instance keeps its partitions until its session times out:
        // 10 s instead of the default 45 s bounds how long its data is unavailable before a standby takes over,
        // while a quick restart still takes its partitions back without a rebalance.
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Pipelines produce to the command topics directly: a record that cannot be decoded, or whose processing
        // fails unexpectedly, is set aside to the dead-letter topic (in the task's transaction) and processing goes
        // on, instead of stopping for good (it would be re-read on every restart). A registry outage is not the
        // record's fault: the handlers fail the task then, so the record is retried, never skipped.
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        // also for the global config view: a record its processor cannot apply is skipped, counted and logged instead
        // of stopping the global thread, which Kafka Streams cannot replace
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        config.put(DeadLetters.CONFIG, deadLetters);
        // a record without a valid timestamp is processed at its partition's time, not a failed task read again forever
        config.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, InvalidTimestamps.class);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.getLong(ServerOptions.COMMIT_INTERVAL));
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.getInt(ServerOptions.STREAM_THREADS));
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, options.getInt(RtaOptions.REPLICATION_FACTOR));
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, ServerOptions.standbyReplicas(options));
        config.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG),
                Integer.toString(SessionLimits.TOPIC_MAX_MESSAGE_BYTES));
        config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.LARGE_MESSAGE_BYTES);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Exactly-once: output becomes visible at the commit, which flushes the producer whatever the linger, so
        // lingering costs no latency and packs the chunk store's many changelog records into few large batches.
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 512 * 1024);
        config.put(StreamsConfig.POLL_MS_CONFIG, pollMillis(options.getLong(ServerOptions.COMMIT_INTERVAL)));
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 8 * 1024 * 1024);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                FetchSettings.IDLE_FETCH_WAIT_MS);
        // A task that cannot make progress (broker unreachable) fails its thread after this long; StreamsRunner
        // replaces the thread, so it bounds how long a thread waits, not how long an outage may last.
        config.put(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, options.getLong(ServerOptions.STREAMS_TASK_TIMEOUT));
        return config;
    }

    /**
     * How long a stream thread blocks in {@code poll} when no records arrive. A thread commits only between polls, so
     * with the default (100 ms) an update processed just before an idle poll became visible up to 100 ms after its
     * commit was due: every acknowledged session write took over 100 ms even on an idle server. A fifth of the
     * commit interval keeps that delay small next to the interval itself; idle loops stay cheap (a few per 10 ms).
     */
    static long pollMillis(long commitIntervalMillis) {
        return Math.max(1, Math.min(100, commitIntervalMillis / 5));
    }
}
