package io.rta.service.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DirectoriesTest {

    @TempDir
    Path temp;

    @Test
    void shouldDeleteADirectoryWithEverythingUnderIt() throws Exception {
        Path dir = temp.resolve("state");
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/file"), "x");
        Files.writeString(dir.resolve("top"), "y");

        assertThat(Directories.deleteRecursively(dir, "test state", LoggerFactory.getLogger(getClass()))).isTrue();

        assertThat(dir).doesNotExist();
        assertThat(temp).isDirectory();
    }

    @Test
    void shouldTakeAMissingDirectoryAsGone() {
        assertThat(Directories.deleteRecursively(temp.resolve("never"), "test state",
                LoggerFactory.getLogger(getClass()))).isTrue();
    }
}
