package io.rta.service.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OffsetWaitersTest {

    private final OffsetWaiters<Integer> waiters = new OffsetWaiters<>();

    @Test
    void shouldCompleteAWaitOnceThePositionPassesItsOffsetAndNotBefore() {
        CompletableFuture<Void> at5 = waiters.await(0, 5);

        waiters.advance(0, 5);
        assertThat(at5).isNotDone();
        waiters.advance(0, 6);
        assertThat(at5).isCompleted();
    }

    @Test
    void shouldCompleteAtOnceAWaitForAnOffsetAlreadyPassed() {
        waiters.advance(1, 10);

        assertThat(waiters.await(1, 9)).isCompleted();
        assertThat(waiters.await(1, 10)).isNotDone();
    }

    @Test
    void shouldKeepPartitionsApart() {
        CompletableFuture<Void> onZero = waiters.await(0, 0);

        waiters.advance(1, 100);

        assertThat(onZero).isNotDone();
        assertThat(waiters.waitedOn()).containsExactly(0);
    }

    @Test
    void shouldNeverMoveBackNorCountAStandstillAsProgress() {
        assertThat(waiters.advance(0, 7)).isTrue();
        long progress = waiters.lastProgressNanos();

        assertThat(waiters.advance(0, 7)).isFalse();
        assertThat(waiters.advance(0, 3)).isFalse();
        assertThat(waiters.position(0)).isEqualTo(7);
        assertThat(waiters.lastProgressNanos()).isEqualTo(progress);
    }

    @Test
    void shouldForgetWaitsWhoseCallersGaveUp() {
        CompletableFuture<Void> abandoned = waiters.await(2, 50);
        abandoned.cancel(false);

        assertThat(waiters.waitedOn()).isEmpty();
        assertThat(waiters.isEmpty()).isTrue();
    }

    @Test
    void shouldCompleteEveryWaitThePositionPassesInOneAdvance() {
        CompletableFuture<Void> first = waiters.await(0, 1);
        CompletableFuture<Void> second = waiters.await(0, 4);
        CompletableFuture<Void> third = waiters.await(0, 9);

        waiters.advance(0, 5);

        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(third).isNotDone();
        assertThat(waiters.lastProgressNanos()).isNotEqualTo(Long.MIN_VALUE);
    }
}
