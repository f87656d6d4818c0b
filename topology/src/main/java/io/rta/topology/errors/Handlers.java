package io.rta.topology.errors;

import io.rta.events.DeadLetter;
import io.rta.schemas.RegistryUnavailableException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.processor.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What both Streams error handlers do once they decided to set a record aside. */
final class Handlers {

    private static final Logger LOG = LoggerFactory.getLogger(Handlers.class);

    private Handlers() {
    }

    /** Global store updates run outside any task (id -1_-1): Streams sends no dead letters from there. */
    static boolean isGlobal(TaskId task) {
        return task == null || task.subtopology() < 0;
    }

    /**
     * Counts and logs the dead letter, and answers "resume, producing it" — or "resume" alone where Streams cannot
     * produce it (global updates) or it cannot be encoded, and "fail" when encoding needs the unavailable registry.
     */
    static <R> R setAside(DeadLetters deadLetters, DeadLetter letter, boolean global,
                          Function<List<ProducerRecord<byte[], byte[]>>, R> resumeWith, Supplier<R> resume,
                          Supplier<R> fail) {
        if (global) {
            deadLetters.setAside(letter);
            return resume.get();
        }
        ProducerRecord<byte[], byte[]> record;
        try {
            record = deadLetters.producerRecord(letter);
        } catch (RuntimeException e) {
            if (RegistryUnavailableException.isCauseOf(e)) {
                LOG.warn("Cannot write the dead letter {} while the schema registry is unavailable; the record is "
                        + "retried", DeadLetters.key(letter));
                return fail.get();
            }
            LOG.error("Cannot encode the dead letter {}: {}; the record is skipped without one",
                    DeadLetters.key(letter), LogText.escape(DeadLetters.describe(e)));
            deadLetters.setAside(letter);
            return resume.get();
        }
        deadLetters.setAside(letter);
        return resumeWith.apply(List.of(record));
    }
}
