package io.rta.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.schemas.InMemorySchemaRegistryClient;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldReadTheLiveEventTopicsAndWriteEverythingElseUnderTheReplayPrefix() {
        // the schema mappings stay the live ones: a global view over them is neither derived nor replayed
        Topics replay = Topics.replaying("rta.", "replay-1.", registry);

        assertThat(replay.events()).extracting(Topic::name).containsExactly("rta.session-updates", "rta.folders",
                "rta.config-publications", "rta.telemetry");
        assertThat(replay.all()).filteredOn(topic -> !replay.events().contains(topic)).extracting(Topic::name)
                .containsExactly("replay-1.sessions", "replay-1.configs", "replay-1.session-ref-edges",
                        "replay-1.session-relations", "replay-1.dead-letters", "rta.schema-mappings");
        assertThat(replay.applicationId()).isEqualTo("replay-1.rta-server");
        assertThat(replay.prefix()).isEqualTo("replay-1.");
    }

    @Test
    void shouldNameEveryTopicWithThePrefixOfALiveDeployment() {
        Topics live = Topics.create("rta.", registry);

        assertThat(live.all()).extracting(Topic::name).allMatch(name -> name.startsWith("rta."));
        assertThat(live.internal()).extracting(Topic::name).containsExactly("rta.session-ref-edges",
                "rta.session-relations");
        assertThat(live.applicationId()).isEqualTo("rta.rta-server");
    }

    @Test
    void shouldRefuseAReplayIntoTheLivePrefix() {
        assertThatThrownBy(() -> Topics.replaying("rta.", "rta.", registry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a replay needs a prefix of its own");
    }
}
