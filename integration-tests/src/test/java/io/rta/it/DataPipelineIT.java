package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.rta.it.data.ChunkedWireDecoder;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TelemetryBatch;
import io.rta.events.TimestampedBurst;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.schemas.AvroSerde;
import io.rta.schemas.CcompatRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A pipeline that produces Avro {@code TelemetryBatch} records straight to {@code rta.telemetry} (Confluent wire
 * format, schema in the server's registry, keyed by data identity) gets exactly what the same data written through
 * {@code WriteDataStream} gets: the same REST bytes for every kind. Bursts that break the rules, and records that are
 * not a {@code TelemetryBatch}, are skipped without stopping the rest.
 */
class DataPipelineIT {

    private static final String TELEMETRY = TopicEnds.TOPICS.telemetry().name();
    private static final List<String> KINDS = List.of("periodic", "timestamped", "row", "events");
    private static final Duration APPLIED = Duration.ofSeconds(30);
    private static final int BURSTS = 10;

    private final TestServer server = TestServer.shared();
    private final DataApi data = DataApi.of(server);

    @Test
    void shouldServeTelemetryProducedStraightToKafkaExactlyAsTheSameDataWrittenOverGrpc() {
        createSessions("dpi-grpc", "dpi-pipe");
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity("dpi-grpc").send(Telemetry.bursts(0, BURSTS)).flush("done").complete();
        }
        Map<String, byte[]> viaGrpc = bodies("dpi-grpc");

        try (KafkaProducer<String, TelemetryBatch> producer = producer()) {
            for (int k = 0; k < BURSTS; k++) {
                acknowledged(producer.send(new ProducerRecord<>(TELEMETRY, "dpi-pipe", batch(Telemetry.burst(k)))));
            }
        }

        await().atMost(APPLIED).untilAsserted(() -> assertSameBodies(bodies("dpi-pipe"), viaGrpc));
        assertThat(DataWriteReadIT.events(data.events("dpi-pipe", null, null)))
                .containsExactlyElementsOf(Telemetry.events(Telemetry.bursts(0, BURSTS)));
    }

    @Test
    void shouldSkipBadBurstsAndUndecodableRecordsAndApplyTheRest() {
        createSessions("dpi-good", "dpi-mixed");
        try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
            stream.identity("dpi-good").send(Telemetry.bursts(0, 3)).flush("done").complete();
        }
        Map<String, byte[]> good = bodies("dpi-good");

        List<Object> withBadBurst = new ArrayList<>(avro(Telemetry.burst(1)));
        withBadBurst.add(2, new PeriodicBurst(0x10L, Telemetry.T0, 1_000_000L, 0, ByteBuffer.wrap(new byte[8])));
        withBadBurst.add(new RowBurst(List.of(), Telemetry.T0, ByteBuffer.wrap(new byte[4])));
        try (KafkaProducer<String, TelemetryBatch> producer = producer()) {
            acknowledged(producer.send(new ProducerRecord<>(TELEMETRY, "dpi-mixed", batch(Telemetry.burst(0)))));
            acknowledged(producer.send(new ProducerRecord<>(TELEMETRY, "dpi-mixed", new TelemetryBatch(withBadBurst))));
            sendRaw("dpi-mixed", "not Avro at all".getBytes(StandardCharsets.UTF_8));
            acknowledged(producer.send(new ProducerRecord<>(TELEMETRY, "dpi-mixed", batch(Telemetry.burst(2)))));
        }

        await().atMost(APPLIED).untilAsserted(() -> assertSameBodies(bodies("dpi-mixed"), good));
        assertThat(server.http().getJson("/health").get("status").asText()).isEqualTo("healthy");
    }

    private void createSessions(String... identities) {
        for (String identity : identities) {
            server.sessions().createOrUpdateSession(create(identity, identity, "2023-11-14T22:13:20Z", OPEN));
        }
    }

    /** The REST body of every kind (all channels), as bytes compared by content. */
    private Map<String, byte[]> bodies(String identity) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        KINDS.forEach(kind -> bodies.put(kind, data.body(identity, kind)));
        return bodies;
    }

    /** Same chunks (described readably first, for a useful failure), then the same bytes. */
    static void assertSameBodies(Map<String, byte[]> actual, Map<String, byte[]> expected) {
        assertThat(describe(actual)).isEqualTo(describe(expected));
        expected.forEach((kind, body) -> {
            List<? extends DecodedChunk<?>> want = decoded(kind, body);
            List<? extends DecodedChunk<?>> got = decoded(kind, actual.get(kind));
            for (int i = 0; i < want.size(); i++) {
                assertThat(got.get(i).header()).as("%s chunk %d header", kind, i).isEqualTo(want.get(i).header());
                assertThat(got.get(i).list()).as("%s chunk %d list", kind, i).isEqualTo(want.get(i).list());
            }
            assertThat(actual.get(kind)).as("%s bytes", kind).isEqualTo(body);
        });
    }

    /** Each kind's chunks as "channels start..end (items)", decoded with the independent decoder. */
    static Map<String, List<String>> describe(Map<String, byte[]> bodies) {
        Map<String, List<String>> described = new LinkedHashMap<>();
        bodies.forEach((kind, body) -> {
            try {
                described.put(kind, ChunkedWireDecoder.decode(body, parser(kind)).stream()
                        .map(chunk -> chunk.channelIds() + " " + chunk.startTime() + ".." + chunk.endTime() + " ("
                                + chunk.list().getAllFields().values().stream()
                                .mapToInt(items -> ((List<?>) items).size()).sum() + ")")
                        .toList());
            } catch (IOException e) {
                throw new UncheckedIOException(kind + " body is not a chunked stream", e);
            }
        });
        return described;
    }

    private static List<? extends DecodedChunk<?>> decoded(String kind, byte[] body) {
        try {
            return ChunkedWireDecoder.decode(body, parser(kind));
        } catch (IOException e) {
            throw new UncheckedIOException(kind + " body is not a chunked stream", e);
        }
    }

    private static Parser<? extends Message> parser(String kind) {
        return switch (kind) {
            case "periodic" -> PeriodicDataList.parser();
            case "timestamped" -> TimestampedDataList.parser();
            case "row" -> RowDataList.parser();
            default -> EventsList.parser();
        };
    }

    private static TelemetryBatch batch(List<WriteDataStreamMessage> messages) {
        return new TelemetryBatch(avro(messages));
    }

    /** The messages as Avro bursts, built the way a pipeline would from the event contract (telemetry-batch.avsc). */
    private static List<Object> avro(List<WriteDataStreamMessage> messages) {
        List<Object> bursts = new ArrayList<>();
        for (WriteDataStreamMessage message : messages) {
            switch (message.getTypeCase()) {
                case PERIODIC_DATA -> bursts.add(periodic(message.getPeriodicData()));
                case TIMESTAMPED_DATA -> bursts.add(timestamped(message.getTimestampedData()));
                case ROW_DATA -> bursts.add(row(message.getRowData()));
                case EVENT -> bursts.add(event(message.getEvent()));
                default -> throw new IllegalArgumentException("not data: " + message);
            }
        }
        return bursts;
    }

    private static PeriodicBurst periodic(PeriodicData data) {
        return new PeriodicBurst(Integer.toUnsignedLong(data.getChannelId()), data.getStartTimestamp(),
                data.getInterval(), data.getSamples(), data.getBuffer().asReadOnlyByteBuffer());
    }

    private static TimestampedBurst timestamped(TimestampedData data) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(packed);
        try {
            for (long delta : data.getTimestampDeltasList()) {
                out.writeInt64NoTag(delta);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TimestampedBurst(Integer.toUnsignedLong(data.getChannelId()), data.getStartTimestamp(),
                data.getTimestampDeltasScale(), ByteBuffer.wrap(packed.toByteArray()),
                data.getBuffer().asReadOnlyByteBuffer());
    }

    private static RowBurst row(RowData data) {
        return new RowBurst(data.getChannelIdsList().stream().map(Integer::toUnsignedLong).toList(),
                data.getTimestamp(), data.getBuffer().asReadOnlyByteBuffer());
    }

    private static EventBurst event(Event event) {
        return new EventBurst(event.getEventDefinitionId(), event.getAppName(), event.getTimestamp(),
                event.getStatusText(), List.copyOf(event.getRawDataList()));
    }

    private KafkaProducer<String, TelemetryBatch> producer() {
        AvroSerde<TelemetryBatch> serde = new AvroSerde<>(new CcompatRegistryClient(server.registryUrl()),
                TelemetryBatch.class, false);
        return new KafkaProducer<>(producerConfig(), new StringSerializer(), serde.serializer());
    }

    private void sendRaw(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            acknowledged(raw.send(new ProducerRecord<>(TELEMETRY, key, value)));
        }
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    private static void acknowledged(Future<?> sent) {
        try {
            sent.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the record was not acknowledged by Kafka", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
