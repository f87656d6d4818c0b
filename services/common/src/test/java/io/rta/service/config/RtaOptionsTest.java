package io.rta.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtaOptionsTest {

    @TempDir
    Path dir;

    @Test
    void shouldDefaultToTheEmbeddedSetup() {
        Options options = RtaOptions.load(new String[0], Map.of(), dir);

        assertThat(options.getPath(RtaOptions.DATA_PATH)).isEqualTo(Path.of("./data"));
        assertThat(options.getInt(RtaOptions.HTTP_PORT)).isEqualTo(8080);
        assertThat(options.getInt(RtaOptions.GRPC_PORT)).isEqualTo(8082);
        assertThat(options.getString(RtaOptions.BOOTSTRAP_SERVERS)).isEmpty();
        assertThat(options.getString(RtaOptions.REGISTRY_URL)).isEmpty();
        assertThat(options.getString(RtaOptions.TOPIC_PREFIX)).isEqualTo("rta.");
        assertThat(options.getDuration(RtaOptions.WRITE_TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.getInt(RtaOptions.PARTITIONS)).isEqualTo(6);
        assertThat(options.getInt(RtaOptions.REPLICATION_FACTOR)).isEqualTo(1);
        assertThat(options.getInt(RtaOptions.KAFKA_PORT)).isEqualTo(9092);
        assertThat(options.getInt(RtaOptions.REGISTRY_PORT)).isEqualTo(8085);
        assertThat(options.getString(RtaOptions.SERVICE_LABEL)).startsWith("RTA on Kafka (").endsWith(")");
    }

    @Test
    void shouldSetTheServiceLabelFromASectionedEnvironmentVariable() {
        Options options = RtaOptions.load(new String[0], Map.of("RTA_SERVICEINFO__LABEL", "Pit wall"), dir);

        assertThat(options.getString(RtaOptions.SERVICE_LABEL)).isEqualTo("Pit wall");
    }

    @Test
    void shouldDescribeEveryOptionInAMarkdownTable() {
        String table = RtaOptions.describe();

        assertThat(table).startsWith("| Option | Environment | Default | Description |\n|---|---|---|---|\n");
        assertThat(table).contains("| `HttpPort` | `RTA_HTTPPORT` | `8080` | Port of the REST API");
        assertThat(table).contains("| `ServiceInfo:Label` | `RTA_SERVICEINFO__LABEL` | `RTA on Kafka (<hostname>)` |");
        assertThat(table.lines()).hasSize(RtaOptions.ALL.size() + 2);
    }
}
