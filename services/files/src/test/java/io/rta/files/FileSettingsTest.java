package io.rta.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSettingsTest {

    @TempDir
    Path root;

    private FileSettings settings(String... more) {
        String[] args = new String[more.length + 4];
        args[0] = "--Root";
        args[1] = root.toString();
        args[2] = "--SchemaMappingGrpcUri";
        args[3] = "http://localhost:2682/";
        System.arraycopy(more, 0, args, 4, more.length);
        return FileSettings.from(FileOptions.load(args));
    }

    @Test
    void shouldRunEachScanOnOneThreadUnlessToldOtherwise() {
        assertThat(settings().engineThreads()).isEqualTo(1);
        assertThat(settings("--EngineThreads", "4").engineThreads()).isEqualTo(4);
    }

    @Test
    void shouldRefuseEngineThreadsOutOfRangeNamingTheOption() {
        for (String bad : new String[] {"0", "-1", "257"}) {
            assertThatThrownBy(() -> settings("--EngineThreads", bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("EngineThreads").hasMessageContaining("between 1 and 256");
        }
        assertThatThrownBy(() -> settings("--EngineThreads", "many")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EngineThreads");
    }
}
