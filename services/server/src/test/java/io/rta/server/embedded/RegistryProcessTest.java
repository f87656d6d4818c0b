package io.rta.server.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;

/** Locating the runner jar and cleaning up after a crashed run, without starting the registry. */
class RegistryProcessTest {

    private static final String JAR = "apicurio-registry-app-9.9.9-runner.jar";

    @TempDir
    Path dir;

    @Test
    void shouldFindTheRunnerJarNextToTheCodeSource() throws IOException {
        Path jar = touch(dir.resolve("services/server/target/apicurio").resolve(JAR));
        Path classes = Files.createDirectories(dir.resolve("services/server/target/classes"));

        assertThat(RegistryProcess.defaultRunnerJar(Optional.of(classes), dir.resolve("elsewhere"))).isEqualTo(jar);
    }

    @Test
    void shouldFindTheRunnerJarBelowTheRepositoryRoot() throws IOException {
        Path jar = touch(dir.resolve("services/server/target/apicurio").resolve(JAR));

        assertThat(RegistryProcess.defaultRunnerJar(Optional.empty(), dir)).isEqualTo(jar);
    }

    @Test
    void shouldFindTheRunnerJarFromASiblingModule() throws IOException {
        Path jar = touch(dir.resolve("services/server/target/apicurio").resolve(JAR));
        Path module = Files.createDirectories(dir.resolve("integration-tests"));

        assertThat(RegistryProcess.defaultRunnerJar(Optional.empty(), module)).isEqualTo(jar.normalize());
    }

    @Test
    void shouldExplainHowToGetTheRunnerJarWhenItIsMissing() {
        assertThatThrownBy(() -> RegistryProcess.defaultRunnerJar(Optional.empty(), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apicurio-registry-app-*-runner.jar")
                .hasMessageContaining("set RegistryJar");
    }

    @Test
    void shouldRejectAConfiguredRunnerJarThatDoesNotExist() {
        Options options = Options.defaults(RtaOptions.ALL).with(RtaOptions.REGISTRY_JAR, "/nowhere/registry.jar");

        assertThatThrownBy(() -> RegistryProcess.locateRunnerJar(options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Option RegistryJar = '/nowhere/registry.jar'");
    }

    @Test
    void shouldStopARegistryLeftRunningByACrashedRun() throws Exception {
        // A shell blocked in the read builtin: no grandchild outlives it, and its command line names the jar.
        Process stale = new ProcessBuilder("sh", "-c", "read line", JAR).start();
        writePid(stale.pid());

        RegistryProcess.stopStaleChild(dir);

        assertThat(stale.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("registry.pid")).doesNotExist();
    }

    @Test
    void shouldLeaveAnUnrelatedProcessThatReusedThePidAlone() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "600").start();
        try {
            writePid(unrelated.pid());

            RegistryProcess.stopStaleChild(dir);

            assertThat(unrelated.isAlive()).isTrue();
            assertThat(dir.resolve("registry.pid")).doesNotExist();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    private void writePid(long pid) throws IOException {
        Files.writeString(dir.resolve("registry.pid"), Long.toString(pid), StandardCharsets.US_ASCII);
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.createFile(file);
    }
}
