package io.rta.service.kafka;

import io.dropwizard.lifecycle.Managed;
import io.rta.schemas.AvroSerde;
import io.rta.schemas.RegistryUnavailableException;
import io.rta.service.errors.UnavailableException;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.topology.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one producer of a service: idempotent, {@code acks=all}, so an acknowledged event survives a broker crash.
 * Events are serialized with their topic's serdes before they are handed to Kafka.
 *
 * <p>{@link #send} never blocks its caller. {@code KafkaProducer.send} itself blocks for up to {@code max.block.ms}
 * when the broker is unreachable (no metadata for the topic) or the buffer is full; callers include shared timer
 * threads and threads that hold a write stream's lock, so the call runs on this producer's own thread, in the order
 * events were given. Every failure completes the future with an {@link UnavailableException} saying Kafka did not take
 * the event: REST 503, gRPC {@code UNAVAILABLE}.
 */
public final class EventProducer implements Managed, AutoCloseable {

    /** Longest {@code KafkaProducer.send} may block (when the write timeout is not shorter). */
    public static final Duration MAX_BLOCK = Duration.ofSeconds(5);
    /** Longest a produce request may wait for the broker's answer (when the write timeout is not shorter). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    static final int LINGER_MS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(EventProducer.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final ExecutorService sender;
    private final long maxBlockNanos;

    /**
     * @param writeTimeout how long a write may take: bounds how long a send may block ({@code max.block.ms}: at most
     *     {@link #MAX_BLOCK}, at most half the write timeout) and how long Kafka may take to acknowledge an event
     *     ({@code delivery.timeout.ms}: the write timeout, or the least Kafka allows)
     */
    public EventProducer(Map<String, Object> kafkaConfig, Duration writeTimeout) {
        this(kafkaConfig, writeTimeout, null);
    }

    /** With the producer's metrics ({@code kafka_producer_*}) bound to the process's (none when null). */
    public EventProducer(Map<String, Object> kafkaConfig, Duration writeTimeout, ProcessMetrics metrics) {
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, io.rta.topology.Topics.LARGE_MESSAGE_BYTES);
        props.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        long requestTimeout = Math.min(REQUEST_TIMEOUT.toMillis(), Math.max(1, writeTimeout.toMillis()));
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMillis(writeTimeout));
        long maxBlock = Long.parseLong(props.get(ProducerConfig.MAX_BLOCK_MS_CONFIG).toString());
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) Math.max(writeTimeout.toMillis(), requestTimeout + LINGER_MS));
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        if (metrics != null) {
            metrics.bindProducer(producer);
        }
        maxBlockNanos = TimeUnit.MILLISECONDS.toNanos(maxBlock);
        sender = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-send");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code max.block.ms} for a write timeout: a few seconds, at most half the write timeout (at least 1 ms). */
    static long maxBlockMillis(Duration writeTimeout) {
        return Math.max(1, Math.min(MAX_BLOCK.toMillis(), writeTimeout.toMillis() / 2));
    }

    /**
     * Sends one event without blocking; the future completes when the event is durable, or fails with an
     * {@link UnavailableException} when Kafka did not take or acknowledge it in time.
     *
     * @throws UnavailableException when the event cannot be encoded because the schema registry is unavailable (a
     *                              503 / {@code UNAVAILABLE} answer: the write may be retried)
     */
    public <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
        byte[] keyBytes;
        byte[] valueBytes;
        try {
            keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
            valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        } catch (SerializationException e) {
            if (RegistryUnavailableException.isCauseOf(e)) {
                LOG.warn("Cannot encode a write to {}: {}", topic.name(), e.getMessage());
                throw new UnavailableException("the schema registry is unavailable, so the write to '" + topic.name()
                        + "' cannot be encoded now; retry later", e);
            }
            throw e;
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(), keyBytes, valueBytes);
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        long queued = System.nanoTime();
        try {
            sender.execute(() -> hand(record, result, queued));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new UnavailableException("the service is shutting down: the event for "
                    + topic.name() + " was not sent to Kafka", e));
        }
        return result;
    }

    /**
     * Whether {@link #send} to {@code topic} returns without waiting on I/O: its serdes know their schema ids (an
     * Avro serde registers its schema on first use, which asks the registry).
     */
    public boolean encodesAtOnce(Topic<?, ?> topic) {
        return encodesAtOnce(topic.keySerde(), topic.name()) && encodesAtOnce(topic.valueSerde(), topic.name());
    }

    private static boolean encodesAtOnce(Object serde, String topic) {
        return !(serde instanceof AvroSerde<?> avro) || avro.knowsSchemaId(topic);
    }

    /**
     * Hands the record to Kafka on the sender thread. A record that waited longer than {@code max.block.ms} behind
     * others fails at once: Kafka blocked the sends before it for that long, so it is not taking events now, and
     * failing the queue fast keeps it from growing while the broker is away.
     */
    private void hand(ProducerRecord<byte[], byte[]> record, CompletableFuture<RecordMetadata> result, long queued) {
        if (result.isDone()) {
            return;
        }
        long waited = System.nanoTime() - queued;
        if (waited > maxBlockNanos) {
            result.completeExceptionally(new UnavailableException("Kafka is unavailable: the event for "
                    + record.topic() + " waited " + TimeUnit.NANOSECONDS.toMillis(waited) + " ms behind events "
                    + "Kafka did not take, and was not sent"));
            return;
        }
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    result.completeExceptionally(unavailable(record.topic(), error));
                } else {
                    result.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(unavailable(record.topic(), e));
        }
    }

    private static UnavailableException unavailable(String topic, Throwable error) {
        String problem = error instanceof TimeoutException
                ? "Kafka is unavailable: the event for " + topic + " was not acknowledged in time"
                : "Kafka did not store the event for " + topic;
        LOG.debug("{}: {}", problem, error.toString());
        return new UnavailableException(problem + " (" + error.getMessage() + ")", error);
    }

    @Override
    public void stop() {
        close();
    }

    /** Hands the events already given to Kafka (each waits at most {@code max.block.ms}), then closes the producer. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(TimeUnit.NANOSECONDS.toMillis(maxBlockNanos) + 1000, TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
