package io.rta.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rta.events.ConfigBinding;
import io.rta.events.Detail;
import io.rta.events.DetailCategory;
import io.rta.events.Marker;
import io.rta.events.SessionState;
import io.rta.topology.json.Json;
import io.rta.topology.json.SessionJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamSessionJsonTest {

    @Test
    void shouldWriteEmptyStreamOwnedCollectionsExplicitly() throws Exception {
        JsonNode json = Json.READER.readTree(StreamSessionJson.render(TestSessions.open("s1").build()));

        assertThat(json.get("details").isObject()).isTrue();
        assertThat(json.get("details").isEmpty()).isTrue();
        for (String collection : List.of("configBindings", "markers", "children", "alternates")) {
            assertThat(json.get(collection).isArray()).as(collection).isTrue();
            assertThat(json.get(collection).isEmpty()).as(collection).isTrue();
        }
        assertThat(json.has("extDetails")).isFalse();
        assertThat(json.get("state").asText()).isEqualTo("open");
    }

    @Test
    void shouldMatchTheRestJsonWhenCollectionsHaveContentButLeaveOutExtDetails() throws Exception {
        SessionState state = TestSessions.open("s2")
                .setDetails(List.of(new Detail("Driver", "Ann")))
                .setExtDetails(List.of(new DetailCategory("Car", List.of(new Detail("Chassis", "C7")))))
                .setConfigBindings(List.of(new ConfigBinding("cfg-1", 0L)))
                .setMarkers(List.of(Marker.newBuilder().setId("m1").setLabel("Lap 1").build()))
                .setChildren(List.of("child"))
                .setAlternates(List.of("alt"))
                .build();

        String stream = StreamSessionJson.render(state);

        assertThat(stream).isEqualTo(Json.WRITER.writeValueAsString(SessionJson.render(state, List.of())));
        assertThat(Json.READER.readTree(stream).has("extDetails")).isFalse();
    }
}
