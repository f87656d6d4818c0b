package io.rta.service.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadLimiterTest {

    private final ReadLimiter limiter = new ReadLimiter(2, 1);
    private final List<String> started = new ArrayList<>();

    @Test
    void shouldRunUpToTheSlotsQueueUpToTheLimitAndRefuseTheRest() {
        ReadLimiter.Ticket first = limiter.admit(t -> started.add("first"));
        ReadLimiter.Ticket second = limiter.admit(t -> started.add("second"));
        ReadLimiter.Ticket third = limiter.admit(t -> started.add("third"));
        ReadLimiter.Ticket fourth = limiter.admit(t -> started.add("fourth"));

        assertThat(List.of(first, second, third, fourth)).extracting(ReadLimiter.Ticket::admittedAs)
                .containsExactly(ReadLimiter.State.RUNNING, ReadLimiter.State.RUNNING, ReadLimiter.State.QUEUED,
                        ReadLimiter.State.REFUSED);
        assertThat(limiter.running()).isEqualTo(2);
        assertThat(limiter.queued()).isEqualTo(1);
        assertThat(limiter.refused()).isEqualTo(1);
        assertThat(started).as("admitted reads go on by themselves; only queued ones are started").isEmpty();
    }

    @Test
    void shouldHandAFreedSlotToTheFirstWaitingRead() {
        ReadLimiter.Ticket first = limiter.admit(t -> started.add("first"));
        limiter.admit(t -> started.add("second"));
        ReadLimiter.Ticket third = limiter.admit(t -> started.add("third"));

        first.release();
        first.release();

        assertThat(started).containsExactly("third");
        assertThat(limiter.running()).isEqualTo(2);
        assertThat(limiter.queued()).isZero();
        third.release();
        assertThat(limiter.running()).isEqualTo(1);
    }

    @Test
    void shouldLetAWaitingReadWithdrawWithoutStartingIt() {
        ReadLimiter.Ticket first = limiter.admit(t -> started.add("first"));
        limiter.admit(t -> started.add("second"));
        ReadLimiter.Ticket third = limiter.admit(t -> started.add("third"));

        assertThat(third.withdraw()).isTrue();
        assertThat(third.withdraw()).isFalse();
        assertThat(first.withdraw()).as("a running read does not withdraw").isFalse();
        first.release();

        assertThat(started).isEmpty();
        assertThat(limiter.running()).isEqualTo(1);
        assertThat(limiter.queued()).isZero();
    }

    @Test
    void shouldNameBothLimitsWhenItRefuses() {
        assertThat(limiter.refusal()).isEqualTo("reads waiting for one of the 2 read slots (MaxConcurrentReads) is 2; "
                + "at most 1 allowed (MaxQueuedReads); retry shortly");
    }
}
