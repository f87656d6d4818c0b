package io.rta.config.kafka;

import io.rta.config.api.ConfigReader;
import io.rta.config.api.ConfigWriter;
import io.rta.config.api.StoredConfig;
import io.rta.events.ConfigPublication;
import io.rta.service.kafka.EventProducer;
import io.rta.service.kafka.StreamsRunner;
import io.rta.service.write.WriteTimeoutException;
import io.rta.topology.Topics;
import io.rta.topology.config.ConfigTopology;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Configs over Kafka: publications are produced to the config-publications topic (the config topology lets the first
 * one of an identifier win) and read from the global config view of this process's Kafka Streams instance. A write
 * completes once the view shows it.
 */
public final class KafkaConfigStore implements ConfigReader, ConfigWriter {

    private static final long POLL_MILLIS = 5;

    private final EventProducer producer;
    private final Topics topics;
    private final StreamsRunner streams;
    private final ScheduledExecutorService timer;
    private final Duration writeTimeout;

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
     * Completes when the view satisfies the condition, or fails after the write timeout. The polls run on the shared
     * timer, so each looks at the view once without waiting: a view that is not queryable (Kafka Streams rebalancing
     * or recovering from a broker outage) counts as not showing the write yet.
     */
    private CompletableFuture<Void> until(Predicate<ReadOnlyKeyValueStore<String, ConfigPublication>> visible,
                                          String identifier) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        ScheduledFuture<?> poll = timer.scheduleWithFixedDelay(() -> {
            try {
                if (visibleNow(visible)) {
                    done.complete(null);
                } else if (System.nanoTime() > deadline) {
                    done.completeExceptionally(new WriteTimeoutException("the config '" + identifier
                            + "' was stored in Kafka but the config view did not reflect it within "
                            + writeTimeout.toMillis() + " ms; it will appear once the view catches up"));
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        done.whenComplete((value, error) -> poll.cancel(false));
        return done;
    }

    private boolean visibleNow(Predicate<ReadOnlyKeyValueStore<String, ConfigPublication>> visible) {
        try {
            return visible.test(streams.keyValueStore(ConfigTopology.CONFIG_VIEW_STORE, Duration.ZERO));
        } catch (InvalidStateStoreException e) {
            return false;
        }
    }
}
