package io.rta.files.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.service.errors.InvalidInputException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TimeUnitTest {

    @Test
    void shouldDefaultToNanosecondsAndParseEachUnitInAnyCase() {
        assertThat(TimeUnit.of(null, "x")).isEqualTo(TimeUnit.NS);
        assertThat(TimeUnit.of("", "x")).isEqualTo(TimeUnit.NS);
        assertThat(TimeUnit.of("us", "x").nanos()).isEqualTo(1_000);
        assertThat(TimeUnit.of("MS", "x").nanos()).isEqualTo(1_000_000);
        assertThat(TimeUnit.of(" s ", "x").nanos()).isEqualTo(1_000_000_000);
        assertThatThrownBy(() -> TimeUnit.of("minutes", "runs/a.csv")).isInstanceOf(InvalidInputException.class)
                .hasMessage("the schema mapping of identity 'runs/a.csv' has properties[\"time_unit\"] 'minutes': use "
                        + "ns, us, ms or s");
    }

    @Test
    void shouldConvertIntegerAndDecimalTimesToNanoseconds() {
        assertThat(TimeUnit.MS.toNanos(1_700_000_000_123L)).isEqualTo(1_700_000_000_123_000_000L);
        assertThat(TimeUnit.S.toNanos(new BigDecimal("1700000000.123456789"))).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(TimeUnit.US.toNanos(new BigDecimal("1.0005"))).isEqualTo(1_001L);
        assertThat(TimeUnit.S.toNanos(Long.MAX_VALUE / 10)).isEqualTo(Long.MAX_VALUE);
        assertThat(TimeUnit.S.toNanos(Long.MIN_VALUE / 10)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldTurnANanosecondBoundIntoTheFirstWholeUnitAtOrAfterIt() {
        assertThat(TimeUnit.MS.ceilOf(5_000_000)).isEqualTo(5);
        assertThat(TimeUnit.MS.ceilOf(5_000_001)).isEqualTo(6);
        assertThat(TimeUnit.MS.ceilOf(-1)).isEqualTo(0);
        assertThat(TimeUnit.NS.ceilOf(-7)).isEqualTo(-7);
    }
}
