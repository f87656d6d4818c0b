package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rta.service.config.Options;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOutputTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final BenchReport report = new BenchReport("bench sessions")
            .row("ingest", 12000, "sessions/s", SessionBench.INGEST_TARGET);

    @TempDir
    Path dir;

    private int publish(String... args) throws Exception {
        Options options = Options.load(BenchOptions.ALL, args, Map.of(), dir);
        return BenchOutput.of(options).publish(report, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintTheTableToStdoutByDefault() throws Exception {
        assertThat(publish()).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("==== rta bench sessions: results ====");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldPrintOnlyJsonToStdoutAndTheTableToStderrForABareJsonOption() throws Exception {
        publish("--Json", "--Sessions", "10");

        assertThat(new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("rows").get(0)
                .get("verdict").asText()).isEqualTo("PASS");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ingest").contains("PASS");
    }

    @Test
    void shouldWriteJsonToTheFileNamedAndTheTableToStdout() throws Exception {
        Path file = dir.resolve("results.json");

        publish("--Json", file.toString());

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("==== 1 PASS, 0 MISS, 0 FAILED ====");
        assertThat(new ObjectMapper().readTree(Files.readString(file)).get("command").asText())
                .isEqualTo("bench sessions");
    }

    @Test
    void shouldReturnTheFailedExitCodeWhenAStepFailed() throws Exception {
        report.failed("query", new IllegalStateException("HTTP 500"));

        assertThat(publish()).isEqualTo(BenchReport.EXIT_FAILED);
    }

    @Test
    void shouldRefuseAJsonFileInADirectoryThatDoesNotExistBeforeTheRun() {
        assertThatThrownBy(() -> publish("--Json", dir.resolve("missing/results.json").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Option Json = '");
    }
}
