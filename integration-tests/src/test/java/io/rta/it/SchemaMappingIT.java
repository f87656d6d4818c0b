package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rta.events.DeadLetter;
import io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.EventMapping;
import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub;
import io.rta.proto.toolkit.schemamapping.TargetChannelDataType;
import io.rta.schemas.AvroSerde;
import io.rta.schemas.CcompatRegistryClient;
import io.rta.topology.Topics;
import io.rta.topology.schemamapping.SchemaMappingKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code SchemaMappingStore} as the all-in-one server serves it and as {@code ./rta schema-mapping-service} serves it
 * (a process of its own on the same broker and registry, so both views fold the one rta.schema-mappings topic): every
 * RPC, read-your-writes, every refusal, and records a pipeline produced straight to the topic — served when valid,
 * set aside when hostile, with both services answering on.
 */
class SchemaMappingIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration APPLIED = Duration.ofSeconds(90);
    private static final String STORE = "rta.toolkit.api.schema_mapping_service.SchemaMappingStore";
    private static final Topics TOPICS = TopicEnds.TOPICS;

    private static TestServer server;
    private static StandaloneProcess standalone;

    @BeforeAll
    static void startTheStandaloneServiceNextToTheServer() {
        server = TestServer.shared();
        standalone = StandaloneProcess.start("schema-mapping-service", server.bootstrapServers(),
                server.registryUrl(), Map.of(), START);
    }

    @AfterAll
    static void stopTheStandaloneService() {
        if (standalone != null) {
            standalone.close();
        }
    }

    static Stream<Arguments> services() {
        return Stream.of(Arguments.of("server"), Arguments.of("schema-mapping-service"));
    }

    private static ManagedChannel channel(String service) {
        return service.equals("server") ? server.channel() : standalone.channel();
    }

    private static SchemaMappingStoreBlockingStub client(String service) {
        return SchemaMappingStoreGrpc.newBlockingStub(channel(service)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** Every field of the proto set: maps, both enums' kinds of value, a channel above 2^31, a negative event id. */
    static SchemaMapping full(String marker) {
        return SchemaMapping.newBuilder()
                .putProperties("dialect", "influxql").putProperties("database", "rtademo")
                .putProperties("marker", marker)
                .addFieldMappings(FieldMapping.newBuilder().setSourceField("alpha").setTargetChannel(0)
                        .putProperties("table", "samples_100").setSourceFieldDataType("float64")
                        .setTargetChannelDataType(TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_DOUBLE64))
                .addFieldMappings(FieldMapping.newBuilder().setSourceField("beta").setTargetChannel(0xB))
                .addFieldMappings(FieldMapping.newBuilder().setSourceField("gamma").setTargetChannel(0xFFFF_FFF0)
                        .setTargetChannelDataType(TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_INT16))
                .addEventMappings(EventMapping.newBuilder().setSourceEvent("lap").setTargetEventApp("Timing")
                        .setTargetEventId(-7).putProperties("table", "events")
                        .addAllSourceEventDataFields(List.of("lap_time", "sector")))
                .build();
    }

    private static PutSchemaMappingRequest put(String source, String identity, SchemaMapping mapping) {
        return PutSchemaMappingRequest.newBuilder().setDataSource(source).setDataIdentity(identity)
                .setSchemaMapping(mapping).build();
    }

    private static GetSchemaMappingRequest get(String source, String identity) {
        return GetSchemaMappingRequest.newBuilder().setDataSource(source).setDataIdentity(identity).build();
    }

    private static HasSchemaMappingRequest has(String source, String identity) {
        return HasSchemaMappingRequest.newBuilder().setDataSource(source).setDataIdentity(identity).build();
    }

    private static QuerySchemaMappingRequest query(String identity, String channels, boolean events) {
        return QuerySchemaMappingRequest.newBuilder().setDataSource("influx").setDataIdentity(identity)
                .setSelectChannels(channels).setSelectEvents(events).build();
    }

    private static DeleteSchemaMappingRequest delete(String source, String identity) {
        return DeleteSchemaMappingRequest.newBuilder().setDataSource(source).setDataIdentity(identity).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void shouldGiveBackEveryFieldOfAMappingAndFilterQueries(String service) {
        String identity = "car='EA04 LFG' AND trip=\"" + service + "\"";
        SchemaMappingStoreBlockingStub client = client(service);

        client.putSchemaMapping(put("influx", identity, full("v1")));

        assertThat(client.getSchemaMapping(get("influx", identity))).isEqualTo(full("v1"));
        assertThat(client.hasSchemaMapping(has("influx", identity)).getValue()).isTrue();
        assertThat(client.hasSchemaMapping(has("influx", identity + " ")).getValue()).isFalse();
        assertThat(client.hasSchemaMapping(has("files", identity)).getValue()).isFalse();

        SchemaMapping some = client.querySchemaMapping(query(identity, "1-B,FFFFFFF0-", false));
        assertThat(some.getFieldMappingsList()).extracting(FieldMapping::getSourceField)
                .containsExactly("beta", "gamma");
        assertThat(some.getEventMappingsList()).isEmpty();
        assertThat(some.getPropertiesMap()).isEqualTo(full("v1").getPropertiesMap());
        assertThat(client.querySchemaMapping(query(identity, "0-", true))).isEqualTo(full("v1"));
        SchemaMapping eventsOnly = client.querySchemaMapping(query(identity, "", true));
        assertThat(eventsOnly.getFieldMappingsList()).isEmpty();
        assertThat(eventsOnly.getEventMappingsList()).isEqualTo(full("v1").getEventMappingsList());
        Expect.status(() -> client.querySchemaMapping(query(identity, "1,X", true)), Status.Code.INVALID_ARGUMENT,
                "select_channels: ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void shouldReplaceAMappingThenDeleteIt(String service) {
        String identity = "replace-" + service;
        SchemaMappingStoreBlockingStub client = client(service);
        client.putSchemaMapping(put("influx", identity, full("v1")));

        client.putSchemaMapping(put("influx", identity, full("v2")));
        assertThat(client.getSchemaMapping(get("influx", identity))).isEqualTo(full("v2"));

        client.deleteSchemaMapping(delete("influx", identity));
        assertThat(client.hasSchemaMapping(has("influx", identity)).getValue()).isFalse();
        Expect.status(() -> client.getSchemaMapping(get("influx", identity)), Status.Code.NOT_FOUND,
                "no schema mapping for (data_source, data_identity) ('influx', 'replace-" + service + "')");
        Expect.status(() -> client.querySchemaMapping(query(identity, "0-", true)), Status.Code.NOT_FOUND,
                "('influx', 'replace-" + service + "')");
        client.deleteSchemaMapping(delete("influx", identity)); // deleting what is not there succeeds
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void shouldReadItsOwnWritesRightAway(String service) {
        SchemaMappingStoreBlockingStub client = client(service);
        String identity = "ryw-" + service;
        for (int i = 0; i < 20; i++) {
            client.putSchemaMapping(put("influx", identity, full("v" + i)));
            assertThat(client.getSchemaMapping(get("influx", identity))).isEqualTo(full("v" + i));
            assertThat(client.querySchemaMapping(query(identity, "", false)).getPropertiesMap())
                    .containsEntry("marker", "v" + i);
        }
        client.deleteSchemaMapping(delete("influx", identity));
        assertThat(client.hasSchemaMapping(has("influx", identity)).getValue()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void shouldRefuseEveryBadInputNamingTheFieldAndWriteNothing(String service) {
        SchemaMappingStoreBlockingStub client = client(service);
        FieldMapping a3 = FieldMapping.newBuilder().setSourceField("a").setTargetChannel(3).build();
        Map<String, Runnable> bad = new java.util.LinkedHashMap<>();
        bad.put("data_source: an identity must not be empty", () -> client.putSchemaMapping(put("", "i", full("x"))));
        bad.put("data_identity: an identity must not be empty",
                () -> client.putSchemaMapping(put("s", "", full("x"))));
        bad.put("data_identity: the identity holds the control character U+000A",
                () -> client.putSchemaMapping(put("s", "a\nb", full("x"))));
        bad.put("data_identity: the identity is 2000 bytes long",
                () -> client.putSchemaMapping(put("s", "i".repeat(2000), full("x"))));
        bad.put("schema_mapping: missing", () -> client.putSchemaMapping(PutSchemaMappingRequest.newBuilder()
                .setDataSource("s").setDataIdentity("i").build()));
        bad.put("schema_mapping.field_mappings[1].target_channel: channel 3 (hex) is the target of an earlier",
                () -> client.putSchemaMapping(put("s", "i", SchemaMapping.newBuilder().addFieldMappings(a3)
                        .addFieldMappings(a3.toBuilder().setSourceField("b")).build())));
        bad.put("schema_mapping.field_mappings[0].source_field: must not be empty",
                () -> client.putSchemaMapping(put("s", "i", SchemaMapping.newBuilder()
                        .addFieldMappings(a3.toBuilder().setSourceField("")).build())));
        bad.put("schema_mapping.field_mappings[0].target_channel_data_type: 9 is not a TargetChannelDataType",
                () -> client.putSchemaMapping(put("s", "i", SchemaMapping.newBuilder()
                        .addFieldMappings(a3.toBuilder().setTargetChannelDataTypeValue(9)).build())));
        bad.put("schema_mapping.event_mappings[0].target_event_app: must not be empty",
                () -> client.putSchemaMapping(put("s", "i", SchemaMapping.newBuilder().addEventMappings(
                        EventMapping.newBuilder().setSourceEvent("e")).build())));
        bad.put("schema_mapping.event_mappings[0].source_event_data_fields[0]: must not be empty",
                () -> client.putSchemaMapping(put("s", "i", SchemaMapping.newBuilder().addEventMappings(
                        EventMapping.newBuilder().setSourceEvent("e").setTargetEventApp("App")
                                .addSourceEventDataFields("")).build())));
        bad.put("schema_mapping.event_mappings[1]: the event ('App', 1) is the target of an earlier",
                () -> client.putSchemaMapping(put("s", "i", SchemaMapping.newBuilder()
                        .addEventMappings(EventMapping.newBuilder().setSourceEvent("e").setTargetEventApp("App")
                                .setTargetEventId(1))
                        .addEventMappings(EventMapping.newBuilder().setSourceEvent("f").setTargetEventApp("App")
                                .setTargetEventId(1)).build())));
        bad.put("schema_mapping.properties: a key must not be empty", () -> client.putSchemaMapping(put("s", "i",
                SchemaMapping.newBuilder().putProperties("", "x").build())));
        bad.put("(MaxSchemaMappingSize)", () -> client.putSchemaMapping(put("s", "i", SchemaMapping.newBuilder()
                .putProperties("big", "x".repeat(5 * 1024 * 1024)).build())));
        // beyond what any storable mapping needs: refused before it is parsed (2 x 4 MiB + 64 KiB)
        bad.put("PutSchemaMapping: the request is larger than 8,454,144 bytes, the most twice "
                + "MaxSchemaMappingSize and 64 KiB allow", () -> client.putSchemaMapping(put("s", "i",
                SchemaMapping.newBuilder().putProperties("big", "x".repeat(9 * 1024 * 1024)).build())));
        bad.put("data_source: an identity must not be empty (get)",
                () -> client.getSchemaMapping(get("", "i")));
        bad.put("data_identity: an identity must not be empty (has)",
                () -> client.hasSchemaMapping(has("s", "")));
        bad.put("data_identity: an identity must not be empty (delete)",
                () -> client.deleteSchemaMapping(delete("s", "")));

        try (TopicEnds ends = new TopicEnds(server.bootstrapServers())) {
            List<String> topic = List.of(TOPICS.schemaMappings().name());
            var before = ends.ends(topic);
            bad.forEach((problem, call) -> Expect.status(call::run, Status.Code.INVALID_ARGUMENT,
                    problem.replaceAll(" \\((get|has|delete)\\)$", "")));
            assertThat(ends.ends(topic)).as("nothing written").isEqualTo(before);
        }
    }

    @Test
    void shouldServeWhatAPipelineProducedAndSetAsideHostileRecordsWhileAnswering() throws Exception {
        io.rta.events.SchemaMapping valid = pipelineMapping("pipeline-run-7");
        Map<String, String> hostile = new java.util.LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> pipeline = producer()) {
            AvroSerde<io.rta.events.SchemaMapping> serde = new AvroSerde<>(
                    new CcompatRegistryClient(server.registryUrl()), io.rta.events.SchemaMapping.class, false);
            byte[] validBytes = serde.serializer().serialize(TOPICS.schemaMappings().name(), valid);
            String key = SchemaMappingKeys.encode("files", "pipeline-run-7");
            hostile.put(deadLetterKey(send(pipeline, key, "garbage, not Avro".getBytes(StandardCharsets.UTF_8))),
                    "record value: not a SchemaMapping event");
            hostile.put(deadLetterKey(send(pipeline, "files/pipeline-run-7", validBytes)),
                    "is not a JSON array of two strings");
            hostile.put(deadLetterKey(send(pipeline, SchemaMappingKeys.encode("files", "pipeline-run-8"),
                    validBytes)), "data_identity: the value's 'pipeline-run-7' differs from the record key's");
            send(pipeline, key, validBytes);
        }

        SchemaMapping expected = SchemaMapping.newBuilder().putProperties("time_column", "t")
                .addFieldMappings(FieldMapping.newBuilder().setSourceField("speed").setTargetChannel(4)).build();
        for (String service : List.of("server", "schema-mapping-service")) {
            assertThat(eventually(() -> client(service).getSchemaMapping(get("files", "pipeline-run-7"))))
                    .as(service).isEqualTo(expected);
            Expect.status(() -> client(service).getSchemaMapping(get("files", "pipeline-run-8")),
                    Status.Code.NOT_FOUND, "pipeline-run-8");
        }
        // each process holding the view writes its own dead letter of each hostile record
        Map<String, List<DeadLetter>> letters = awaitDeadLetters(hostile.keySet(), 2);
        hostile.forEach((deadLetterKey, reason) -> assertThat(letters.get(deadLetterKey)).as(deadLetterKey)
                .allSatisfy(letter -> assertThat(letter.getReason()).contains(reason))
                .extracting(DeadLetter::getApplication)
                .containsExactlyInAnyOrder("rta.rta-server", "rta.rta-schema-mapping-service"));
        assertThat(server.http().getJson("/health").get("status").asText()).isEqualTo("healthy");
        assertThat(standalone.http().getJson("/health").get("status").asText()).isEqualTo("healthy");
        for (String service : List.of("server", "schema-mapping-service")) {
            client(service).putSchemaMapping(put("files", "after-hostile", full("ok")));
            assertThat(client(service).getSchemaMapping(get("files", "after-hostile"))).isEqualTo(full("ok"));
        }
    }

    @Test
    void shouldRunAloneWithItsOwnRootHealthAndReflection() throws Exception {
        Http http = standalone.http();
        assertThat(http.getJson("/").path("name").asText()).isEqualTo("rta-schema-mapping-service");
        Expect.json(http.getJson("/").path("features"), "[\"schema-mappings\"]");
        assertThat(http.getJson("/health").path("checks").path("kafka").path("healthy").asBoolean()).isTrue();
        assertThat(Http.text(Http.ok(http.get("/metrics")))).contains("rta_view_records_behind{")
                .contains("view=\"schema-mappings\"");
        assertThat(GrpcReflection.services(standalone.channel())).contains(STORE, "grpc.health.v1.Health");
        assertThat(GrpcReflection.services(server.channel())).contains(STORE);
    }

    // --- helpers ---

    private static io.rta.events.SchemaMapping pipelineMapping(String identity) {
        return io.rta.events.SchemaMapping.newBuilder().setDataSource("files").setDataIdentity(identity)
                .setProperties(Map.of("time_column", "t"))
                .setFieldMappings(List.of(io.rta.events.FieldMapping.newBuilder().setSourceField("speed")
                        .setTargetChannel(4).build()))
                .build();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value)
            throws Exception {
        return producer.send(new ProducerRecord<>(TOPICS.schemaMappings().name(),
                key.getBytes(StandardCharsets.UTF_8), value)).get(30, TimeUnit.SECONDS);
    }

    private static String deadLetterKey(RecordMetadata written) {
        return Topics.deadLetterKey(written.topic(), written.partition(), written.offset());
    }

    /** What {@code read} answers once it stops failing NOT_FOUND (a record another producer wrote). */
    private static <T> T eventually(Supplier<T> read) throws InterruptedException {
        long deadline = System.nanoTime() + APPLIED.toNanos();
        while (true) {
            try {
                return read.get();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** The dead letters of the given keys, once each has {@code copies}. */
    private static Map<String, List<DeadLetter>> awaitDeadLetters(Set<String> keys, int copies) {
        Map<String, List<DeadLetter>> found = new HashMap<>();
        try (KafkaConsumer<String, DeadLetter> consumer = DeadLetterTopic.consumer(server)) {
            long deadline = System.nanoTime() + APPLIED.toNanos();
            while (!keys.stream().allMatch(key -> found.getOrDefault(key, List.of()).size() >= copies)
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(record.key())) {
                        found.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
                    }
                }
            }
        }
        assertThat(found.keySet()).as("dead letters").containsAll(keys);
        return found;
    }
}
