package io.rta.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void shouldEscapeControlCharactersSoNoInputCanForgeOrCorruptALogLine() {
        assertThat(LogText.escape("a\r\nb\u0000c\u001B[2J\u0085d")).isEqualTo("a\\u000D\\u000Ab\\u0000c\\u001B[2J\\u0085d");
    }

    @Test
    void shouldLeaveOrdinaryTextAlone() {
        assertThat(LogText.escape("session 'Łódź-1' / 東京")).isEqualTo("session 'Łódź-1' / 東京");
        assertThat(LogText.escape(null)).isEqualTo("null");
    }

    @Test
    void shouldCutLongText() {
        String escaped = LogText.escape("x".repeat(LogText.MAX_LENGTH + 10));
        assertThat(escaped).startsWith("x".repeat(LogText.MAX_LENGTH)).endsWith("... (10 more characters)");
    }
}
