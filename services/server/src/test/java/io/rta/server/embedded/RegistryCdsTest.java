package io.rta.server.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's class-data archive: made by the first child, mapped by the next, never kept half written. */
class RegistryCdsTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameTheArchiveAfterTheJarItsSizeAndTimeAndTheJavaVersion() throws IOException {
        Path jar = jar("apicurio-registry-app-9.9.9-runner.jar");

        assertThat(RegistryCds.archivePath(jar, "17.0.15").getFileName().toString())
                .isEqualTo("apicurio-registry-app-9.9.9-runner-java17.0.15-3-1700000000000.jsa");
        assertThat(RegistryCds.archivePath(jar, "17.0.16")).isNotEqualTo(RegistryCds.archivePath(jar, "17.0.15"));
        assertThat(RegistryCds.archivePath(jar, "17.0.15").getParent()).isEqualTo(dir);
    }

    @Test
    void shouldDumpAtExitIntoAFileOfItsOwnWhenThereIsNoArchive() throws IOException {
        RegistryCds cds = RegistryCds.of(jar("runner.jar"));

        assertThat(cds.jvmOptions()).singleElement().asString()
                .startsWith("-XX:ArchiveClassesAtExit=" + dir.resolve(archiveName()))
                .endsWith(".tmp");
        assertThat(cds.describe()).contains("no class-data archive yet");
    }

    @Test
    void shouldKeepTheDumpOfAChildThatStoppedCleanlyAndMapItNextTime() throws IOException {
        Path jar = jar("runner.jar");
        RegistryCds first = RegistryCds.of(jar);
        Files.writeString(dumpOf(first), "classes");

        first.childExited(true);

        RegistryCds next = RegistryCds.of(jar);
        assertThat(next.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + dir.resolve(archiveName()));
        assertThat(next.describe()).startsWith("classes mapped from");
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void shouldDeleteTheDumpOfAChildThatDidNotStopCleanly() throws IOException {
        Path jar = jar("runner.jar");
        RegistryCds first = RegistryCds.of(jar);
        Path dump = dumpOf(first);
        Files.writeString(dump, "half an archive");

        first.childExited(false);

        assertThat(dump).doesNotExist();
        assertThat(dir.resolve(archiveName())).doesNotExist();
        assertThat(RegistryCds.of(jar).jvmOptions()).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
    }

    private Path jar(String name) throws IOException {
        Path jar = Files.writeString(dir.resolve(name), "jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
        return jar;
    }

    private String archiveName() {
        return RegistryCds.archivePath(dir.resolve("runner.jar"), System.getProperty("java.version")).getFileName()
                .toString();
    }

    private static Path dumpOf(RegistryCds cds) {
        return Path.of(cds.jvmOptions().get(0).substring("-XX:ArchiveClassesAtExit=".length()));
    }
}
