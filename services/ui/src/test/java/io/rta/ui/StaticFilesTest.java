package io.rta.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticFilesTest {

    private final StaticFiles jar = new StaticFiles(Optional.empty());

    @Test
    void shouldServeTheViewerThePlottingLibraryAndTheApiFromTheJar() {
        assertThat(jar.find("index.html")).get().extracting(StaticFiles.StaticFile::mediaType)
                .isEqualTo("text/html; charset=utf-8");
        assertThat(jar.find("vendor/uplot/uPlot.esm.js")).get().extracting(StaticFiles.StaticFile::mediaType)
                .isEqualTo("text/javascript; charset=utf-8");
        assertThat(jar.find("vendor/swagger-ui/swagger-ui-bundle.js")).isPresent();
        assertThat(jar.find("api/api.yaml")).get().extracting(f -> new String(f.bytes(), StandardCharsets.UTF_8))
                .asString().contains("/sessions/{identity}/data/periodic/{channels}");
        assertThat(jar.find("api/query.schema.json")).isPresent();
        assertThat(jar.find("api/index.html")).isPresent();
    }

    @Test
    void shouldRefusePathsThatCouldLeaveItsRoots() {
        for (String path : new String[] {"../pom.xml", "js/../../x", ".hidden", "a//b", "/etc/passwd", "a\\b",
                "vendor/uplot/../../../io/rta/ui/UiResource.class", "%2e%2e/x", "index.html\0", ""}) {
            assertThat(StaticFiles.isSafe(path)).as(path).isFalse();
            assertThat(jar.find(path)).as(path).isEmpty();
        }
    }

    @Test
    void shouldNotServeClassesOrOtherResourcesOfTheJar() {
        assertThat(jar.find("UiResource.class")).isEmpty();
        assertThat(jar.find("vendor/uplot/../../../../io/rta/ui/webjars.properties")).isEmpty();
        assertThat(jar.find("api/webjars.properties")).isEmpty();
    }

    @Test
    void shouldServeOwnFilesFromADirectoryFreshOnEveryRequest(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("index.html"), "<p>one</p>");
        StaticFiles files = new StaticFiles(Optional.of(dir));
        String etag = files.find("index.html").orElseThrow().etag();
        Files.writeString(dir.resolve("index.html"), "<p>two</p>");
        assertThat(files.find("index.html")).get().extracting(StaticFiles.StaticFile::etag).isNotEqualTo(etag);
        assertThat(files.find("vendor/uplot/uPlot.min.css")).isPresent();
        assertThat(files.find("missing.js")).isEmpty();
    }
}
