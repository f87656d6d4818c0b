package io.rta.topology.errors;

import io.rta.events.DeadLetter;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * How a processor sets aside a record that fails validation: a {@link DeadLetter} (stage
 * {@link DeadLetters#VALIDATION}) forwarded to the topology's dead-letter sink, so it is written in the same
 * transaction as the processor's other output and the input offset. One per processor instance.
 *
 * <p>A processor sees the record decoded, not its bytes: the dead letter holds the key and value encoded again by the
 * input topic's serializers (the same event, written with the registered schema of this version), or the part that was
 * not applied.
 *
 * @param <K> key type of the processor's input
 * @param <V> value type of the processor's input
 */
public final class SetAside<K, V> {

    private final String sink;
    private final String processor;
    private final Serializer<K> keys;
    private final Serializer<V> values;
    private ProcessorContext<String, ? super DeadLetter> context;
    private DeadLetters deadLetters;

    /**
     * @param sink      the dead-letter sink node the processor is a parent of
     * @param processor the processor's node name (recorded in the dead letter)
     */
    public SetAside(String sink, String processor, Serializer<K> keys, Serializer<V> values) {
        this.sink = sink;
        this.processor = processor;
        this.keys = keys;
        this.values = values;
    }

    public void init(ProcessorContext<String, ? super DeadLetter> context) {
        this.context = context;
        this.deadLetters = DeadLetters.from(context.appConfigs());
    }

    /** Sets the whole record aside. */
    public void record(Record<K, V> record, String reason) {
        record(record, encode(record.value()), reason);
    }

    /** Sets aside the part of the record that was not applied, {@code value} (already encoded, see {@link #encode}). */
    public void record(Record<K, ?> record, byte[] value, String reason) {
        RecordMetadata metadata = metadata();
        RecordSource source = new RecordSource(metadata.topic(), metadata.partition(), metadata.offset(),
                record.timestamp(), record.headers());
        byte[] key = record.key() == null ? null : keys.serialize(metadata.topic(), record.key());
        DeadLetter letter = DeadLetters.letter(source, key, value, DeadLetters.VALIDATION, reason, processor,
                context.applicationId(), context.currentSystemTimeMs());
        context.forward(new Record<>(DeadLetters.key(letter), letter, record.timestamp()), sink);
        deadLetters.setAside(letter);
    }

    /** A value (the record's, or the part of it that was not applied) encoded by the input topic's serializer. */
    public byte[] encode(V value) {
        return value == null ? null : values.serialize(metadata().topic(), value);
    }

    private RecordMetadata metadata() {
        return context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a record can only be set aside while it is processed"));
    }
}
