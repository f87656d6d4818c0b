package io.rta.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Options#loadKnown}: what a process reads before its command resolves all of its options strictly. */
class OptionsKnownTest {

    private static final OptionDef FORMAT = OptionDef.of("LogFormat", "text", "format");
    private static final List<OptionDef> DEFS = List.of(FORMAT);

    @TempDir
    Path dir;

    @Test
    void shouldSkipOtherOptionsTheirValuesAndPlainArguments() {
        Options options = Options.loadKnown(DEFS, new String[] {"sessions", "--Sessions", "1000", "--Json",
                "--logformat=json", "--HttpUrl", "http://x"}, Map.of(), dir);

        assertThat(options.getString(FORMAT)).isEqualTo("json");
        assertThat(options.sourceOf(FORMAT)).isEqualTo("command line --logformat");
    }

    @Test
    void shouldReadTheEnvironmentAndTheConfigFileLikeTheStrictLoad() throws IOException {
        Files.writeString(dir.resolve("appsettings.json"), "{\"LogFormat\": \"json\", \"Other\": {\"Thing\": 1}}",
                StandardCharsets.UTF_8);

        assertThat(Options.loadKnown(DEFS, new String[0], Map.of(), dir).getString(FORMAT)).isEqualTo("json");
        assertThat(Options.loadKnown(DEFS, new String[0], Map.of("RTA_LOGFORMAT", "text"), dir).getString(FORMAT))
                .isEqualTo("text");
    }

    @Test
    void shouldLeaveAMalformedConfigFileToTheStrictLoad() throws IOException {
        Files.writeString(dir.resolve("appsettings.json"), "{ not json", StandardCharsets.UTF_8);

        assertThat(Options.loadKnown(DEFS, new String[0], Map.of(), dir).getString(FORMAT)).isEqualTo("text");
    }
}
