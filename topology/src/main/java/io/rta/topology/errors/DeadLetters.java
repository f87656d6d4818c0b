package io.rta.topology.errors;

import io.rta.events.DeadLetter;
import io.rta.events.DeadLetterHeader;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's account of records set aside: every record a topology could not apply goes to
 * {@code rta.dead-letters} as a {@link DeadLetter} (original topic, partition, offset, key, value, the reason) and
 * processing goes on. One instance per process, shared by the processors (validation) and the Streams error handlers
 * (deserialization, processing), which find it in the Streams configuration under {@link #CONFIG}. It counts what
 * was set aside (the {@code rta_dead_letters_total} metric), remembers the last one (the {@code dead-letters} health
 * check) and logs each once at WARN.
 */
public final class DeadLetters {

    /** Streams configuration entry whose value is this process's {@link DeadLetters}. */
    public static final String CONFIG = "rta.dead-letters";

    /** The bytes are not a valid event (not Avro, unknown schema, truncated). */
    public static final String DESERIALIZATION = "deserialization";
    /** A valid event that breaks a rule or a limit. */
    public static final String VALIDATION = "validation";
    /** An unexpected failure while applying it. */
    public static final String PROCESSING = "processing";

    /**
     * Largest key plus value kept in a dead letter: the dead-letter topic takes records of
     * {@link Topics#LARGE_MESSAGE_BYTES}, and a dead letter of a record at the limit of its own topic would not fit.
     * Past it the value is left out (the reason says so); topic, partition and offset still find the original.
     */
    public static final int MAX_KEPT_BYTES = Topics.LARGE_MESSAGE_BYTES - 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int HEALTH_REASON_LENGTH = 500;

    private final Topic<String, DeadLetter> topic;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong punctuationFailures = new AtomicLong();
    private volatile Summary last;

    /** What the health check tells about the last record set aside. */
    public record Summary(String key, String stage, String reason) {
    }

    public DeadLetters(Topic<String, DeadLetter> topic) {
        this.topic = topic;
    }

    /**
     * The process's instance from a Streams configuration (what {@code configure} and {@code appConfigs()} see).
     *
     * @throws ConfigException when the configuration has none: the server must put it there
     */
    public static DeadLetters from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG);
        if (value instanceof DeadLetters deadLetters) {
            return deadLetters;
        }
        throw new ConfigException(CONFIG, value, "the Streams configuration must hold the process's DeadLetters");
    }

    /** The dead-letter topic. */
    public String topic() {
        return topic.name();
    }

    /** Records set aside by this process since it started. */
    public long count() {
        return count.get();
    }

    /** The last record set aside, if any. */
    public Optional<Summary> last() {
        return Optional.ofNullable(last);
    }

    /** What the {@code dead-letters} health check says: how many were set aside, and the last one's key and reason. */
    public String describe() {
        Summary summary = last;
        long total = count();
        if (summary == null) {
            return "no record set aside since start";
        }
        String reason = summary.reason().length() > HEALTH_REASON_LENGTH
                ? summary.reason().substring(0, HEALTH_REASON_LENGTH) + "..." : summary.reason();
        return total + " record(s) set aside to " + topic.name() + " since start; the last: " + summary.key() + " ("
                + summary.stage() + "): " + reason;
    }

    /** Punctuations (scheduled work such as chunk compaction) that failed and were skipped. */
    public long punctuationFailures() {
        return punctuationFailures.get();
    }

    /**
     * A dead letter of one record. The value (and a key that alone is too large) is left out when key and value
     * together exceed {@link #MAX_KEPT_BYTES}; the reason says so, and is escaped and cut (see {@link LogText}).
     */
    public static DeadLetter letter(RecordSource source, byte[] key, byte[] value, String stage, String reason,
                                    String processor, String application, long now) {
        long keyBytes = key == null ? 0L : key.length;
        long valueBytes = value == null ? 0L : value.length;
        boolean keepKey = keyBytes <= MAX_KEPT_BYTES;
        boolean keepValue = value == null || keepKey && keyBytes + valueBytes <= MAX_KEPT_BYTES;
        String why = reason + (keepKey ? "" : " (the key, " + keyBytes + " bytes, is too large to keep in a dead "
                + "letter)") + (keepValue ? "" : " (the value, " + valueBytes + " bytes, is too large to keep in a dead "
                + "letter)");
        return DeadLetter.newBuilder()
                .setTopic(source.topic())
                .setPartition(source.partition())
                .setOffset(source.offset())
                .setTimestamp(source.timestamp())
                .setKey(key == null || !keepKey ? null : ByteBuffer.wrap(key))
                .setValue(keepValue && value != null ? ByteBuffer.wrap(value) : null)
                .setHeaders(headers(source.headers()))
                .setStage(stage)
                .setReason(LogText.escape(why))
                .setProcessor(processor)
                .setApplication(application == null ? "" : application)
                .setSetAsideAt(now)
                .build();
    }

    private static List<DeadLetterHeader> headers(Iterable<Header> headers) {
        List<DeadLetterHeader> copied = new ArrayList<>();
        if (headers != null) {
            for (Header header : headers) {
                byte[] value = header.value();
                copied.add(new DeadLetterHeader(header.key(), value == null ? null : ByteBuffer.wrap(value)));
            }
        }
        return copied;
    }

    /** The key of a dead letter: {@code <topic>/<partition>/<offset>} of the original record. */
    public static String key(DeadLetter letter) {
        return Topics.deadLetterKey(letter.getTopic(), letter.getPartition(), letter.getOffset());
    }

    /** Counts the dead letter, remembers it as the last one and logs it once. */
    public void setAside(DeadLetter letter) {
        count.incrementAndGet();
        String key = key(letter);
        last = new Summary(LogText.escape(key), letter.getStage(), letter.getReason());
        LOG.warn("Set aside the record {} ({} in {}): {}", LogText.escape(key), letter.getStage(),
                LogText.escape(letter.getProcessor()), letter.getReason());
    }

    /** Counts and logs a punctuation that failed; the processor carries on with its next punctuation. */
    public void punctuationFailed(String processor, Exception failure) {
        punctuationFailures.incrementAndGet();
        LOG.warn("Scheduled work of {} failed and was skipped: {}", LogText.escape(processor),
                LogText.escape(describe(failure)));
        LOG.debug("The failure of {}'s scheduled work", LogText.escape(processor), failure);
    }

    /** A dead letter as the record a Streams error handler hands back, serialized for the dead-letter topic. */
    public ProducerRecord<byte[], byte[]> producerRecord(DeadLetter letter) {
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), letter);
        return new ProducerRecord<>(topic.name(), key(letter).getBytes(StandardCharsets.UTF_8), value);
    }

    /** An exception as a dead letter's reason: its class and message (never a stack trace). */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
