package io.rta.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateTimesTest {

    @Test
    void shouldParseTimestampsWithTheirOffset() {
        assertThat(DateTimes.parseInstant("2021-05-06T18:58:56.20289+01:00"))
                .isEqualTo(Instant.parse("2021-05-06T17:58:56.20289Z"));
        assertThat(DateTimes.parseInstant("2021-05-06T18:58:56Z")).isEqualTo(Instant.parse("2021-05-06T18:58:56Z"));
        assertThat(DateTimes.parseInstant("2021-05-06T18:58:56.2028912-05:30"))
                .isEqualTo(Instant.parse("2021-05-07T00:28:56.2028912Z"));
    }

    @Test
    void shouldParseCompactOffsetsAndLowerCaseZ() {
        assertThat(DateTimes.parseInstant("2021-05-06T18:58:56+0100")).isEqualTo(Instant.parse("2021-05-06T17:58:56Z"));
        assertThat(DateTimes.parseInstant("2021-05-06t18:58:56z")).isEqualTo(Instant.parse("2021-05-06T18:58:56Z"));
    }

    @Test
    void shouldReadDateTimesWithoutOffsetAsUtc() {
        assertThat(DateTimes.parseInstant("2021-05-06T18:58:56")).isEqualTo(Instant.parse("2021-05-06T18:58:56Z"));
    }

    @Test
    void shouldReadDateOnlyAsStartOfDayUtc() {
        assertThat(DateTimes.parseInstant("2021-05-06")).isEqualTo(Instant.parse("2021-05-06T00:00:00Z"));
    }

    @Test
    void shouldReturnNullForTextThatIsNotADateTime() {
        assertThat(DateTimes.parseInstant("SAI")).isNull();
        assertThat(DateTimes.parseInstant("2021-13-45")).isNull();
        assertThat(DateTimes.parseInstant("")).isNull();
        assertThat(DateTimes.parseInstant(null)).isNull();
    }

    @Test
    void shouldFormatNanosInTheOffsetOfTheReferenceWithMinimalFraction() {
        assertThat(DateTimes.formatNanos(1620323936202890000L, "2021-05-06T18:58:56.20289+01:00"))
                .isEqualTo("2021-05-06T18:58:56.20289+01:00");
        assertThat(DateTimes.formatNanos(1620323936000000001L, "2021-05-06T18:58:56-03:00"))
                .isEqualTo("2021-05-06T14:58:56.000000001-03:00");
    }

    @Test
    void shouldOmitTheFractionWhenItIsZero() {
        assertThat(DateTimes.formatNanos(1621873299000000000L, "2021-05-24T16:21:39+00:00"))
                .isEqualTo("2021-05-24T16:21:39+00:00");
    }

    @Test
    void shouldWriteZuluWhenTheReferenceDoes() {
        assertThat(DateTimes.formatNanos(0, "2021-05-24T16:21:39Z")).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void shouldFormatInUtcWhenTheReferenceHasNoOffset() {
        assertThat(DateTimes.formatNanos(-1, "not a date")).isEqualTo("1969-12-31T23:59:59.999999999Z");
    }
}
