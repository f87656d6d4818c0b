package io.rta.server.bench;

import io.rta.data.grpc.WriterLimits;
import io.rta.events.TelemetryBatch;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.topology.Topic;
import io.rta.topology.data.Bursts;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline: the telemetry records the gRPC writer would produce for the same bursts (Avro bytes packed as the
 * writer packs them), produced with a plain {@link KafkaProducer} set up as the server's {@code EventProducer} to a
 * scratch topic configured as {@code rta.telemetry}, timed from the first send until every record is acknowledged.
 */
final class KafkaBaseline {

    /** What was produced and how long until all of it was acknowledged. */
    record Result(long records, long bytes, long samples, long elapsedNanos) {
        double recordsPerSecond() {
            return records / (elapsedNanos / 1e9);
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / (elapsedNanos / 1e9);
        }

        double samplesPerSecond() {
            return samples / (elapsedNanos / 1e9);
        }
    }

    private final Map<String, Object> clientConfig;
    private final PrintStream progress;

    /** @param clientConfig the cluster and the {@code Kafka:*} properties (KafkaSettings.common) */
    KafkaBaseline(Map<String, Object> clientConfig, PrintStream progress) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.progress = progress;
    }

    /**
     * Packs and serializes every stream's bursts first (untimed), then produces them, the streams' records
     * interleaved, to {@code scratchTopic} (created with {@code partitions} and deleted afterwards).
     */
    Result run(Topic<String, TelemetryBatch> telemetry, String scratchTopic, int partitions, short replication,
               List<String> identities, List<BurstSequence> sequences) throws Exception {
        progress.println("bench: baseline: packing and serializing the telemetry records ...");
        List<List<byte[]>> perStream = new ArrayList<>();
        long samples = 0;
        for (BurstSequence sequence : sequences) {
            samples += sequence.samples();
            perStream.add(records(telemetry, sequence));
        }
        try (Admin admin = Admin.create(clientConfig)) {
            admin.createTopics(List.of(new NewTopic(scratchTopic, partitions, replication)
                    .configs(telemetry.configs()))).all().get();
            try {
                awaitLeaders(scratchTopic, partitions);
                progress.println("bench: baseline: producing them to " + scratchTopic + " ...");
                return produce(scratchTopic, identities, perStream, samples);
            } finally {
                admin.deleteTopics(List.of(scratchTopic)).all().get();
            }
        }
    }

    /** The records of one stream, as WriteStream packs them (flush markers aside, which cut a batch short). */
    private static List<byte[]> records(Topic<String, TelemetryBatch> telemetry, BurstSequence sequence) {
        List<byte[]> records = new ArrayList<>();
        List<Object> bursts = new ArrayList<>();
        long bytes = 0;
        while (sequence.hasNext()) {
            WriteDataStreamMessage message = sequence.next();
            bytes += message.hasPeriodicData() ? message.getPeriodicData().getSerializedSize()
                    : message.getTimestampedData().getSerializedSize();
            bursts.add(message.hasPeriodicData() ? Bursts.fromProto(message.getPeriodicData())
                    : Bursts.fromProto(message.getTimestampedData()));
            if (bytes >= WriterLimits.DEFAULT_BATCH_BYTES || bursts.size() >= WriterLimits.DEFAULT_BATCH_BURSTS
                    || !sequence.hasNext()) {
                records.add(telemetry.valueSerde().serializer().serialize(telemetry.name(),
                        new TelemetryBatch(bursts)));
                bursts = new ArrayList<>();
                bytes = 0;
            }
        }
        return records;
    }

    private Result produce(String topic, List<String> identities, List<List<byte[]>> perStream, long samples)
            throws InterruptedException, ExecutionException {
        long records = 0;
        long bytes = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata fetched before the clock starts
            long start = System.nanoTime();
            int longest = perStream.stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < longest; i++) {
                for (int s = 0; s < perStream.size(); s++) {
                    if (i < perStream.get(s).size()) {
                        byte[] value = perStream.get(s).get(i);
                        producer.send(new ProducerRecord<>(topic,
                                identities.get(s).getBytes(StandardCharsets.UTF_8), value), (metadata, error) -> {
                                    if (error != null) {
                                        failure.compareAndSet(null, error);
                                    }
                                });
                        records++;
                        bytes += value.length;
                    }
                }
            }
            producer.flush();
            long elapsed = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("the baseline producer failed: " + failure.get(), failure.get());
            }
            progress.println(String.format(Locale.ROOT, "bench: baseline: %,d records, %,d bytes in %.1f s", records,
                    bytes, elapsed / 1e9));
            return new Result(records, bytes, samples, elapsed);
        }
    }

    /**
     * Writes one empty record to each partition of a new topic with a non-idempotent producer: an idempotent one
     * sending while the broker still takes up leadership can get stuck on out-of-order sequence errors.
     */
    private void awaitLeaders(String topic, int partitions) throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int partition = 0; partition < partitions; partition++) {
                producer.send(new ProducerRecord<>(topic, partition, null, new byte[0])).get();
            }
        }
    }

    /** The settings of the server's EventProducer (idempotent, acks=all, lz4, linger 2 ms, default batch size). */
    private Properties producerConfig() {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, io.rta.topology.Topics.LARGE_MESSAGE_BYTES);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(15).toMillis());
        return props;
    }
}
