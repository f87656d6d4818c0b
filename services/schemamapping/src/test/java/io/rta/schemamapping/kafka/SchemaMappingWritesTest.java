package io.rta.schemamapping.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaMappingWritesTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<DeadLetter> written = new ArrayList<>();
    private final SchemaMappingWrites writes = new SchemaMappingWrites(Duration.ofSeconds(30), timer, written::add);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void shouldCompleteAWriteOnceTheViewAppliedItsOffset() {
        CompletableFuture<String> write = writes.await(2, 7);

        writes.applied(2, 6);
        assertThat(write).isNotDone();
        writes.applied(2, 7);

        assertThat(write).isCompletedWithValue(null);
        assertThat(written).isEmpty();
    }

    @Test
    void shouldAnswerWhyTheViewSetAWriteAsideAndWriteItsDeadLetter() {
        DeadLetter letter = DeadLetter.newBuilder().setTopic("rta.schema-mappings").setPartition(0).setOffset(3)
                .setTimestamp(0).setKey(null).setValue(null).setHeaders(List.of()).setStage("validation")
                .setReason("data_source: ...").setProcessor("p").setApplication("a").setSetAsideAt(0).build();
        CompletableFuture<String> write = writes.await(0, 3);

        writes.setAside(0, 3, "schema_mapping.field_mappings[1].target_channel: ...", letter);
        writes.applied(0, 3);

        assertThat(write).isCompletedWithValue("schema_mapping.field_mappings[1].target_channel: ...");
        assertThat(written).containsExactly(letter);
    }
}
