package io.rta.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadReplacementBackoffTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private final ThreadReplacementBackoff backoff = new ThreadReplacementBackoff();

    @Test
    void shouldDoubleThePauseWhileFailuresFollowEachOtherUpToAMinute() {
        List<Long> pauses = new ArrayList<>();
        Instant now = T0;
        for (int i = 0; i < 9; i++) {
            Duration pause = backoff.next(now);
            pauses.add(pause.toSeconds());
            now = now.plus(pause).plusSeconds(5);
        }

        assertThat(pauses).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(backoff.streak()).isEqualTo(9);
    }

    @Test
    void shouldStartAgainFromTheFirstPauseAfterAQuietSpell() {
        backoff.next(T0);
        backoff.next(T0.plusSeconds(10));
        backoff.next(T0.plusSeconds(20));

        Duration afterQuiet = backoff.next(T0.plusSeconds(20).plus(ThreadReplacementBackoff.QUIET).plusSeconds(1));

        assertThat(afterQuiet).isEqualTo(ThreadReplacementBackoff.FIRST);
        assertThat(backoff.streak()).isEqualTo(1);
    }

    @Test
    void shouldNeverOverflowHoweverManyFailures() {
        Duration pause = Duration.ZERO;
        for (int i = 0; i < 1000; i++) {
            pause = backoff.next(T0.plusSeconds(i));
        }

        assertThat(pause).isEqualTo(ThreadReplacementBackoff.MAX);
    }
}
