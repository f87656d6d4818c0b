package io.rta.service.kafka;

import com.codahale.metrics.Meter;
import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.topology.errors.RegistryRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the lifecycle of one {@link KafkaStreams} instance running the service's topologies.
 *
 * <p>A stream thread that dies (an exception a processor did not handle, a task that made no progress within
 * {@code task.timeout.ms} because the broker was unreachable) is replaced after a pause that grows while failures
 * follow each other ({@link ThreadReplacementBackoff}); the client keeps running and recovers on its own. Only the
 * global thread cannot be replaced: its failure stops the client, which {@link #isAlive()} reports so a liveness probe
 * restarts the process.
 */
public final class StreamsRunner implements Managed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    private static final String GLOBAL_THREAD_SUFFIX = "-GlobalStreamThread";

    /** The last stream thread failure: which thread, when, and why. */
    public record ThreadFailure(String thread, Instant at, Throwable error) {
    }

    private final KafkaStreams streams;
    private final Clock clock;
    private final ThreadReplacementBackoff backoff = new ThreadReplacementBackoff();
    private final Meter threadsReplaced = new Meter();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile ThreadFailure failure;
    /** A thread failed and its tasks wait for the replacement's rebalance: not ready, though the state says RUNNING. */
    private volatile boolean replacing;
    private final RestoreTracker restores = new RestoreTracker();
    /** Lets the global views wait out a registry outage in place; ended by {@link #close}. */
    private final RegistryRetry registryRetry = new RegistryRetry();

    public StreamsRunner(Topology topology, Map<String, Object> streamsConfig) {
        this(topology, streamsConfig, Clock.systemUTC());
    }

    /** With the client's metrics ({@code kafka_stream_*} and its consumers' and producers') bound to the process's. */
    public StreamsRunner(Topology topology, Map<String, Object> streamsConfig, ProcessMetrics metrics) {
        this(topology, streamsConfig, Clock.systemUTC());
        metrics.bindStreams(streams);
    }

    StreamsRunner(Topology topology, Map<String, Object> streamsConfig, Clock clock) {
        this.clock = clock;
        Properties props = new Properties();
        props.putAll(streamsConfig);
        props.put(RegistryRetry.CONFIG, registryRetry);
        // dozens of lines: for whoever debugs a topology (LogLevels io.rta.service.kafka.StreamsRunner=DEBUG)
        LOG.debug("Topology:\n{}", topology.describe());
        streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(this::threadFailed);
        streams.setStateListener((now, before) -> {
            LOG.info("Streams state {} -> {}", before, now);
            if (before == KafkaStreams.State.REBALANCING && now == KafkaStreams.State.RUNNING) {
                replacing = false;
            }
        });
        streams.setGlobalStateRestoreListener(restores);
    }

    /**
     * Runs on the failed thread before Kafka Streams acts on the answer: replacing it starts a new thread, which
     * re-reads from the last commit, so the pause here is what keeps a thread that meets the same failure again from
     * spinning. The pause ends early when the client is closed.
     */
    private StreamThreadExceptionResponse threadFailed(Throwable error) {
        String thread = Thread.currentThread().getName();
        failure = new ThreadFailure(thread, clock.instant(), error);
        if (thread.endsWith(GLOBAL_THREAD_SUFFIX)) {
            if (closing.getCount() == 0) {
                // e.g. a global view waiting for the registry, ended by close(): the client is stopping anyway
                LOG.info("The global stream thread ended while the Streams client closes: {}", error.toString());
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            LOG.error("The global stream thread failed; it cannot be replaced, so the Streams client stops and this "
                    + "process must be restarted: {}", error.toString(), error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        if (error instanceof MissingSourceTopicException) {
            // reported from a rebalance; Kafka Streams does not replace a thread for it, whatever the answer
            LOG.error("A source topic is missing; processing of its tasks waits until it exists: {}", error.toString());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        threadsReplaced.mark();
        replacing = true;
        Duration pause = closing.getCount() == 0 ? Duration.ZERO : backoff.next(clock.instant());
        LOG.error("Stream thread {} failed (failure {} in a row, {} replaced since start); a new thread replaces it "
                + "in {} ms: {}", thread, backoff.streak(), threadsReplaced.getCount(), pause.toMillis(),
                error.toString(), error);
        try {
            closing.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
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

    /**
     * Stops processing (every task keeps its state and partitions; commits stop, so writes that wait on this
     * application's views wait, and fail once they have waited {@code WriteTimeout} without progress) until
     * {@link #resume()}. For maintenance and for tests of a stopped view.
     */
    public void pause() {
        streams.pause();
    }

    public void resume() {
        streams.resume();
    }

    public boolean isPaused() {
        return streams.isPaused();
    }

    /**
     * Records of {@code topic} this instance's stream threads have not processed yet: the sum of their consumers'
     * {@code records-lag} over the topic's partitions they hold (read from the clients' own metrics, no broker
     * round trip); 0 before they fetched anything.
     */
    public double recordsBehind(String topic) {
        return ClientLag.recordsBehind(streams.metrics(), topic);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * True only in RUNNING and not while a failed thread is being replaced: while Streams starts or rebalances, or the
     * failed thread's tasks wait for their new thread, their writes are not applied, so the service is not ready.
     */
    public boolean isProcessing() {
        return streams.state() == KafkaStreams.State.RUNNING && !replacing;
    }

    public boolean isRunning() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    /**
     * Whether the client is alive: started (or about to be), running or rebalancing, or stopping because it was
     * closed. False once it stopped on its own (the global thread failed: {@code PENDING_ERROR}, {@code ERROR}, or a
     * shutdown nobody asked for), which only a restart of the process cures.
     */
    public boolean isAlive() {
        return switch (streams.state()) {
            case CREATED, REBALANCING, RUNNING -> true;
            case PENDING_SHUTDOWN, NOT_RUNNING -> closing.getCount() == 0;
            case PENDING_ERROR, ERROR -> false;
        };
    }

    /** The last stream thread failure, or null when none failed since start. */
    public ThreadFailure lastFailure() {
        return failure;
    }

    public Throwable failure() {
        ThreadFailure last = failure;
        return last == null ? null : last.error();
    }

    /** Stream threads replaced after a failure: {@code rta_stream_threads_replaced_total}. */
    public Meter threadsReplaced() {
        return threadsReplaced;
    }

    /** Readiness: healthy while processing ({@code RUNNING}); the message names the last thread failure, if any. */
    public HealthCheck.Result health() {
        String state = "Kafka Streams is " + streams.state() + (replacing ? ", replacing a failed stream thread" : "")
                + (streams.isPaused() ? ", paused" : "")
                + failures();
        return isProcessing() ? HealthCheck.Result.healthy(state) : HealthCheck.Result.unhealthy(state);
    }

    /** Liveness: fails only when the client stopped on its own (a restart is the cure). */
    public HealthCheck.Result liveness() {
        String state = "Kafka Streams is " + streams.state() + failures();
        return isAlive() ? HealthCheck.Result.healthy(state) : HealthCheck.Result.unhealthy(state);
    }

    private String failures() {
        ThreadFailure last = failure;
        if (last == null) {
            return "";
        }
        return "; " + threadsReplaced.getCount() + " stream thread(s) replaced since start, the last failure at "
                + last.at() + " in " + last.thread() + ": " + summary(last.error());
    }

    /** The error and its root cause, on one line: what went wrong without a stack trace. */
    private static String summary(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = error.getClass().getSimpleName() + ": " + error.getMessage();
        return root == error ? text : text + " (caused by " + root.getClass().getSimpleName() + ": "
                + root.getMessage() + ")";
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
        closing.countDown();
        registryRetry.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
