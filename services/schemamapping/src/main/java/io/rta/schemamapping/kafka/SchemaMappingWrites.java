package io.rta.schemamapping.kafka;

import io.rta.events.DeadLetter;
import io.rta.service.write.ViewOutcomes;
import io.rta.topology.schemamapping.SchemaMappingViewListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Read-your-writes for schema mappings: a writer waits on the offset Kafka gave its record until this process's
 * schema mapping view has applied it or set it aside ({@link ViewOutcomes}). Built before the topology, which reports
 * to it. The dead letter of a record set aside goes to {@code deadLetters}: the view is a global store, which has no
 * sink of its own.
 */
public final class SchemaMappingWrites implements SchemaMappingViewListener {

    private final ViewOutcomes outcomes;
    private final Consumer<DeadLetter> deadLetters;

    /** @param deadLetters writes a dead letter; called on the global stream thread, so it must not block */
    public SchemaMappingWrites(Duration writeTimeout, ScheduledExecutorService timer,
                               Consumer<DeadLetter> deadLetters) {
        this.outcomes = new ViewOutcomes("schema mapping", writeTimeout, timer);
        this.deadLetters = deadLetters;
    }

    /** Completes with null once the view applied the record at (partition, offset), or with why it set it aside. */
    public CompletableFuture<String> await(int partition, long offset) {
        return outcomes.await(partition, offset);
    }

    @Override
    public void applied(int partition, long offset) {
        outcomes.applied(partition, offset);
    }

    @Override
    public void setAside(int partition, long offset, String problem, DeadLetter letter) {
        outcomes.setAside(partition, offset, problem);
        deadLetters.accept(letter);
    }
}
