package io.rta.topology.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2021-03-14T12:15:30Z", "2021-05-06T18:58:56.20289+01:00", "2021-05-20T10:48:10.0724330+01:00",
            "2021-05-19T13:10:04+00:00", "2021-01-01T00:00:00.123456789-05:30", "2020-02-29T23:59:59-00:00"})
    void shouldParseDateTimesWithAnOffset(String text) {
        assertThat(Timestamps.isDateTime(text)).isTrue();
        assertThat(Timestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-03-14T12:15:30", "2021-03-14", "2021-03-14T12:15Z", "2021-03-14T12:15:30.Z",
            "2021-03-14T12:15:30.1234567890Z", "2021-03-14T12:15:30+0100", "2021-03-14 12:15:30Z",
            "2021-02-30T12:15:30Z", "2021-03-14T24:00:00Z", "2021-03-14T12:15:30Z trailing", "Bob", "17"})
    void shouldRejectAnythingElseWithAClearMessage(String text) {
        assertThat(Timestamps.isDateTime(text)).isFalse();
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not an ISO 8601 date-time with an offset"
                        + " (expected e.g. 2021-03-14T12:15:30Z or 2021-03-14T12:15:30.123+01:00)");
    }

    @Test
    void shouldRejectAnEmptyValue() {
        assertThat(Timestamps.isDateTime(null)).isFalse();
        assertThatThrownBy(() -> Timestamps.parse("")).hasMessageContaining("got an empty value");
    }

    @Test
    void shouldFormatEpochMillisInUtc() {
        assertThat(Timestamps.formatUtcMillis(1_615_724_130_000L)).isEqualTo("2021-03-14T12:15:30Z");
        assertThat(Timestamps.formatUtcMillis(1_615_724_131_250L)).isEqualTo("2021-03-14T12:15:31.25Z");
    }

    @Test
    void shouldRoundTripWhatItFormats() {
        String text = Timestamps.formatUtc(java.time.Instant.ofEpochSecond(1_620_323_936L, 202_890_123));
        assertThat(Timestamps.isDateTime(text)).isTrue();
        assertThat(Timestamps.parse(text).toInstant().getNano()).isEqualTo(202_890_123);
    }
}
