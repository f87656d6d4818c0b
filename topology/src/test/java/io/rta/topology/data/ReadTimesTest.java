package io.rta.topology.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadTimesTest {

    @Test
    void shouldReadAbsentOrEmptyAsUnbounded() {
        assertThat(ReadTimes.parse("start", null)).isNull();
        assertThat(ReadTimes.parse("start", "")).isNull();
        assertThat(ReadTimes.bound("start", null, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(ReadTimes.bound("end", null, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldReadNanoseconds() {
        assertThat(ReadTimes.parse("end", "1620129055000000000")).isEqualTo(1620129055000000000L);
        assertThat(ReadTimes.bound("end", 0L, Long.MAX_VALUE)).isZero();
    }

    @Test
    void shouldRefuseWhatTheDataRoutesRefuseWithTheirMessages() {
        assertThatThrownBy(() -> ReadTimes.parse("start", "12s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("start '12s' is not an integer: times are nanoseconds since the Unix epoch");
        assertThatThrownBy(() -> ReadTimes.bound("end", -1L, Long.MAX_VALUE))
                .hasMessage("end is -1: times are nanoseconds since the Unix epoch, at least 0");
        assertThatThrownBy(() -> ReadTimes.checkOrder(5, 4)).hasMessage("start 5 is after end 4");
    }
}
