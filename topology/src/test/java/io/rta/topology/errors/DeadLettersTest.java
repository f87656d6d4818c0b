package io.rta.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.DeadLetter;
import io.rta.topology.TestDrivers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final RecordSource SOURCE = new RecordSource("rta.config-publications", 2, 41L, 1000L, List.of());

    @Test
    void shouldKeepKeyAndValueOfAnOrdinaryRecord() {
        DeadLetter letter = DeadLetters.letter(SOURCE, bytes(3), bytes(10), DeadLetters.VALIDATION, "why", "p", "app",
                5L);

        assertThat(DeadLetters.key(letter)).isEqualTo("rta.config-publications/2/41");
        assertThat(letter.getKey().remaining()).isEqualTo(3);
        assertThat(letter.getValue().remaining()).isEqualTo(10);
        assertThat(letter.getReason()).isEqualTo("why");
        assertThat(letter.getSetAsideAt()).isEqualTo(5L);
    }

    @Test
    void shouldLeaveOutAValueTooLargeForTheDeadLetterTopicAndSaySo() {
        DeadLetter letter = DeadLetters.letter(SOURCE, bytes(3), new byte[DeadLetters.MAX_KEPT_BYTES],
                DeadLetters.VALIDATION, "why", "p", "app", 5L);

        assertThat(letter.getValue()).isNull();
        assertThat(letter.getKey().remaining()).isEqualTo(3);
        assertThat(letter.getReason()).isEqualTo("why (the value, " + DeadLetters.MAX_KEPT_BYTES
                + " bytes, is too large to keep in a dead letter)");
    }

    @Test
    void shouldEscapeTheReason() {
        assertThat(DeadLetters.letter(SOURCE, null, null, DeadLetters.PROCESSING, "bad\r\nline", "p", "app", 0L)
                .getReason()).isEqualTo("bad\\u000D\\u000Aline");
    }

    @Test
    void shouldDescribeTheLastRecordSetAsideForTheHealthCheck() {
        DeadLetters deadLetters = new DeadLetters(TestDrivers.topics().deadLetters());
        assertThat(deadLetters.describe()).isEqualTo("no record set aside since start");

        deadLetters.setAside(DeadLetters.letter(SOURCE, null, null, DeadLetters.VALIDATION, "first", "p", "app", 0L));
        deadLetters.setAside(DeadLetters.letter(SOURCE, null, null, DeadLetters.VALIDATION, "second", "p", "app", 0L));

        assertThat(deadLetters.count()).isEqualTo(2);
        assertThat(deadLetters.describe()).isEqualTo("2 record(s) set aside to test.dead-letters since start; the "
                + "last: rta.config-publications/2/41 (validation): second");
    }

    private static byte[] bytes(int length) {
        return "x".repeat(length).getBytes(StandardCharsets.UTF_8);
    }
}
