package io.rta.service.kafka;

import io.dropwizard.lifecycle.Managed;
import io.rta.schemas.RegistryUnavailableException;
import io.rta.service.errors.UnavailableException;
import io.rta.topology.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one producer of a service: idempotent, {@code acks=all}, so an acknowledged event survives a broker crash.
 * Events are serialized with their topic's serdes before they are handed to Kafka.
 */
public final class EventProducer implements Managed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventProducer.class);

    private final KafkaProducer<byte[], byte[]> producer;

    public EventProducer(Map<String, Object> kafkaConfig) {
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, io.rta.topology.Topics.LARGE_MESSAGE_BYTES);
        props.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Sends one event; the future completes when the event is durable (or fails with Kafka's error).
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
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes), (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(metadata);
            }
        });
        return result;
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
