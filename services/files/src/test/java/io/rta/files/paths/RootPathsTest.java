package io.rta.files.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.service.errors.InvalidInputException;
import io.rta.service.errors.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootPathsTest {

    @TempDir
    Path temp;
    private Path root;
    private RootPaths paths;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(temp.resolve("root")).toRealPath();
        Files.createDirectories(root.resolve("runs/2024"));
        Files.writeString(root.resolve("runs/2024/a.csv"), "time,x\n1,2\n");
        Files.writeString(root.resolve("runs/2024/b.csv"), "time,x\n3,4\n");
        Files.writeString(root.resolve("runs/c.parquet"), "not really");
        Files.writeString(root.resolve("notes.txt"), "x");
        Files.writeString(temp.resolve("secret.csv"), "time,x\n1,2\n");
        Files.createDirectories(temp.resolve("outside"));
        Files.writeString(temp.resolve("outside/d.csv"), "time,x\n1,2\n");
        paths = new RootPaths(root, 10);
    }

    @Test
    void shouldResolveAFileRelativeToTheRoot() {
        FileSet set = paths.resolve("runs/2024/a.csv");

        assertThat(set.format()).isEqualTo(FileFormat.CSV);
        assertThat(set.files()).containsExactly(root.resolve("runs/2024/a.csv"));
        assertThat(set.version()).hasSize(1);
    }

    @Test
    void shouldResolveAGlobToTheMatchingFilesInNameOrder() {
        assertThat(paths.resolve("runs/2024/*.csv").files()).containsExactly(root.resolve("runs/2024/a.csv"),
                root.resolve("runs/2024/b.csv"));
        assertThat(paths.resolve("runs/**/b.csv").files()).containsExactly(root.resolve("runs/2024/b.csv"));
    }

    @Test
    void shouldRefuseIdentitiesThatCouldLeaveTheRootWithoutShowingWhereItIs() {
        assertThatThrownBy(() -> paths.resolve(root.resolve("runs/2024/a.csv").toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is an absolute path");
        for (String hostile : List.of("../secret.csv", "runs/../../secret.csv", "runs/2024/..", "/etc/passwd",
                "C:/data/a.csv", "c:a.csv", "runs\\2024\\a.csv",
                "..\\secret.csv", "", "a\0.csv")) {
            assertThatThrownBy(() -> paths.resolve(hostile)).as(hostile).isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(root.toString())
                            .doesNotContain(temp.toString().substring(1)));
        }
        assertThatThrownBy(() -> paths.resolve("../secret.csv")).hasMessage("data identity '../secret.csv' has a "
                + "'..' segment: identities cannot leave the root");
    }

    @Test
    void shouldRefuseSymlinksThatResolveOutsideTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("link.csv"), temp.resolve("secret.csv"));
        Files.createSymbolicLink(root.resolve("out"), temp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("runs/2024/z.csv"), temp.resolve("secret.csv"));

        for (String hostile : List.of("link.csv", "out/d.csv", "out/*.csv", "runs/2024/*.csv")) {
            assertThatThrownBy(() -> paths.resolve(hostile)).as(hostile).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("outside the root").satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain(temp.toString()));
        }
    }

    @Test
    void shouldRefuseDanglingLinksOutOfTheRootAndAnswerNotFoundForDanglingLinksInside() throws IOException {
        Files.createSymbolicLink(root.resolve("gone.csv"), temp.resolve("no-such.csv"));
        Files.createSymbolicLink(root.resolve("gone"), temp.resolve("no-such-directory"));
        Files.createSymbolicLink(root.resolve("moved.csv"), root.resolve("runs/no-such.csv"));

        for (String hostile : List.of("gone.csv", "gone/a.csv", "gone/*.csv", "gone/x/**/*.csv")) {
            assertThatThrownBy(() -> paths.resolve(hostile)).as(hostile).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("outside the root").satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain(temp.toString()));
        }
        assertThatThrownBy(() -> paths.resolve("moved.csv")).isInstanceOf(NotFoundException.class);
        // a glob's walk takes a link to nothing for no file
        assertThatThrownBy(() -> paths.resolve("*.csv")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void shouldNotWalkIntoDirectoriesOutsideTheRootNorAroundLoops() throws IOException {
        Files.createSymbolicLink(root.resolve("runs/out"), temp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("runs/2024/again"), root.resolve("runs"));

        // outside/d.csv is not found through the link, and the loop runs/2024/again -> runs ends
        assertThat(paths.resolve("runs/**/*.csv").files()).containsExactly(root.resolve("runs/2024/a.csv"),
                root.resolve("runs/2024/b.csv"));
        assertThatThrownBy(() -> paths.resolve("runs/**/d.csv")).isInstanceOf(NotFoundException.class);
        // a directory the pattern names is no file, in the root or out of it
        assertThat(paths.resolve("runs/*").files()).containsExactly(root.resolve("runs/c.parquet"));
        assertThatThrownBy(() -> paths.resolve("runs/o*")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void shouldFollowSymlinksThatStayInsideTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("latest.csv"), root.resolve("runs/2024/b.csv"));

        assertThat(paths.resolve("latest.csv").files()).containsExactly(root.resolve("runs/2024/b.csv"));
    }

    @Test
    void shouldAnswerNotFoundForAMissingFileOrAGlobMatchingNothing() {
        assertThatThrownBy(() -> paths.resolve("runs/2024/none.csv")).isInstanceOf(NotFoundException.class)
                .hasMessage("no file 'runs/2024/none.csv' under the root");
        assertThatThrownBy(() -> paths.resolve("runs/2024/*.parquet")).isInstanceOf(NotFoundException.class)
                .hasMessage("no file matches 'runs/2024/*.parquet' under the root");
        assertThatThrownBy(() -> paths.resolve("nowhere/*.csv")).isInstanceOf(NotFoundException.class);
        // through a file as if it were a directory: nothing there either
        for (String through : List.of("notes.txt/a.csv", "notes.txt/sub/*.csv", "runs/c.parquet/x/*.parquet")) {
            assertThatThrownBy(() -> paths.resolve(through)).as(through).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void shouldRefuseDirectoriesOtherFormatsMixedFormatsAndTooManyFiles() {
        assertThatThrownBy(() -> paths.resolve("runs")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> paths.resolve("notes.txt")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("neither Parquet");
        assertThatThrownBy(() -> paths.resolve("runs/**")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("both Parquet and CSV");
        assertThatThrownBy(() -> new RootPaths(root, 1).resolve("runs/2024/*.csv"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than 1 files (MaxFiles)");
    }
}
