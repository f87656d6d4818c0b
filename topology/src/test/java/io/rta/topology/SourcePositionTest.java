package io.rta.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SourcePositionTest {

    @Test
    void shouldRoundTripThroughItsHeader() {
        RecordHeaders headers = new RecordHeaders();
        new SourcePosition(3, 9_876_543_210L).addTo(headers);

        assertThat(SourcePosition.read(headers)).contains(new SourcePosition(3, 9_876_543_210L));
    }

    @Test
    void shouldReadTheLastHeader() {
        RecordHeaders headers = new RecordHeaders();
        new SourcePosition(1, 1).addTo(headers);
        new SourcePosition(2, 2).addTo(headers);

        assertThat(SourcePosition.read(headers)).contains(new SourcePosition(2, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "unknown", "1", "1:", ":1", "-1:5", "1:-5", "a:b", "1:2:3", "99999999999:1",
            "1:99999999999999999999", "1:2 "})
    void shouldReadAGarbledHeaderAsAbsent(String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SourcePosition.HEADER, value.getBytes(StandardCharsets.UTF_8));

        assertThat(SourcePosition.read(headers)).isEmpty();
    }

    @Test
    void shouldReadMissingHeadersAsAbsent() {
        assertThat(SourcePosition.read(new RecordHeaders())).isEmpty();
        assertThat(SourcePosition.read(null)).isEmpty();
        assertThat(SourcePosition.read(new RecordHeaders().add(SourcePosition.HEADER, null))).isEmpty();
        assertThat(SourcePosition.read(new RecordHeaders().add(SourcePosition.HEADER, new byte[100]))).isEmpty();
    }
}
