package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void shouldTellTheCpuTheJustInTimeCompilersUsedWhereProcTellsIt() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");

        long first = Machine.compilerCpuNanos();
        // a JVM that has run a test framework has compiled code (the compilers run from the first second on)
        assertThat(first).isGreaterThan(0);
        // it is CPU so far: it never goes back, and it is at most what the whole process used
        assertThat(Machine.compilerCpuNanos()).isGreaterThanOrEqualTo(first);
        assertThat(first).isLessThanOrEqualTo(Machine.processCpuNanos());
    }
}
