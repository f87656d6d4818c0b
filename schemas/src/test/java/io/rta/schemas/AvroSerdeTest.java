package io.rta.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;

class AvroSerdeTest {

    private static final String TOPIC = "rta.sessions";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final AvroSerde<SessionState> serde = new AvroSerde<>(registry, SessionState.class, false);

    @Test
    void shouldRoundTripSessionState() {
        SessionState state = Events.sessionState();

        byte[] bytes = serde.serializer().serialize(TOPIC, state);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(state);
    }

    @Test
    void shouldKnowItsSchemaIdOnlyOnceItHasAskedTheRegistry() {
        assertThat(serde.knowsSchemaId(TOPIC)).as("the first write asks the registry").isFalse();

        serde.serializer().serialize(TOPIC, Events.sessionState());

        assertThat(serde.knowsSchemaId(TOPIC)).isTrue();
        assertThat(serde.knowsSchemaId("another-topic")).isFalse();
    }

    @Test
    void shouldRoundTripSessionUpdateBatch() {
        AvroSerde<SessionUpdateBatch> batchSerde = new AvroSerde<>(registry, SessionUpdateBatch.class, false);
        SessionUpdateBatch batch = Events.sessionUpdateBatch();

        byte[] bytes = batchSerde.serializer().serialize("rta.session-updates", batch);

        assertThat(batchSerde.deserializer().deserialize("rta.session-updates", bytes)).isEqualTo(batch);
    }

