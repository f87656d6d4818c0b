package io.rta.service.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteTrackerTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final WriteTracker tracker = new WriteTracker("session", Duration.ofMillis(200), timer);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void shouldCompleteOnceTheViewAppliedTheOffset() {
        CompletableFuture<Void> write = tracker.await(1, 10);
        tracker.applied(1, 9);
        assertThat(write).isNotDone();

        tracker.applied(1, 10);
        assertThat(write).isCompleted();
    }

    @Test
    void shouldCompleteAtOnceWhenTheViewIsAlreadyPastTheOffset() {
        tracker.applied(0, 50);

        assertThat(tracker.await(0, 42)).isCompleted();
    }

    @Test
    void shouldTrackPartitionsSeparately() {
        CompletableFuture<Void> write = tracker.await(2, 5);
        tracker.applied(3, 100);

        assertThat(write).isNotDone();
    }

    @Test
    void shouldFailWithAClearMessageWhenTheViewDoesNotCatchUpInTime() {
        CompletableFuture<Void> write = tracker.await(0, 7);

        assertThatThrownBy(() -> write.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WriteTimeoutException.class)
                .hasMessageContaining("partition 0, offset 7")
                .hasMessageContaining("session view made no progress for 200 ms (WriteTimeout");
    }

    @Test
    void shouldNotFailAWriteWhileTheViewKeepsProgressingEvenPastTheTimeout() throws Exception {
        CompletableFuture<Void> write = tracker.await(0, 100);
        long started = System.nanoTime();
        // the view works through a backlog on another partition for 3 timeouts: progress, just not this write yet
        for (long offset = 0; System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(600); offset++) {
            tracker.applied(1, offset);
            Thread.sleep(20);
        }
        assertThat(write).as("the view progressed all along").isNotDone();

        tracker.applied(0, 100);
        assertThat(write).isCompleted();
    }

    @Test
    void shouldFailOnceTheViewStopsProgressingForTheTimeout() {
        tracker.applied(0, 1);
        CompletableFuture<Void> write = tracker.await(0, 5);
        tracker.applied(0, 2);

        assertThatThrownBy(() -> write.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(WriteTimeoutException.class)
                .hasMessageContaining("it has applied up to offset 2 of that partition");
    }
}
