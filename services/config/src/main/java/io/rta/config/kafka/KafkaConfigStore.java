package io.rta.config.kafka;

import io.rta.config.api.ConfigReader;
import io.rta.config.api.ConfigWriter;
import io.rta.config.api.StoredConfig;
import io.rta.events.ConfigPublication;
import io.rta.service.kafka.EventProducer;
import io.rta.service.kafka.StreamsRunner;
import io.rta.service.write.StallWatch;
import io.rta.service.write.WriteTimeoutException;
import io.rta.topology.Topics;
import io.rta.topology.config.ConfigTopology;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Configs over Kafka: publications are produced to the config-publications topic (the config topology lets the first
 * one of an identifier win) and read from the global config view of this process's Kafka Streams instance. A write
 * completes once the view shows it; it fails only when the view stops making progress (see {@link #until}).
 */
public final class KafkaConfigStore implements ConfigReader, ConfigWriter {

    private static final long POLL_MILLIS = 5;
    /** A wait polls every {@link #POLL_MILLIS} for this long, then every {@link #SLOW_POLL_MILLIS}. */
    private static final long FAST_POLLS_MILLIS = 200;
    private static final long SLOW_POLL_MILLIS = 25;

    private final EventProducer producer;
    private final Topics topics;
    private final StreamsRunner streams;
    private final ScheduledExecutorService timer;
    private final Duration writeTimeout;
    /** {@link System#nanoTime()} of the latest write this store saw become visible: the view's progress. */
    private volatile long lastProgress = Long.MIN_VALUE;

    public KafkaConfigStore(EventProducer producer, Topics topics, StreamsRunner streams,
                            ScheduledExecutorService timer, Duration writeTimeout) {
        this.producer = producer;
        this.topics = topics;
        this.streams = streams;
        this.timer = timer;
        this.writeTimeout = writeTimeout;
    }

    @Override
    public Optional<StoredConfig> get(String identifier) {
        ConfigPublication publication = view().get(identifier);
        return publication == null ? Optional.empty() : Optional.of(StoredConfig.of(publication));
    }

    @Override
    public boolean contains(String identifier) {
        return view().get(identifier) != null;
    }

    @Override
    public CompletableFuture<Boolean> publish(String identifier, String contentType, byte[] data) {
        if (contains(identifier)) {
            return CompletableFuture.completedFuture(false);
        }
        ConfigPublication publication = new ConfigPublication(contentType, ByteBuffer.wrap(data));
        return producer.send(topics.configPublications(), identifier, publication)
                .thenCompose(written -> until(view -> view.get(identifier) != null, identifier))
                .thenApply(done -> true);
    }

    @Override
    public CompletableFuture<Void> delete(String identifier) {
        return producer.send(topics.configPublications(), identifier, null)
                .thenCompose(written -> until(view -> view.get(identifier) == null, identifier));
    }

    private ReadOnlyKeyValueStore<String, ConfigPublication> view() {
        return streams.keyValueStore(ConfigTopology.CONFIG_VIEW_STORE, writeTimeout);
    }

    /**
     * Completes when the view satisfies the condition, or fails once the view has made no progress for the write
     * timeout: no write of this store became visible in that time (so a burst the view works through more slowly than
     * the timeout does not fail while it progresses). The polls run on the shared timer, so each looks at the view once
     * without waiting: a view that is not queryable (Kafka Streams rebalancing or recovering from a broker outage)
     * counts as not showing the write yet. A wait polls often at first, then less often, so a burst of waits does not
     * flood the timer.
     */
    private CompletableFuture<Void> until(Predicate<ReadOnlyKeyValueStore<String, ConfigPublication>> visible,
                                          String identifier) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.thenRun(() -> lastProgress = System.nanoTime());
        StallWatch.watch(done, () -> lastProgress, writeTimeout, timer, () -> new WriteTimeoutException(
                "the config '" + identifier + "' was stored in Kafka but the config view made no progress for "
                        + writeTimeout.toMillis() + " ms (WriteTimeout); it will appear once the view catches up"));
        poll(done, visible, System.nanoTime());
        return done;
    }

    private void poll(CompletableFuture<Void> done, Predicate<ReadOnlyKeyValueStore<String, ConfigPublication>> visible,
                      long started) {
        if (done.isDone()) {
            return;
        }
        try {
            if (visibleNow(visible)) {
                done.complete(null);
                return;
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            long delay = waited < FAST_POLLS_MILLIS ? POLL_MILLIS : SLOW_POLL_MILLIS;
            timer.schedule(() -> poll(done, visible, started), delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private boolean visibleNow(Predicate<ReadOnlyKeyValueStore<String, ConfigPublication>> visible) {
        try {
            return visible.test(streams.keyValueStore(ConfigTopology.CONFIG_VIEW_STORE, Duration.ZERO));
        } catch (InvalidStateStoreException e) {
            return false;
        }
    }
}
