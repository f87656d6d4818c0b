package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Start-up as {@code ./rta server} runs it, in a process of its own with the embedded broker and registry: once healthy
 * it logs how long that took and where the time went, on an empty data directory and again on a restart. (Speed is
 * measured, never asserted: see the README's start-up figures.)
 */
class StartupTimeIT {

    private static final Duration PROCESS_START = Duration.ofMinutes(4);
    /** The line names the total and every phase, in start order. */
    private static final Pattern HEALTHY_LINE = Pattern.compile("RTA server healthy after \\d+\\.\\d s \\(JVM \\d+\\.\\d s, "
            + "broker \\d+\\.\\d s, topics \\d+\\.\\d s, registry \\d+\\.\\d s, registry ready from launch \\d+\\.\\d s, "
            + "schemas \\d+\\.\\d s, streams \\d+\\.\\d s, session view \\d+\\.\\d s, services \\d+\\.\\d s, "
            + "gRPC \\d+\\.\\d s, HTTP \\d+\\.\\d s, until healthy \\d+\\.\\d s\\)");

    @Test
    void shouldLogTheTimeToHealthyWithItsPhasesOnAnEmptyDataPathAndOnARestart() {
        TestServer server = TestServer.create();
        assertThat(server.dataPath().resolve("kafka")).doesNotExist();

        try (ServerProcess first = ServerProcess.start(server, "empty", PROCESS_START)) {
            awaitHealthyLine(server.dataPath().resolve("empty.log"));
        }
        try (ServerProcess restarted = ServerProcess.start(server, "restart", PROCESS_START)) {
            awaitHealthyLine(server.dataPath().resolve("restart.log"));
        }
    }

    /** The line is written by the server once its checks pass, which may be a moment after /health said so. */
    private static void awaitHealthyLine(Path log) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(healthyLine(log))
                .as("the line naming the time to healthy in %s", log).isPresent());
        assertThat(healthyLine(log).orElseThrow()).containsPattern(HEALTHY_LINE);
    }

    private static Optional<String> healthyLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.stream().filter(line -> line.contains("RTA server healthy after")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
