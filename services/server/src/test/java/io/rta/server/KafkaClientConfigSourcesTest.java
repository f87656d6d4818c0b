package io.rta.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A Kafka client whose configuration is assembled without the {@code Kafka:*} properties cannot reach a secured
 * cluster. Every client config starts where the cluster's address is put in, so each source file of the services that
 * puts {@code bootstrap.servers} into a config must also apply {@code KafkaClientOptions} — except the embedded
 * broker's own readiness check, which talks to that plaintext loopback broker only.
 */
class KafkaClientConfigSourcesTest {

    private static final Pattern SETS_BOOTSTRAP_SERVERS = Pattern.compile(
            "BOOTSTRAP_SERVERS_CONFIG\\s*,|\"bootstrap\\.servers\"\\s*,");
    private static final List<String> ALLOWED = List.of("EmbeddedKafka.java");

    @Test
    void shouldApplyTheKafkaPropertiesWhereverAClientConfigNamesTheCluster() throws IOException {
        Path services = Path.of("").toAbsolutePath().getParent();
        assertThat(services.resolve("common/src/main/java")).as("run from services/server").isDirectory();

        List<Path> sources;
        try (Stream<Path> files = Files.walk(services)) {
            sources = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .toList();
        }
        List<String> withoutOptions = sources.stream()
                .filter(p -> SETS_BOOTSTRAP_SERVERS.matcher(read(p)).find())
                .filter(p -> !read(p).contains("KafkaClientOptions"))
                .map(p -> services.relativize(p).toString())
                .filter(p -> ALLOWED.stream().noneMatch(p::endsWith))
                .toList();

        assertThat(sources).hasSizeGreaterThan(100);
        assertThat(withoutOptions).as("client configs built without KafkaClientOptions (use KafkaSettings.common)")
                .isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
