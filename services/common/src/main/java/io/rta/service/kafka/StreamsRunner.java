package io.rta.service.kafka;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns the lifecycle of one {@link KafkaStreams} instance running the service's topologies. */
public final class StreamsRunner implements Managed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final KafkaStreams streams;
    private volatile Throwable failure;
    private final RestoreTracker restores = new RestoreTracker();

    public StreamsRunner(Topology topology, Map<String, Object> streamsConfig) {
        Properties props = new Properties();
        props.putAll(streamsConfig);
        LOG.info("Topology:\n{}", topology.describe());
        streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(error -> {
            failure = error;
            LOG.error("Stream thread failed; the client shuts down: {}", error.toString(), error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> LOG.info("Streams state {} -> {}", before, now));
        streams.setGlobalStateRestoreListener(restores);
    }

    /** State store partitions being restored from their changelogs (their reads answer "unavailable" meanwhile). */
    public RestoreTracker restores() {
        return restores;
    }

    @Override
    public void start() {
        streams.start();
    }

    /**
     * Sum of the Kafka Streams metric {@code name} over every thread, task and processor (e.g. a counter a processor
     * registered with {@code addRateTotalSensor}); 0 when no such metric exists yet.
     */
    public double metricTotal(String name) {
        double total = 0;
        for (var entry : streams.metrics().entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getValue().metricValue() instanceof Number value) {
                total += value.doubleValue();
            }
        }
        return total;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** True only in RUNNING: while Streams starts or rebalances, writes are not applied, so the service is not ready. */
    public boolean isProcessing() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public boolean isRunning() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    public Throwable failure() {
        return failure;
    }

    /**
     * A read-only view of a global or local key-value store, retrying while the store is not queryable yet (start-up,
     * rebalance) for at most {@code wait}.
     */
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name, Duration wait) {
        return awaitStore(() -> StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()),
                wait);
    }

    /**
     * A read-only view of one partition of a local key-value store, retrying for at most {@code wait} while this
     * instance does not host that partition's running active task (start-up, restoration, rebalance).
     */
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name, int partition, Duration wait) {
        return awaitStore(() -> StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
                .withPartition(partition), wait);
    }

    private <S> S awaitStore(Supplier<StoreQueryParameters<S>> parameters, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return streams.store(parameters.get());
            } catch (InvalidStateStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Which instance hosts the key's partition of a store (interactive-query metadata), or
     * {@link KeyQueryMetadata#NOT_AVAILABLE} while Streams starts or rebalances.
     */
    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, Serializer<K> keySerializer) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(storeName, key, keySerializer);
        return metadata == null ? KeyQueryMetadata.NOT_AVAILABLE : metadata;
    }

    /** Every instance of the application this instance knows of (itself included). */
    public Collection<StreamsMetadata> metadataForAllStreamsClients() {
        return streams.metadataForAllStreamsClients();
    }

    @Override
    public void stop() {
        close();
    }

    /**
     * Stops and leaves the consumer group. Streams stays in the group by default, so a restarted server would wait
     * for the old member's session to time out (45 s) before processing anything, failing every write meanwhile.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
