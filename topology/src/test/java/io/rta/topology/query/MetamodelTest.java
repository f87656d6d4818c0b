package io.rta.topology.query;

import static io.rta.topology.Sessions.dateTime;
import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rta.events.SessionState;
import io.rta.topology.model.SessionValues;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetamodelTest {

    private static final SessionState BOB = session("f10f4a19")
            .timestamp("2021-05-06T18:58:56.20289+01:00")
            .timeRange(1620323936202890000L, 1620324536202890000L)
            .detail("Lab Tech", "Bob Jones").detail("Run", 17L)
            .type("Stream").quality(0.25).group("Aero").version("1.0")
            .extDetail("CarSetup", "RideHeightFront", 32L)
            .extDetail("CarSetup", "RideHeightRear", 78L)
            .build();
    private static final SessionState DEREK = session("7a076d50")
            .timestamp("2021-05-24T16:21:39+00:00")
            .detail("Lab Tech", "Derek Smith").detail("Run", 200L)
            .type("Model").quality(1.0)
            .extDetail("CarSetup", "RideHeightFront", 30L)
            .build();

    private static JsonNode metamodel(List<String> props, SessionState... sessions) {
        return Metamodel.of(List.of(sessions), props);
    }

    @Test
    void shouldDescribeTheApiExample() {
        JsonNode json = metamodel(List.of(), BOB, DEREK);

        assertThat(json.get("state").toString()).isEqualTo("{\"filter\":true,\"sort\":true}");
        assertThat(json.get("timestamp").toString()).isEqualTo("{\"capabilities\":{\"filter\":true,\"sort\":true},"
                + "\"constraints\":{\"minimum\":\"2021-05-06T18:58:56.20289+01:00\",\"maximum\":\"2021-05-24T16:21:39+00:00\"}}");
        assertThat(json.get("startTimestamp").get("constraints").toString())
                .isEqualTo("{\"minimum\":\"2021-05-06T18:58:56.20289+01:00\",\"maximum\":\"2021-05-06T18:58:56.20289+01:00\"}");
        assertThat(json.get("endTimestamp").get("constraints").get("maximum").asText())
                .isEqualTo("2021-05-06T19:08:56.20289+01:00");
        assertThat(json.get("identifier").toString()).isEqualTo("{\"capabilities\":{\"filter\":true,\"sort\":true}}");
        assertThat(json.get("details").get("Lab Tech").toString()).isEqualTo("{\"label\":\"Lab Tech\",\"type\":\"string\","
                + "\"capabilities\":{\"filter\":true,\"sort\":true},\"constraints\":{\"values\":[\"Bob Jones\",\"Derek Smith\"]}}");
        assertThat(json.get("details").get("Run").get("constraints").toString())
                .isEqualTo("{\"values\":[17,200],\"minimum\":17,\"maximum\":200}");
        assertThat(json.get("details").get("Run").get("type").asText()).isEqualTo("integer");
        assertThat(json.get("extDetails").isEmpty()).isTrue();
    }

    @Test
    void shouldListFacetValuesAndRanges() {
        JsonNode json = metamodel(List.of(), BOB, DEREK);

        assertThat(json.get("type").get("constraints").get("values").toString()).isEqualTo("[\"Model\",\"Stream\"]");
        assertThat(json.get("group").get("constraints").get("values").toString()).isEqualTo("[\"Aero\"]");
        assertThat(json.get("version").get("constraints").get("values").toString()).isEqualTo("[\"1.0\"]");
        assertThat(json.get("quality").get("constraints").toString()).isEqualTo("{\"minimum\":0.25,\"maximum\":1.0}");
    }

    @Test
    void shouldOrderTimestampRangeByInstantButRenderTheSessionsOwnText() {
        SessionState early = session("a").timestamp("2021-05-06T18:58:56+01:00").build();
        SessionState late = session("b").timestamp("2021-05-06T18:30:00Z").build();

        JsonNode constraints = metamodel(List.of(), late, early).get("timestamp").get("constraints");

        assertThat(constraints.get("minimum").asText()).isEqualTo("2021-05-06T18:58:56+01:00");
        assertThat(constraints.get("maximum").asText()).isEqualTo("2021-05-06T18:30:00Z");
    }

    @Test
    void shouldOmitConstraintsWhenThereAreNoValues() {
        JsonNode json = metamodel(List.of());

        assertThat(json.get("timestamp").has("constraints")).isFalse();
        assertThat(json.get("type").has("constraints")).isFalse();
        assertThat(json.get("details").isEmpty()).isTrue();
    }

    @Test
    void shouldWidenMixedDetailTypes() {
        assertThat(detailType(17L, 0.5)).isEqualTo("number");
        assertThat(detailType(17L, "x")).isEqualTo("string");
        assertThat(detailType(true, false)).isEqualTo("boolean");
        assertThat(detailType(dateTime("2021-05-06T18:58:56Z"), dateTime("2021-05-07"))).isEqualTo("dateTime");
        assertThat(detailType(dateTime("2021-05-06T18:58:56Z"), "x")).isEqualTo("string");
    }

    private static String detailType(Object first, Object second) {
        JsonNode json = metamodel(List.of(), session("a").detail("k", first).build(), session("b").detail("k", second).build());
        return json.get("details").get("k").get("type").asText();
    }

    @Test
    void shouldGiveDateTimeDetailsARangeInTheirOwnText() {
        JsonNode constraints = metamodel(List.of(),
                session("a").detail("k", dateTime("2021-05-06T18:58:56+01:00")).build(),
                session("b").detail("k", dateTime("2021-05-06T18:30:00Z")).build()).get("details").get("k").get("constraints");

        assertThat(constraints.get("minimum").asText()).isEqualTo("2021-05-06T18:58:56+01:00");
        assertThat(constraints.get("maximum").asText()).isEqualTo("2021-05-06T18:30:00Z");
    }

    @Test
    void shouldNotGiveStringsOrMixedTypesARange() {
        JsonNode json = metamodel(List.of(), BOB, session("x").detail("Run", "many").build());

        assertThat(json.get("details").get("Lab Tech").get("constraints").has("minimum")).isFalse();
        assertThat(json.get("details").get("Run").get("constraints").has("minimum")).isFalse();
        assertThat(json.get("details").get("Run").get("constraints").get("values").toString()).isEqualTo("[17,\"many\"]");
    }

    @Test
    void shouldCapDistinctValuesAtOneHundred() {
        List<SessionState> sessions = new ArrayList<>();
        for (long i = 0; i < 150; i++) {
            sessions.add(session("s" + i).detail("Run", i).build());
        }

        JsonNode constraints = Metamodel.of(sessions, List.of()).get("details").get("Run").get("constraints");

        assertThat(constraints.get("values").size()).isEqualTo(Metamodel.MAX_VALUES);
        assertThat(constraints.get("values").get(99).asLong()).isEqualTo(99);
        assertThat(constraints.get("maximum").asLong()).isEqualTo(149);
    }

    @Test
    void shouldDescribeRequestedExtDetailCategories() {
        JsonNode ext = metamodel(List.of("extDetails.CarSetup"), BOB, DEREK).get("extDetails");

        assertThat(ext.get("CarSetup").get("label").asText()).isEqualTo("CarSetup");
        assertThat(ext.get("CarSetup").get("properties").get("RideHeightFront").get("constraints").toString())
                .isEqualTo("{\"values\":[30,32],\"minimum\":30,\"maximum\":32}");
        assertThat(ext.get("CarSetup").get("properties").has("RideHeightRear")).isTrue();
    }

    @Test
    void shouldDescribeOnlyTheRequestedExtDetail() {
        JsonNode ext = metamodel(List.of("extDetails.CarSetup.RideHeightRear"), BOB, DEREK).get("extDetails");

        assertThat(ext.get("CarSetup").get("properties").fieldNames()).toIterable().containsExactly("RideHeightRear");
    }

    @Test
    void shouldRemoveValuesAgainFromFacets() {
        Facets facets = new Facets();
        SessionValues bob = SessionValues.of(BOB);
        facets.add(bob);
        facets.add(SessionValues.of(DEREK));
        facets.remove(SessionValues.of(DEREK));

        JsonNode json = Metamodel.render(facets, List.of(bob), List.of());

        assertThat(json.get("details").get("Run").get("constraints").get("values").toString()).isEqualTo("[17]");
        assertThat(json.get("timestamp").get("constraints").get("maximum").asText()).isEqualTo("2021-05-06T18:58:56.20289+01:00");
        assertThat(facets.sessionCount()).isEqualTo(1);
        facets.remove(bob);
        assertThat(Metamodel.render(facets, List.of(), List.of()).get("details").isEmpty()).isTrue();
        assertThat(facets.extIds()).isEmpty();
    }

    @Test
    void shouldFindPropertiesByCaseInsensitivePartialMatchSortedById() {
        List<PropertySummary> found = Metamodel.properties(List.of(BOB, DEREK), "RIDE");

        assertThat(found).extracting(PropertySummary::id)
                .containsExactly("extDetails.CarSetup.RideHeightFront", "extDetails.CarSetup.RideHeightRear");
        assertThat(found.get(0).label()).isEqualTo("RideHeightFront");
    }

    @Test
    void shouldFindDetailsBuiltInsAndCategories() {
        assertThat(Metamodel.properties(List.of(BOB), "details."))
                .extracting(PropertySummary::id).containsExactly("details.Lab Tech", "details.Run");
        assertThat(Metamodel.properties(List.of(BOB), "timestamp")).extracting(PropertySummary::id)
                .containsExactly("endTimestamp", "startTimestamp", "timestamp");
        assertThat(Metamodel.properties(List.of(BOB), "").size()).isEqualTo(9 + 2 + 3);
        assertThat(Metamodel.properties(List.of(BOB), "quality").get(0).description()).isNotBlank();
        assertThat(Metamodel.properties(List.of(BOB), "ext")).extracting(PropertySummary::id).containsExactly(
                "extDetails.CarSetup", "extDetails.CarSetup.RideHeightFront", "extDetails.CarSetup.RideHeightRear");
        assertThat(Metamodel.properties(List.of(BOB), "height")).hasSize(2);
    }

    @Test
    void shouldRenderPropertySummariesWithoutEmptyDescriptions() {
        String json = Metamodel.toJson(List.of(new PropertySummary("details.Run", "Run", null),
                new PropertySummary("type", "Type", "Type classifier"))).toString();

        assertThat(json).isEqualTo("[{\"id\":\"details.Run\",\"label\":\"Run\"},"
                + "{\"id\":\"type\",\"label\":\"Type\",\"description\":\"Type classifier\"}]");
    }
}