    @Test
    void shouldWriteMagicByteThenBigEndianSchemaIdThenAvroBinary() throws IOException {
        SchemaRegistryClient fixedId = new FixedIdRegistry(0x01020304);
        AvroSerde<SessionState> fixedSerde = new AvroSerde<>(fixedId, SessionState.class, false);
        SessionState state = Events.sessionState();

        byte[] bytes = fixedSerde.serializer().serialize(TOPIC, state);

        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avroBinary(state));
    }

    @Test
    void shouldRegisterOncePerSubjectUnderTopicValue() {
        FixedIdRegistry counting = new FixedIdRegistry(9);
        AvroSerde<SessionState> countingSerde = new AvroSerde<>(counting, SessionState.class, false);

        countingSerde.serializer().serialize(TOPIC, Events.sessionState());
        countingSerde.serializer().serialize(TOPIC, Events.sessionState());
        countingSerde.serializer().serialize("other", Events.sessionState());

        assertThat(counting.registeredSubjects).containsExactly("rta.sessions-value", "other-value");
    }

    @Test
    void shouldRegisterUnderTopicKeyWhenUsedAsKeySerde() {
        FixedIdRegistry counting = new FixedIdRegistry(9);
        AvroSerde<SessionState> keySerde = new AvroSerde<>(counting, SessionState.class, true);

        keySerde.serializer().serialize(TOPIC, Events.sessionState());

        assertThat(counting.registeredSubjects).containsExactly("rta.sessions-key");
    }

    @Test
    void shouldMapTombstonesToNullBothWaysWithoutTouchingTheRegistry() {
        FixedIdRegistry counting = new FixedIdRegistry(9);
        AvroSerde<SessionState> countingSerde = new AvroSerde<>(counting, SessionState.class, false);

        assertThat(countingSerde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(countingSerde.deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(counting.registeredSubjects).isEmpty();
    }

    @Test
    void shouldDecodeRecordWrittenWithNewerSchemaThatHasAnExtraDefaultedField() throws IOException {
        Schema newer = withExtraField(SessionState.getClassSchema());
        GenericRecord written = toGeneric(Events.sessionState(), newer);
        written.put("pitStops", 3);
        int id = registry.register("rta.sessions-value", newer);

        SessionState read = serde.deserializer().deserialize(TOPIC, wireBytes(id, newer, written));

        assertThat(read).isEqualTo(Events.sessionState());
    }

    @Test
    void shouldDecodeRecordWrittenWithOlderSchemaThatLacksADefaultedField() throws IOException {
        Schema older = withoutField(SessionState.getClassSchema(), "sequence");
        GenericRecord written = toGeneric(Events.sessionState(), older);
        int id = registry.register("rta.sessions-value", older);

        SessionState read = serde.deserializer().deserialize(TOPIC, wireBytes(id, older, written));

        assertThat(read.getSequence()).isNull();
        assertThat(read.getIdentity()).isEqualTo("session-1");
    }

    @Test
    void shouldRejectUnknownMagicByte() {
        byte[] bytes = serde.serializer().serialize(TOPIC, Events.sessionState());
        bytes[0] = 7;

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown magic byte 0x07")
                .hasMessageContaining(TOPIC);
    }

    @Test
    void shouldRejectUnknownSchemaId() {
        byte[] bytes = {0, 0, 0, 0, 42, 2, 'x'};

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown writer schema id 42");
    }

    @Test
    void shouldCarryAnUnavailableRegistryInTheCauseAndDecodeOnceItIsBack() {
        byte[] bytes = serde.serializer().serialize(TOPIC, Events.sessionState());
        OutageRegistry outage = new OutageRegistry(registry);
        AvroSerde<SessionState> reader = new AvroSerde<>(outage, SessionState.class, false);
        outage.down = true;

        assertThatThrownBy(() -> reader.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("the schema registry is unavailable to resolve writer schema id 1")
                .matches(RegistryUnavailableException::isCauseOf, "has a RegistryUnavailableException as a cause");

        outage.down = false;
        assertThat(reader.deserializer().deserialize(TOPIC, bytes)).isEqualTo(Events.sessionState());
    }

    @Test
    void shouldTellAnUnknownSchemaIdFromAnUnavailableRegistry() {
        byte[] bytes = {0, 0, 0, 0, 42, 2, 'x'};

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .matches(e -> !RegistryUnavailableException.isCauseOf(e), "is not a registry outage")
                .hasCauseInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldFailAWriteWithTheRegistryUnavailableAsAnOutageAndWriteOnceItIsBack() {
        OutageRegistry outage = new OutageRegistry(registry);
        AvroSerde<SessionState> writer = new AvroSerde<>(outage, SessionState.class, false);
        outage.down = true;

        assertThatThrownBy(() -> writer.serializer().serialize(TOPIC, Events.sessionState()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("the schema registry is unavailable to register its schema")
                .matches(RegistryUnavailableException::isCauseOf, "has a RegistryUnavailableException as a cause");

        outage.down = false;
        assertThat(writer.serializer().serialize(TOPIC, Events.sessionState())).isNotEmpty();
    }

    @Test
    void shouldReportARejectedSchemaAsASerializationErrorNamingTheSubject() {
        registry.register("rta.sessions-value", Schema.createRecord("SessionState", null, "io.rta.events", false,
                List.of(new Schema.Field("identity", Schema.create(Schema.Type.INT)))));
        registry.setCompatibility("rta.sessions-value", "BACKWARD");

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, Events.sessionState()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject 'rta.sessions-value'");
    }

    @Test
    void shouldRejectRecordShorterThanTheHeader() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("shorter than the 5-byte");
    }

    private static byte[] avroBinary(SessionState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(SessionState.class).write(state, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] wireBytes(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord toGeneric(SessionState state, Schema schema) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            Schema.Field own = state.getSchema().getField(field.name());
            if (own != null) {
                record.put(field.name(), state.get(own.pos()));
            }
        }
        return record;
    }

    private static Schema withExtraField(Schema schema) {
        List<Schema.Field> fields = copyFields(schema, null);
        fields.add(new Schema.Field("pitStops", Schema.create(Schema.Type.INT), "added later", 0));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static Schema withoutField(Schema schema, String dropped) {
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false,
                copyFields(schema, dropped));
    }

    private static List<Schema.Field> copyFields(Schema schema, String dropped) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            if (!field.name().equals(dropped)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return fields;
    }

    /** A registry that can be down: every request then fails as the real client's do during an outage. */
    private static final class OutageRegistry implements SchemaRegistryClient {
        private final SchemaRegistryClient up;
        private volatile boolean down;

        OutageRegistry(SchemaRegistryClient up) {
            this.up = up;
        }

        @Override
        public int register(String subject, Schema schema) {
            failIfDown();
            return up.register(subject, schema);
        }

        @Override
        public Schema getById(int id) {
            failIfDown();
            return up.getById(id);
        }

        @Override
        public void setCompatibility(String subject, String level) {
            failIfDown();
            up.setCompatibility(subject, level);
        }

        private void failIfDown() {
            if (down) {
                throw new RegistryUnavailableException("Schema registry GET http://registry failed (retried for "
                        + "5000 ms): cannot reach it: ConnectException", new java.net.ConnectException());
            }
        }
    }

    /** Answers every registration with one id and records the subjects. */
    private static final class FixedIdRegistry implements SchemaRegistryClient {
        private final int id;
        private final List<String> registeredSubjects = new ArrayList<>();

        FixedIdRegistry(int id) {
            this.id = id;
        }

        @Override
        public int register(String subject, Schema schema) {
            registeredSubjects.add(subject);
            return id;
        }

        @Override
        public Schema getById(int requested) {
            throw new SchemaRegistryException("not used");
        }

        @Override
        public void setCompatibility(String subject, String level) {
            throw new UnsupportedOperationException();
        }
    }
}
