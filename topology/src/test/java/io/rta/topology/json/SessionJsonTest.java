package io.rta.topology.json;

import static io.rta.topology.Sessions.dateTime;
import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rta.events.Marker;
import io.rta.events.SessionState;
import io.rta.topology.session.SessionStates;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionJsonTest {

    private static final SessionState API_EXAMPLE = session("f10f4a19-3831-4dd6-a178-faa94931a5b0")
            .state(SessionStates.CLOSED)
            .timestamp("2021-05-06T18:58:56.20289+01:00")
            .identifier("Session Demo 06 May 2021 18:58")
            .timeRange(1620323936202890000L, 1620324536202890000L)
            .detail("Lab Tech", "Bob Jones")
            .detail("Run", 17L)
            .configBinding("6d711dbc-5f0d-47d2-b127-8c9d20bcec01", 0)
            .build();

    @Test
    void shouldRenderTheApiExampleSessionExactly() throws Exception {
        String json = Json.WRITER.writeValueAsString(SessionJson.render(API_EXAMPLE, List.of()));

        assertThat(json).isEqualTo("{\"identity\":\"f10f4a19-3831-4dd6-a178-faa94931a5b0\",\"state\":\"closed\","
                + "\"timestamp\":\"2021-05-06T18:58:56.20289+01:00\",\"identifier\":\"Session Demo 06 May 2021 18:58\","
                + "\"startTimestamp\":\"2021-05-06T18:58:56.20289+01:00\","
                + "\"endTimestamp\":\"2021-05-06T19:08:56.20289+01:00\","
                + "\"timeRange\":{\"startTime\":1620323936202890000,\"endTime\":1620324536202890000},"
                + "\"details\":{\"Lab Tech\":\"Bob Jones\",\"Run\":17},"
                + "\"configBindings\":[{\"identifier\":\"6d711dbc-5f0d-47d2-b127-8c9d20bcec01\",\"channelOffset\":0}]}");
    }

    @Test
    void shouldOmitEmptyAndNullProperties() {
        JsonNode json = SessionJson.render(session("s").timestamp("2021-05-24T16:21:39+00:00").build(), null);

        assertThat(json.properties()).extracting(e -> e.getKey())
                .containsExactly("identity", "state", "timestamp", "identifier");
    }

    @Test
    void shouldRenderEveryStateByName() {
        int[] codes = {0, 1, 2, 4, 12, 28, 44};
        String[] names = {"unknown", "waiting", "open", "closed", "truncated", "failed", "abandoned"};
        for (int i = 0; i < codes.length; i++) {
            assertThat(SessionJson.render(session("s").state(codes[i]).build(), null).get("state").asText())
                    .isEqualTo(names[i]);
        }
    }

    @Test
    void shouldRenderTypedDetails() {
        JsonNode details = SessionJson.render(session("s")
                .detail("text", "SAI").detail("int", 17L).detail("num", 0.5).detail("flag", true)
                .detail("when", dateTime("2021-05-06T18:58:56+01:00")).build(), null).get("details");

        assertThat(details.get("text").isTextual()).isTrue();
        assertThat(details.get("int").isIntegralNumber()).isTrue();
        assertThat(details.get("num").isDouble()).isTrue();
        assertThat(details.get("flag").isBoolean()).isTrue();
        assertThat(details.get("when").asText()).isEqualTo("2021-05-06T18:58:56+01:00");
    }

    @Test
    void shouldRenderExtDetailsOnlyWhenRequested() {
        SessionState s = session("s")
                .extDetail("CarSetup", "RideHeightFront", 32L)
                .extDetail("CarSetup", "RideHeightRear", 78L)
                .extDetail("Engine", "Map", "A").build();

        assertThat(SessionJson.render(s, List.of()).has("extDetails")).isFalse();
        assertThat(SessionJson.render(s, List.of("extDetails.CarSetup.RideHeightFront")).get("extDetails").toString())
                .isEqualTo("{\"CarSetup\":{\"RideHeightFront\":32}}");
        assertThat(SessionJson.render(s, List.of("extDetails.CarSetup")).get("extDetails").toString())
                .isEqualTo("{\"CarSetup\":{\"RideHeightFront\":32,\"RideHeightRear\":78}}");
        assertThat(SessionJson.render(s, List.of("extDetails")).get("extDetails").size()).isEqualTo(2);
        assertThat(SessionJson.render(s, List.of("extDetails.CarSetup.Missing")).has("extDetails")).isFalse();
    }

    @Test
    void shouldRenderDataManagementRelationshipsAndMarkersInOrder() throws Exception {
        Marker marker = Marker.newBuilder().setId("m1").setCategory("Lap").setLabel("Lap 1")
                .setStartTime(10L).setEndTime(20L).setDetailsJson("{\"lap\":1}").build();
        SessionState s = session("s").type("DDS").quality(0.8).group("Aero").version("1.2.0")
                .children("c1").alternates("a1").configBinding("cfg", 1000).marker(marker).build();

        JsonNode json = SessionJson.render(s, null);

        assertThat(json.properties()).extracting(e -> e.getKey()).containsExactly("identity", "state", "timestamp",
                "identifier", "type", "quality", "group", "version", "children", "alternates", "configBindings", "markers");
        assertThat(json.get("markers").toString()).isEqualTo(
                "[{\"id\":\"m1\",\"category\":\"Lap\",\"label\":\"Lap 1\",\"startTime\":10,\"endTime\":20,\"details\":{\"lap\":1}}]");
    }

    @Test
    void shouldLeaveOutMarkerDetailsThatAreNotAJsonObject() {
        Marker marker = Marker.newBuilder().setId("m1").setDetailsJson("[1,2]").build();

        JsonNode json = SessionJson.render(session("s").marker(marker).build(), null);

        assertThat(json.get("markers").get(0).has("details")).isFalse();
    }

    @Test
    void shouldRenderAPageOfSessions() {
        JsonNode page = SessionJson.renderPage(List.of(API_EXAMPLE), null);

        assertThat(page.get("sessions").get(0).get("identity").asText()).isEqualTo("f10f4a19-3831-4dd6-a178-faa94931a5b0");
    }
}
