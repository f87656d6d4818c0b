package io.rta.service.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

    private static final Path NOWHERE = Path.of("/nonexistent");

    private static LogSettings load(Map<String, String> env, String... args) {
        return LogSettings.load(args, env, NOWHERE);
    }

    @Test
    void shouldLogTextAtInfoByDefault() {
        assertThat(load(Map.of())).isEqualTo(new LogSettings(LogSettings.Format.TEXT, Level.INFO, Map.of()));
    }

    @Test
    void shouldReadFormatLevelAndPerLoggerLevelsFromAnyCommandLine() {
        LogSettings settings = load(Map.of(), "sessions", "--Sessions", "5", "--LogFormat", "JSON", "--LogLevel",
                "debug", "--LogLevels", " org.apache.kafka=INFO , io.rta.data=trace,");

        assertThat(settings.format()).isEqualTo(LogSettings.Format.JSON);
        assertThat(settings.level()).isEqualTo(Level.DEBUG);
        assertThat(settings.levels()).containsExactly(Map.entry("org.apache.kafka", Level.INFO),
                Map.entry("io.rta.data", Level.TRACE));
    }

    @Test
    void shouldReadTheEnvironment() {
        assertThat(load(Map.of("RTA_LOGFORMAT", "json", "RTA_LOGLEVELS", "kafka=DEBUG")))
                .isEqualTo(new LogSettings(LogSettings.Format.JSON, Level.INFO, Map.of("kafka", Level.DEBUG)));
    }

    @Test
    void shouldTakeTheCommandsLevelUnlessLogLevelIsSet() {
        assertThat(LogSettings.load(new String[0], Map.of(), NOWHERE, Level.WARN).level()).isEqualTo(Level.WARN);
        assertThat(LogSettings.load(new String[] {"--LogLevel", "INFO"}, Map.of(), NOWHERE, Level.WARN).level())
                .isEqualTo(Level.INFO);
    }

    @Test
    void shouldRefuseABadValueNamingTheOptionAndTheRule() {
        assertThatThrownBy(() -> load(Map.of(), "--LogFormat", "xml"))
                .hasMessage("Option LogFormat = 'xml' must be text or json");
        assertThatThrownBy(() -> load(Map.of(), "--LogLevel", "LOUD"))
                .hasMessage("Option LogLevel: level 'LOUD' must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        assertThatThrownBy(() -> load(Map.of(), "--LogLevels", "org.apache.kafka"))
                .hasMessage("Option LogLevels: 'org.apache.kafka' must be logger=LEVEL, e.g. org.apache.kafka=INFO");
        assertThatThrownBy(() -> load(Map.of(), "--LogLevels", "=INFO")).hasMessageStartingWith("Option LogLevels");
        assertThatThrownBy(() -> load(Map.of(), "--LogLevels", "kafka=verbose"))
                .hasMessageStartingWith("Option LogLevels: level 'verbose'");
    }
}
