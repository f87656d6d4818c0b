package io.rta.data.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ViewPaceTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final ViewPace pace = new ViewPace(SECOND, 100, 10_000);

    @Test
    void shouldAllowTheMinimumBeforeTheViewHasShownAPace() {
        assertThat(pace.allowance(0)).isEqualTo(100);
    }

    @Test
    void shouldAllowWhatTheViewMadeReadableInTheLastLag() {
        pace.readable(600, 0);
        pace.readable(900, SECOND / 2);

        assertThat(pace.allowance(SECOND / 2)).isEqualTo(1_500);
        assertThat(pace.allowance(SECOND + SECOND / 4)).as("the first release is older than the lag").isEqualTo(900);
        assertThat(pace.allowance(3 * SECOND)).as("an idle view shows no pace").isEqualTo(100);
    }

    @Test
    void shouldCapTheAllowanceAtTheMaximum() {
        pace.readable(50_000, 0);

        assertThat(pace.allowance(1)).isEqualTo(10_000);
    }
}
