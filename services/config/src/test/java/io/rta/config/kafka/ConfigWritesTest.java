package io.rta.config.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigWritesTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ConfigWrites writes = new ConfigWrites(Duration.ofSeconds(30), timer);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void shouldCompleteAWriteOnceTheViewHasAppliedItsOffset() {
        CompletableFuture<String> write = writes.await(1, 10);

        writes.applied(1, 9);
        writes.applied(0, 50);
        assertThat(write).isNotDone();

        writes.applied(1, 10);
        assertThat(write).isCompletedWithValue(null);
        assertThat(writes.await(1, 3)).isCompletedWithValue(null);
    }

    @Test
    void shouldAnswerTheProblemOfASetAsidePublicationOnce() {
        CompletableFuture<String> write = writes.await(0, 4);

        writes.setAside(0, 4, "data size is 65; at most 64 allowed (MaxConfigSize)");
        writes.applied(0, 4);

        assertThat(write).isCompletedWithValue("data size is 65; at most 64 allowed (MaxConfigSize)");
        assertThat(writes.await(0, 4)).isCompletedWithValue(null);
    }
}
