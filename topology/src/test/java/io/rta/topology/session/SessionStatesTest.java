package io.rta.topology.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionStatesTest {

    @ParameterizedTest
    @CsvSource({"0,unknown", "1,waiting", "2,open", "4,closed", "12,truncated", "28,failed", "44,abandoned"})
    void shouldMapNumbersToCamelCaseNamesBothWays(int number, String name) {
        assertThat(SessionStates.isValid(number)).isTrue();
        assertThat(SessionStates.name(number)).isEqualTo(name);
        assertThat(SessionStates.fromName(name)).isEqualTo(number);
    }

    @Test
    void shouldRejectUnknownNumbersAndNames() {
        assertThat(SessionStates.isValid(3)).isFalse();
        assertThat(SessionStates.isValid(-4)).isFalse();
        assertThatThrownBy(() -> SessionStates.name(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 is not a known session state "
                        + "(0 unknown, 1 waiting, 2 open, 4 closed, 12 truncated, 28 failed, 44 abandoned)");
        assertThatThrownBy(() -> SessionStates.fromName("Closed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"Closed\" is not a known session state");
        assertThatThrownBy(() -> SessionStates.fromName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepEveryClosedStateAtOrAboveClosed() {
        assertThat(SessionStates.TRUNCATED & SessionStates.CLOSED).isEqualTo(SessionStates.CLOSED);
        assertThat(SessionStates.FAILED & SessionStates.CLOSED).isEqualTo(SessionStates.CLOSED);
        assertThat(SessionStates.ABANDONED & SessionStates.CLOSED).isEqualTo(SessionStates.CLOSED);
        assertThat(SessionStates.names()).hasSize(7);
    }
}
