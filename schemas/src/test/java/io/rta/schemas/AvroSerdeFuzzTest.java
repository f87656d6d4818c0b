package io.rta.schemas;

import static io.rta.schemas.PropertyCheck.anyLong;
import static io.rta.schemas.PropertyCheck.bytes;
import static io.rta.schemas.PropertyCheck.forAll;
import static io.rta.schemas.PropertyCheck.intBetween;
import static io.rta.schemas.PropertyCheck.listOf;
import static io.rta.schemas.PropertyCheck.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.apache.kafka.common.errors.SerializationException;

import org.junit.jupiter.api.Test;

/**
 * Properties of {@link AvroSerde} over every value schema: valid records round-trip; random bytes, and valid records
 * with random mutations, decode or fail with a {@link SerializationException} — never another exception, never an
 * Error (this module's test heap is small, so an allocation of a lying length fails the property).
 */
class AvroSerdeFuzzTest {

    private static final String TOPIC = "rta.fuzz";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    record Seeded(Class<? extends SpecificRecord> type, long seed) {
    }

    record Body(Class<? extends SpecificRecord> type, byte[] avro) {
    }

    record Mutated(Class<? extends SpecificRecord> type, long seed, List<Mutation> mutations) {
    }

    @Test
    void everyValidRecordRoundTrips() {
        forAll(600, random -> new Seeded(valueType(random), anyLong(random)), input -> {
            AvroSerde<? extends SpecificRecord> serde = serde(input.type());
            byte[] written = randomRecord(input.type(), input.seed());

            SpecificRecord read = serde.deserializer().deserialize(TOPIC, written);
            byte[] rewritten = reserialize(serde, read);

            // the same bytes but for the order of map entries (a HashMap's, after decoding)
            assertThat(rewritten).hasSameSizeAs(written);
            assertThat(serde.deserializer().deserialize(TOPIC, rewritten)).isEqualTo(read);
        });
    }

    @Test
    void randomBytesAfterAValidHeaderDecodeOrFailAsSerialization() {
        forAll(2000, random -> new Body(valueType(random), bytes(random, 200)),
                input -> decodeOrRefuse(input.type(), LyingRecords.wire(id(input.type()), input.avro())));
    }

    @Test
    void mutatedRecordsDecodeOrFailAsSerialization() {
        forAll(3000, random -> new Mutated(valueType(random), anyLong(random), listOf(random, 1, 4,
                AvroSerdeFuzzTest::mutation)), input -> {
            byte[] record = randomRecord(input.type(), input.seed());
            for (Mutation mutation : input.mutations()) {
                record = mutation.apply(record);
            }
            decodeOrRefuse(input.type(), record);
        });
    }

    private static Class<? extends SpecificRecord> valueType(SplittableRandom random) {
        return oneOf(random, LyingRecords.VALUE_TYPES);
    }

    /** Flips, overwrites with a varint (often a huge or negative one), inserts, deletes and truncates. */
    private static Mutation mutation(SplittableRandom random) {
        double at = where(random);
        return switch (random.nextInt(5)) {
            case 0 -> new Flip(at, intBetween(random, 0, 7));
            case 1 -> new Overwrite(at, claim(random));
            case 2 -> new Insert(at, claim(random));
            case 3 -> new Delete(at, intBetween(random, 1, 16));
            default -> new Truncate(at);
        };
    }

    /** Where in the body a mutation applies, 0 to 1: often the very start or end. */
    private static double where(SplittableRandom random) {
        return random.nextInt(8) == 0 ? oneOf(random, 0.0, 1.0) : random.nextDouble();
    }

    private static long claim(SplittableRandom random) {
        return random.nextBoolean() ? anyLong(random) : oneOf(random, (long) Integer.MAX_VALUE, 1L << 30, 1L << 31,
                -1L, Long.MIN_VALUE, Long.MAX_VALUE, 64L);
    }

    /** One change to a record's bytes; the header (magic byte, schema id) is left alone. */
    sealed interface Mutation {
        byte[] apply(byte[] record);
    }

    record Flip(double at, int bit) implements Mutation {
        @Override
        public byte[] apply(byte[] record) {
            return flip(record, at, bit);
        }
    }

    record Overwrite(double at, long claim) implements Mutation {
        @Override
        public byte[] apply(byte[] record) {
            return overwrite(record, at, LyingRecords.varint(claim));
        }
    }

    record Insert(double at, long claim) implements Mutation {
        @Override
        public byte[] apply(byte[] record) {
            return insert(record, at, LyingRecords.varint(claim));
        }
    }

    record Delete(double at, int length) implements Mutation {
        @Override
        public byte[] apply(byte[] record) {
            return delete(record, at, length);
        }
    }

    record Truncate(double at) implements Mutation {
        @Override
        public byte[] apply(byte[] record) {
            return Arrays.copyOf(record, Math.max(AvroSerde.HEADER_LENGTH, (int) (at * record.length)));
        }
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
