package io.rta.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.apache.kafka.common.errors.SerializationException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of {@link AvroSerde} over every value schema: valid records round-trip; random bytes, and valid records
 * with random mutations, decode or fail with a {@link SerializationException} — never another exception, never an
 * Error (this module's test heap is small, so an allocation of a lying length fails the property).
 */
class AvroSerdeFuzzTest {

    private static final String TOPIC = "rta.fuzz";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Property(tries = 600)
    void everyValidRecordRoundTrips(@ForAll("valueTypes") Class<? extends SpecificRecord> type,
                                    @ForAll long seed) {
        AvroSerde<? extends SpecificRecord> serde = serde(type);
        byte[] written = randomRecord(type, seed);

        SpecificRecord read = serde.deserializer().deserialize(TOPIC, written);
        byte[] rewritten = reserialize(serde, read);

        // the same bytes but for the order of map entries (a HashMap's, after decoding)
        assertThat(rewritten).hasSameSizeAs(written);
        assertThat(serde.deserializer().deserialize(TOPIC, rewritten)).isEqualTo(read);
    }

    @Property(tries = 2000)
    void randomBytesAfterAValidHeaderDecodeOrFailAsSerialization(
            @ForAll("valueTypes") Class<? extends SpecificRecord> type, @ForAll @Size(max = 200) byte[] avro) {
        decodeOrRefuse(type, LyingRecords.wire(id(type), avro));
    }

    @Property(tries = 3000)
    void mutatedRecordsDecodeOrFailAsSerialization(@ForAll("valueTypes") Class<? extends SpecificRecord> type,
                                                   @ForAll long seed,
                                                   @ForAll("mutations") List<Mutation> mutations) {
        byte[] record = randomRecord(type, seed);
        for (Mutation mutation : mutations) {
            record = mutation.apply(record);
        }
        decodeOrRefuse(type, record);
    }

    @Provide
    Arbitrary<Class<? extends SpecificRecord>> valueTypes() {
        return Arbitraries.of(LyingRecords.VALUE_TYPES);
    }

    /** Flips, overwrites with a varint (often a huge or negative one), inserts, deletes and truncates. */
    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Long> claims = Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.of((long) Integer.MAX_VALUE, 1L << 30, 1L << 31, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 64L));
        Arbitrary<Mutation> flip = Combinators.combine(where, Arbitraries.integers().between(0, 7))
                .as((at, bit) -> bytes -> flip(bytes, at, bit));
        Arbitrary<Mutation> overwrite = Combinators.combine(where, claims)
                .as((at, claim) -> bytes -> overwrite(bytes, at, LyingRecords.varint(claim)));
        Arbitrary<Mutation> insert = Combinators.combine(where, claims)
                .as((at, claim) -> bytes -> insert(bytes, at, LyingRecords.varint(claim)));
        Arbitrary<Mutation> delete = Combinators.combine(where, Arbitraries.integers().between(1, 16))
                .as((at, length) -> bytes -> delete(bytes, at, length));
        Arbitrary<Mutation> truncate = where.map(at -> bytes -> Arrays.copyOf(bytes,
                Math.max(AvroSerde.HEADER_LENGTH, (int) (at * bytes.length))));
        return Arbitraries.oneOf(flip, overwrite, insert, delete, truncate).list().ofMinSize(1).ofMaxSize(4);
    }

    /** One change to a record's bytes; the header (magic byte, schema id) is left alone. */
    interface Mutation {
        byte[] apply(byte[] record);
    }

    private static int position(byte[] bytes, double at) {
        int body = bytes.length - AvroSerde.HEADER_LENGTH;
        return AvroSerde.HEADER_LENGTH + Math.min(body, (int) (at * body));
    }

    private static byte[] flip(byte[] bytes, double at, int bit) {
        byte[] copy = bytes.clone();
        int i = position(bytes, at);
        if (i < copy.length) {
            copy[i] ^= (byte) (1 << bit);
        }
        return copy;
    }

    private static byte[] overwrite(byte[] bytes, double at, byte[] varint) {
        byte[] copy = bytes.clone();
        int i = position(bytes, at);
        System.arraycopy(varint, 0, copy, i, Math.min(varint.length, copy.length - i));
        return copy;
    }

    private static byte[] insert(byte[] bytes, double at, byte[] varint) {
        int i = position(bytes, at);
        return LyingRecords.concat(Arrays.copyOf(bytes, i), varint, Arrays.copyOfRange(bytes, i, bytes.length));
    }

    private static byte[] delete(byte[] bytes, double at, int length) {
        int i = position(bytes, at);
        int end = Math.min(bytes.length, i + length);
        return LyingRecords.concat(Arrays.copyOf(bytes, i), Arrays.copyOfRange(bytes, end, bytes.length));
    }

    private void decodeOrRefuse(Class<? extends SpecificRecord> type, byte[] record) {
        try {
            SpecificRecord read = serde(type).deserializer().deserialize(TOPIC, record);
            assertThat(read).isInstanceOf(type);
        } catch (SerializationException refused) {
            assertThat(refused.getMessage()).contains(TOPIC);
        }
    }

    private AvroSerde<? extends SpecificRecord> serde(Class<? extends SpecificRecord> type) {
        return new AvroSerde<>(registry, type, false);
    }

    private int id(Class<? extends SpecificRecord> type) {
        return registry.register(TOPIC + "-value", SpecificData.get().getSchema(type));
    }

    /** A random record of {@code type}'s schema, written with Avro's generic writer behind the wire header. */
    private byte[] randomRecord(Class<? extends SpecificRecord> type, long seed) {
        Schema schema = SpecificData.get().getSchema(type);
        Object record = new RandomData(schema, 1, seed).iterator().next();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<>(schema).write(record, encoder);
            encoder.flush();
            return LyingRecords.wire(id(type), out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] reserialize(AvroSerde<T> serde, SpecificRecord record) {
        return serde.serializer().serialize(TOPIC, (T) record);
    }
}
