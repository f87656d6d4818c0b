package io.rta.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.config.module.ConfigModule;
import io.rta.schemamapping.module.SchemaMappingModule;
import io.rta.schemas.InMemorySchemaRegistryClient;
import io.rta.server.StandaloneService.Kind;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.topology.Topics;
import io.rta.topology.limits.InputLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class StandaloneServiceTest {

    private static Options load(Kind kind, String... args) {
        return Options.load(kind.options(), args, Map.of(), Path.of("."));
    }

    @Test
    void shouldRunEachServiceInAKafkaStreamsApplicationOfItsOwnApartFromTheServers() {
        Topics topics = Topics.create("rta.", new InMemorySchemaRegistryClient());

        Set<String> ids = Arrays.stream(Kind.values()).map(kind -> kind.applicationId(topics.prefix()))
                .collect(Collectors.toSet());

        assertThat(ids).containsExactlyInAnyOrder("rta.rta-session-service", "rta.rta-config-service",
                "rta.rta-data-service", "rta.rta-schema-mapping-service").doesNotContain(topics.applicationId());
    }

    @Test
    void shouldListenOnTheToolkitPortsByDefaultAndTakeOthersAsOptions() {
        assertThat(load(Kind.SESSION).getInt(Kind.SESSION.httpPort())).isEqualTo(2650);
        assertThat(load(Kind.SESSION).getInt(Kind.SESSION.grpcPort())).isEqualTo(2652);
        assertThat(load(Kind.CONFIG).getInt(Kind.CONFIG.httpPort())).isEqualTo(2660);
        assertThat(load(Kind.CONFIG).getInt(Kind.CONFIG.grpcPort())).isEqualTo(2662);
        assertThat(load(Kind.DATA).getInt(Kind.DATA.httpPort())).isEqualTo(2670);
        assertThat(load(Kind.DATA).getInt(Kind.DATA.grpcPort())).isEqualTo(2672);
        assertThat(load(Kind.SCHEMA_MAPPING).getInt(Kind.SCHEMA_MAPPING.httpPort())).isEqualTo(2680);
        assertThat(load(Kind.SCHEMA_MAPPING).getInt(Kind.SCHEMA_MAPPING.grpcPort())).isEqualTo(2682);
        assertThat(load(Kind.SCHEMA_MAPPING).getInt(Kind.SCHEMA_MAPPING.httpsPort())).isEqualTo(2681);
        assertThat(load(Kind.DATA, "--HttpPort", "9000", "--GrpcPort", "9002").getInt(Kind.DATA.grpcPort()))
                .isEqualTo(9002);
    }

    @Test
    void shouldKeepEachReplicasStateApartByPortUnlessDataPathIsSet() {
        assertThat(Kind.SESSION.dataPath(load(Kind.SESSION))).isEqualTo(Path.of("data", "session-service-2650"));
        assertThat(Kind.SESSION.dataPath(load(Kind.SESSION, "--HttpPort", "2750")))
                .isEqualTo(Path.of("data", "session-service-2750"));
        assertThat(Kind.DATA.dataPath(load(Kind.DATA, "--HttpPort", "2750", "--DataPath", "/var/lib/rta")))
                .isEqualTo(Path.of("/var/lib/rta"));
    }

    @Test
    void shouldTakeTheServersCommonOptionsButNotItsEmbeddedClusters() {
        Options options = load(Kind.CONFIG, "--TopicPrefix", "x.", "--ServiceInfo:Label", "configs",
                "--MaxConfigSize", "1024");

        assertThat(options.getString(RtaOptions.TOPIC_PREFIX)).isEqualTo("x.");
        assertThat(options.getString(RtaOptions.SERVICE_LABEL)).isEqualTo("configs");
        assertThat(options.getInt(ServerOptions.MAX_CONFIG_SIZE)).isEqualTo(1024);
        assertThatThrownBy(() -> load(Kind.SESSION, "--KafkaPort", "9092"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KafkaPort");
    }

    @Test
    void shouldRefuseToStartWithoutBootstrapServersOrRegistryUrlNamingTheOption() {
        assertThatThrownBy(() -> StandaloneService.start(Kind.SESSION, load(Kind.SESSION,
                "--RegistryUrl", "http://127.0.0.1:1/apis/ccompat/v7")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BootstrapServers");
        assertThatThrownBy(() -> StandaloneService.start(Kind.DATA, load(Kind.DATA,
                "--BootstrapServers", "127.0.0.1:1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RegistryUrl");
    }

    @Test
    void shouldGiveEachServiceOnlyItsOwnPartOfTheTopology() {
        Topics topics = Topics.create("rta.", new InMemorySchemaRegistryClient());

        assertThat(sources(Kind.SESSION, topics)).contains(topics.sessionUpdates().name(), topics.folders().name())
                .doesNotContain(topics.telemetry().name(), topics.configPublications().name());
        assertThat(sources(Kind.CONFIG, topics)).contains(topics.configPublications().name())
                .doesNotContain(topics.telemetry().name(), topics.sessionUpdates().name());
        assertThat(sources(Kind.DATA, topics)).containsExactly(topics.telemetry().name());
        assertThat(sources(Kind.SCHEMA_MAPPING, topics)).containsExactly(topics.schemaMappings().name());
        assertThat(sources(Kind.CONFIG, topics)).doesNotContain(topics.schemaMappings().name());
    }

    private static Set<String> sources(Kind kind, Topics topics) {
        TopologyDescription description = kind.topology(topics, InputLimits.defaults(), load(kind),
                ConfigModule.writes(Duration.ofSeconds(1), null),
                SchemaMappingModule.writes(Duration.ofSeconds(1), null, null, topics)).describe();
        return Stream.concat(description.subtopologies().stream().flatMap(sub -> sub.nodes().stream()),
                        description.globalStores().stream().map(TopologyDescription.GlobalStore::source))
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toSet());
    }
}
