package io.rta.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro class in the Confluent wire format: magic byte 0, the 4-byte big-endian schema
 * id, then Avro binary. Writes register T's schema under {@code <topic>-value} (or {@code -key}); reads resolve the
 * writer schema by id and decode into T's schema, so older and newer compatible events still decode.
 * Null maps to null both ways (tombstones). Thread-safe.
 *
 * <p>Every failure is a {@link SerializationException} naming the topic and the schema id. Before Avro reads a record,
 * {@link ClaimedLengthCheck} refuses any length or count the record's bytes cannot hold, so a lying record is an
 * exception, never an {@link OutOfMemoryError}. When the writer schema cannot be resolved because the registry is
 * unavailable, the exception's cause chain holds a {@link RegistryUnavailableException}: the record is fine and must
 * be retried later, never skipped ({@link RegistryUnavailableException#isCauseOf}); an id the registry does not know
 * is a plain {@link SchemaRegistryException}.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    /** The first byte of every record in the Confluent wire format. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus the schema id. */
    public static final int HEADER_LENGTH = 5;

    private final SchemaRegistryClient registry;
    private final Class<T> type;
    private final boolean isKey;
    private final Schema readerSchema;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Decoding<T>> decodingsById = new ConcurrentHashMap<>();
    // Encoders and decoders keep buffers and are not thread-safe; one per thread avoids allocating them per record.
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);
    private final AvroSerializer serializer = new AvroSerializer();
    private final AvroDeserializer deserializer = new AvroDeserializer();

    /**
     * @param registry where schemas are registered and resolved
     * @param type     the generated class, e.g. {@code SessionState.class}
     * @param isKey    true for a key serde (subject {@code <topic>-key}), false for a value serde
     */
    public AvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
        this.registry = registry;
        this.type = type;
        this.isKey = isKey;
        SpecificData model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(readerSchema, model);
    }

    /** The registry subject this serde uses for {@code topic}. */
    public String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    /** The schema T is written with and decoded into. */
    public Schema schema() {
        return readerSchema;
    }

    /** The serde is fully configured by its constructor; Kafka's configuration is ignored. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    /**
     * Checks a value's header and resolves its writer schema (from the cache, or from the registry once), without
     * decoding it: a reader that decodes later, or not at all, learns now whether it could.
     *
     * @throws SerializationException as {@link #deserializer()} would for the header or the schema id (a registry
     *     outage is its cause, {@link RegistryUnavailableException#isCauseOf})
     */
    public void requireWriterSchema(String topic, byte[] data) {
        AvroDeserializer reader = new AvroDeserializer();
        reader.requireHeader(topic, data);
        decodingFor(topic, ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8)
                | (data[4] & 0xff));
    }

    /** Whether serializing for {@code topic} needs no registry call: its schema id is known. */
    public boolean knowsSchemaId(String topic) {
        return idsBySubject.containsKey(subject(topic));
    }

    private int schemaId(String topic) {
        try {
            return idsBySubject.computeIfAbsent(subject(topic), subject -> registry.register(subject, readerSchema));
        } catch (RegistryUnavailableException e) {
            throw new SerializationException("Cannot encode a " + type.getSimpleName() + " for topic '" + topic
                    + "': the schema registry is unavailable to register its schema under subject '"
                    + subject(topic) + "': " + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot register the schema of " + type.getSimpleName()
                    + " under subject '" + subject(topic) + "': " + e.getMessage(), e);
        }
    }

    private Decoding<T> decodingFor(String topic, int id) {
        Decoding<T> decoding = decodingsById.get(id);
        if (decoding != null) {
            return decoding;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.getById(id);
        } catch (RegistryUnavailableException e) {
            throw new SerializationException("Cannot decode a " + type.getSimpleName() + " from topic '" + topic
                    + "' yet: the schema registry is unavailable to resolve writer schema id " + id
                    + " (retry the record once it is back): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot decode a " + type.getSimpleName() + " from topic '" + topic
                    + "': unknown writer schema id " + id + ": " + e.getMessage(), e);
        }
        return decodingsById.computeIfAbsent(id, i -> new Decoding<>(
                new SpecificDatumReader<>(writerSchema, readerSchema, SpecificData.getForClass(type)),
                ClaimedLengthCheck.forSchema(writerSchema)));
    }

    /** How records written with one schema id are read: the bounds check, then Avro's resolving reader. */
    private record Decoding<T>(DatumReader<T> reader, ClaimedLengthCheck check) {
    }

    private final class AvroSerializer implements Serializer<T> {

        @Override
        public byte[] serialize(String topic, T data) {
            if (data == null) {
                return null;
            }
            int id = schemaId(topic);
            Buffers local = buffers.get();
            local.out.reset();
            writeHeader(local.out, id);
            try {
                local.encoder = EncoderFactory.get().binaryEncoder(local.out, local.encoder);
                writer.write(data, local.encoder);
                local.encoder.flush();
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Cannot encode a " + type.getSimpleName() + " for topic '" + topic
                        + "': " + e.getMessage(), e);
            }
            byte[] bytes = local.out.toByteArray();
            local.releaseIfLarge();
            return bytes;
        }

        private void writeHeader(ByteArrayOutputStream out, int id) {
            out.write(MAGIC_BYTE);
            out.write(id >>> 24);
            out.write(id >>> 16);
            out.write(id >>> 8);
            out.write(id);
        }
    }

    private final class AvroDeserializer implements Deserializer<T> {

        @Override
        public T deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            requireHeader(topic, data);
            int id = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
            Decoding<T> decoding = decodingFor(topic, id);
            try {
                decoding.check().check(data, HEADER_LENGTH, data.length - HEADER_LENGTH);
            } catch (ClaimedLengthCheck.Refusal refusal) {
                throw new SerializationException(failure(topic, id) + refusal.getMessage());
            }
            Buffers local = buffers.get();
            try {
                local.decoder = DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH,
                        local.decoder);
                return decoding.reader().read(null, local.decoder);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(failure(topic, id) + e.getMessage(), e);
            }
        }

        private String failure(String topic, int id) {
            return "Cannot decode a " + type.getSimpleName() + " from topic '" + topic + "' written with schema id "
                    + id + ": ";
        }

        private void requireHeader(String topic, byte[] data) {
            if (data.length < HEADER_LENGTH) {
                throw new SerializationException("Cannot decode a " + type.getSimpleName() + " from topic '" + topic
                        + "': " + data.length + " bytes is shorter than the " + HEADER_LENGTH
                        + "-byte Confluent wire format header");
            }
            if (data[0] != MAGIC_BYTE) {
                throw new SerializationException(String.format(java.util.Locale.ROOT,
                        "Cannot decode a %s from topic '%s': unknown magic byte 0x%02x, expected 0x00 "
                                + "(Confluent wire format)", type.getSimpleName(), topic, data[0] & 0xff));
            }
        }
    }

    /** Per-thread reusable encoding state. */
    private static final class Buffers {
        // A thread that once wrote a multi-MiB record should not keep that much memory for good.
        private static final int RETAINED_BYTES = 1 << 20;

        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder;
        BinaryDecoder decoder;

        void releaseIfLarge() {
            if (out.size() > RETAINED_BYTES) {
                out = new ByteArrayOutputStream(256);
                encoder = null;
            }
        }
    }
}
