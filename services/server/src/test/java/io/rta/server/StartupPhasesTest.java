package io.rta.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StartupPhasesTest {

    @Test
    void shouldNameTheTotalAndEveryPhaseInOrder() {
        StartupPhases phases = StartupPhases.sinceNow();
        phases.mark("broker");
        phases.mark("topics");
        phases.note(StartupPhases.format("registry ready from launch", Duration.ofMillis(4_250)));
        phases.mark("until healthy");

        assertThat(phases.summary()).matches("healthy after \\d+\\.\\d s \\(broker \\d+\\.\\d s, topics \\d+\\.\\d s, "
                + "registry ready from launch 4\\.3 s, until healthy \\d+\\.\\d s\\)");
    }

    @Test
    void shouldCountTheProcessLifeBeforeTheServerAsTheJvmPhase() {
        StartupPhases phases = StartupPhases.sinceProcessStart();
        phases.mark("broker");

        assertThat(phases.summary()).matches("healthy after \\d+\\.\\d s \\(JVM \\d+\\.\\d s, broker \\d+\\.\\d s\\)");
        assertThat(phases.total()).isPositive();
    }

    @Test
    void shouldFormatSecondsWithOneDecimalWhateverTheLocale() {
        assertThat(StartupPhases.format("HTTP", Duration.ofMillis(1_250))).isEqualTo("HTTP 1.3 s");
        assertThat(StartupPhases.format("HTTP", Duration.ofMillis(12_040))).isEqualTo("HTTP 12.0 s");
    }
}
