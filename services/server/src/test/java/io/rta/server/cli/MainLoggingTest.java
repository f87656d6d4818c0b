package io.rta.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process's own first line, in a child JVM running {@link Main} as {@code ./rta} does: {@code cluster} with a
 * port that is not a number logs its options and stops before starting anything.
 */
class MainLoggingTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, List<String> stdout, String stderr) {
    }

    private Run main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the child JVM ends").isTrue();
        return new Run(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList(),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldWriteJsonFromTheProcesssFirstLineWhenLogFormatIsJson() throws Exception {
        Run run = main("cluster", "--LogFormat", "json", "--DataPath", dir.toString(), "--KafkaPort", "none");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.stdout()).isNotEmpty();
        JsonNode first = new ObjectMapper().readTree(run.stdout().get(0));
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("logger").asText()).isEqualTo(Main.class.getName());
        assertThat(first.get("message").asText()).startsWith("cluster options: ")
                .contains("KafkaPort=none (command line --KafkaPort)");
        assertThat(first.get("mdc").get("LogFormat").asText()).isEqualTo("json");
        for (String line : run.stdout()) {
            assertThat(new ObjectMapper().readTree(line).isObject()).as(line).isTrue();
        }
        assertThat(run.stderr()).startsWith("rta cluster: Option KafkaPort = 'none'");
    }

    @Test
    void shouldWriteTextByDefault() throws Exception {
        Run run = main("cluster", "--DataPath", dir.toString(), "--KafkaPort", "none");

        assertThat(run.stdout()).first().asString().startsWith("INFO  [")
                .contains("] [main] io.rta.server.cli.Main: cluster options: Config=appsettings.json, DataPath=");
    }

    @Test
    void shouldRefuseABadLoggingOptionBeforeAnythingElse() throws Exception {
        Run run = main("cluster", "--LogLevel", "LOUD", "--KafkaPort", "none");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("rta cluster: Option LogLevel: level 'LOUD'");
    }
}
