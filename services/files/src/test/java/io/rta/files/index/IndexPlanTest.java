package io.rta.files.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.SessionUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexPlanTest {

    private static final IndexPlan.Settings SETTINGS = new IndexPlan.Settings("files", "time", "ms", "Files");
    private static final long T0 = 1_700_000_000_123_000_000L;

    private static Map<String, String> columns(String... nameTypes) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < nameTypes.length; i += 2) {
            columns.put(nameTypes[i], nameTypes[i + 1]);
        }
        return columns;
    }

    private static IndexPlan plan(String identity, Map<String, String> columns, Map<String, String> metadata) {
        return new IndexPlan(identity, "parquet", ColumnChannels.of(columns, "time", metadata), 42, T0, T0 + 5,
                metadata, SETTINGS);
    }

    @Test
    void shouldMakeAChannelOfEveryNumericColumnButTheTimeInFileOrder() {
        List<IndexedColumn> channels = ColumnChannels.of(columns("label", "VARCHAR", "speed", "DOUBLE", "time",
                "BIGINT", "gear", "TINYINT", "ok", "BOOLEAN", "torque", "DECIMAL(18,3)", "rpm", "UBIGINT",
                "when", "TIMESTAMP", "temp", "FLOAT"), "time", Map.of());

        assertThat(channels).extracting(IndexedColumn::column)
                .containsExactly("speed", "gear", "torque", "rpm", "temp");
        assertThat(channels).extracting(IndexedColumn::channel).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void shouldNameParametersAsCLikeIdentifiersWithoutCollisions() {
        List<IndexedColumn> channels = ColumnChannels.of(columns("Speed (km/h)", "DOUBLE", "speed__km_h_",
                "DOUBLE", "2nd gear", "INTEGER", "", "DOUBLE", "Öl", "DOUBLE"), "time", Map.of());

        assertThat(channels).extracting(IndexedColumn::name)
                .containsExactly("Speed__km_h_", "speed__km_h__2", "_2nd_gear", "_", "_l");
    }

    @Test
    void shouldTakeUnitsFromTheFilesMetadataInAnyOfItsThreeSpellings() {
        List<IndexedColumn> channels = ColumnChannels.of(columns("speed", "DOUBLE", "rpm", "DOUBLE", "temp", "DOUBLE",
                "gear", "DOUBLE"), "time", Map.of("unit:speed", "km/h", "rpm.unit", "1/min",
                "units", "{\"temp\": \"°C\", \"speed\": \"ignored\"}"));

        assertThat(channels).extracting(IndexedColumn::unit).containsExactly("km/h", "1/min", "°C", "");
        assertThat(ColumnChannels.of(columns("speed", "DOUBLE"), "time", Map.of("units", "not json")))
                .extracting(IndexedColumn::unit).containsExactly("");
    }

    @Test
    void shouldGenerateAConfigWithAParameterAndATimestampedChannelPerColumn() throws Exception {
        IndexPlan plan = plan("runs/car1.parquet", columns("time", "BIGINT", "speed", "DOUBLE", "rpm", "INTEGER"),
                Map.of("unit:speed", "km/h"));

        JsonNode app = new ObjectMapper().readTree(plan.configJson()).get("Files");
        assertThat(app.at("/tree/params").toString()).isEqualTo("[\"speed:Files\",\"rpm:Files\"]");
        assertThat(app.at("/parameters/0/id").asText()).isEqualTo("speed:Files");
        assertThat(app.at("/parameters/0/unit").asText()).isEqualTo("km/h");
        assertThat(app.at("/parameters/1/channels").toString()).isEqualTo("[1]");
        assertThat(app.at("/parameters/1/unit").isMissingNode()).isTrue();
        assertThat(app.at("/channels/1").toString())
                .isEqualTo("{\"id\":1,\"name\":\"rpm\",\"source\":\"timestamped\",\"type\":\"f64\"}");
        assertThat(app.at("/conversions/0/rational/coeffs").toString()).isEqualTo("[0,1,0,0,1,0]");
    }

    @Test
    void shouldDeriveTheConfigIdentifierFromTheColumnsOnly() {
        IndexPlan car1 = plan("runs/car1.parquet", columns("time", "BIGINT", "speed", "DOUBLE"), Map.of());
        IndexPlan car2 = plan("runs/car2.parquet", columns("speed", "DOUBLE", "time", "BIGINT"), Map.of());
        IndexPlan other = plan("runs/car1.parquet", columns("time", "BIGINT", "speed", "DOUBLE"),
                Map.of("unit:speed", "m/s"));

        assertThat(car1.configIdentifier()).matches("files-[0-9a-f]{24}").isEqualTo(car2.configIdentifier())
                .isNotEqualTo(other.configIdentifier());
        assertThat(plan("runs/car1.parquet", columns("time", "BIGINT", "speed", "DOUBLE"), Map.of())
                .configIdentifier()).isEqualTo(car1.configIdentifier());
    }

    @Test
    void shouldDeriveTheSessionIdentityFromTheSourceAndPath() {
        String car1 = IndexPlan.sessionIdentity("files", "runs/car1.parquet");

        assertThat(car1).isEqualTo(IndexPlan.sessionIdentity("files", "runs/car1.parquet"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(IndexPlan.sessionIdentity("files", "runs/car2.parquet")).isNotEqualTo(car1);
        assertThat(IndexPlan.sessionIdentity("archive", "runs/car1.parquet")).isNotEqualTo(car1);
    }

    @Test
    void shouldMapEachColumnToItsChannelWithTheTimeColumnAndUnit() {
        PutSchemaMappingRequest mapping = plan("runs/car1.parquet", columns("time", "BIGINT", "speed", "DOUBLE",
                "rpm", "INTEGER"), Map.of()).mapping();

        assertThat(mapping.getDataSource()).isEqualTo("files");
        assertThat(mapping.getDataIdentity()).isEqualTo("runs/car1.parquet");
        assertThat(mapping.getSchemaMapping().getPropertiesMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("time_column", "time", "time_unit", "ms"));
        assertThat(mapping.getSchemaMapping().getFieldMappingsList()).extracting(FieldMapping::getSourceField,
                FieldMapping::getTargetChannel).containsExactly(org.assertj.core.groups.Tuple.tuple("speed", 0),
                org.assertj.core.groups.Tuple.tuple("rpm", 1));
    }

    @Test
    void shouldMarkTheMappingAndTheChannelsForTheRowLayout() throws Exception {
        IndexPlan.Settings rows = new IndexPlan.Settings("files", "time", "ms", "Files", true);
        IndexPlan plan = new IndexPlan("runs/rows.csv", "csv", ColumnChannels.of(columns("time", "BIGINT", "speed",
                "DOUBLE", "rpm", "INTEGER"), "time", Map.of()), 42, T0, T0 + 5, Map.of(), rows);
        IndexPlan columnsPlan = plan("runs/rows.csv", columns("time", "BIGINT", "speed", "DOUBLE", "rpm", "INTEGER"),
                Map.of());

        assertThat(plan.mapping().getSchemaMapping().getPropertiesMap()).containsEntry("layout", "row");
        JsonNode app = new ObjectMapper().readTree(plan.configJson()).get("Files");
        assertThat(app.at("/channels").findValuesAsText("source")).containsExactly("row", "row");
        assertThat(plan.configIdentifier()).isNotEqualTo(columnsPlan.configIdentifier());
        assertThat(columnsPlan.mapping().getSchemaMapping().getPropertiesMap()).doesNotContainKey("layout");
    }

    @Test
    void shouldMakeOneSessionOfADirectorysFilesWithChannelOffsetsAndUniqueNames() throws Exception {
        IndexPlan fast = new IndexPlan("run42/samples_100.parquet", "parquet", ColumnChannels.of(columns("time",
                "BIGINT", "alpha", "DOUBLE", "beta", "DOUBLE"), "time", Map.of()), 100, T0 + 10, T0 + 90,
                Map.of("driver", "Ann"), SETTINGS);
        IndexPlan slow = new IndexPlan("run42/samples_50.csv", "csv", ColumnChannels.of(columns("time", "BIGINT",
                "Alpha", "DOUBLE", "delta", "DOUBLE"), "time", Map.of()), 50, T0, T0 + 80,
                Map.of("driver", "Bob", "track", "Spa"), SETTINGS);
        SessionPlan group = SessionPlan.ofDirectory("run42", List.of(fast, slow), SETTINGS);

        assertThat(group.channels()).extracting(IndexedColumn::name, IndexedColumn::channel).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alpha", 0), org.assertj.core.groups.Tuple.tuple("beta", 1),
                org.assertj.core.groups.Tuple.tuple("Alpha_2", 2), org.assertj.core.groups.Tuple.tuple("delta", 3));
        JsonNode app = new ObjectMapper().readTree(group.configJson()).get("Files");
        assertThat(app.at("/tree/params").toString())
                .isEqualTo("[\"alpha:Files\",\"beta:Files\",\"Alpha_2:Files\",\"delta:Files\"]");
        assertThat(app.at("/parameters/2/desc").asText()).isEqualTo("samples_50.csv: Alpha");
        IndexPlan otherRun = new IndexPlan("run43/samples_50.csv", "csv", slow.columns(), 50, T0, T0 + 80, Map.of(),
                SETTINGS);
        IndexPlan otherFast = new IndexPlan("run43/samples_100.parquet", "parquet", fast.columns(), 100, T0, T0 + 90,
                Map.of(), SETTINGS);
        assertThat(SessionPlan.ofDirectory("run43", List.of(otherFast, otherRun), SETTINGS).configIdentifier())
                .as("alike directories share one config").isEqualTo(group.configIdentifier());
        assertThat(app.at("/channels/2").toString())
                .isEqualTo("{\"id\":2,\"name\":\"Alpha\",\"source\":\"timestamped\",\"type\":\"f64\"}");
        // each file's own mapping keeps data channels from 0; the session binds it at its offset
        assertThat(slow.mapping().getSchemaMapping().getFieldMappingsList()).extracting(FieldMapping::getTargetChannel)
                .containsExactly(0, 1);
        CreateOrUpdateSessionRequest session = group.session();
        assertThat(session.getIdentity()).isEqualTo(IndexPlan.sessionIdentity("files", "run42/"))
                .isNotEqualTo(IndexPlan.sessionIdentity("files", "run42"));
        assertThat(session.getCreateIfNotExists().getIdentifier()).isEqualTo("run42/");
        var bindings = session.getUpdatesList().stream().filter(SessionUpdate::hasSetDataBindings).findFirst()
                .orElseThrow().getSetDataBindings().getDataBindingsList();
        assertThat(bindings).extracting(binding -> binding.getKey().getIdentity() + " "
                        + binding.getDataChannelBindings(0).getFirstDataChannel() + ">"
                        + binding.getDataChannelBindings(0).getFirstSessionChannel() + "-"
                        + binding.getDataChannelBindings(0).getLastSessionChannel())
                .containsExactly("run42/samples_100.parquet 0>0-1", "run42/samples_50.csv 0>2-3");
        SessionUpdate range = session.getUpdatesList().stream().filter(SessionUpdate::hasSetTimeRange).findFirst()
                .orElseThrow();
        assertThat(range.getSetTimeRange().getStartTime()).isEqualTo(T0);
        assertThat(range.getSetTimeRange().getEndTime()).isEqualTo(T0 + 90);
        assertThat(group.details()).containsExactlyInAnyOrderEntriesOf(Map.of("driver", "Ann", "track", "Spa",
                "directory", "run42", "files", "2", "format", "csv, parquet", "rows", "150", "channels", "4",
                "timeColumn", "time"));
        assertThat(SessionPlan.ofDirectory("run42", List.of(fast, slow), SETTINGS).session()).isEqualTo(session);
    }

    @Test
    void shouldSetTheSessionsRangeDetailsAndBindingsOnEveryRun() {
        IndexPlan plan = plan("runs/car1.parquet", columns("time", "BIGINT", "speed", "DOUBLE", "rpm", "INTEGER"),
                Map.of("driver", "Ann", "ARROW:schema", "xx", "unit:speed", "km/h", "rows", "shadowed",
                        "note", "x".repeat(IndexPlan.MAX_DETAIL_LENGTH + 1)));
        CreateOrUpdateSessionRequest session = plan.session();

        assertThat(session.getIdentity()).isEqualTo(plan.sessionIdentity());
        assertThat(session.getCreateIfNotExists().getIdentifier()).isEqualTo("runs/car1.parquet");
        assertThat(session.getCreateIfNotExists().getTimestamp()).isEqualTo("2023-11-14T22:13:20.123Z");
        SessionUpdate range = session.getUpdatesList().stream().filter(SessionUpdate::hasSetTimeRange).findFirst()
                .orElseThrow();
        assertThat(range.getSetTimeRange().getStartTime()).isEqualTo(T0);
        assertThat(range.getSetTimeRange().getEndTime()).isEqualTo(T0 + 5);
        Map<String, String> details = session.getUpdatesList().stream().filter(SessionUpdate::hasSetDetails)
                .findFirst().orElseThrow().getSetDetails().getDetailsMap();
        assertThat(details).containsExactlyInAnyOrderEntriesOf(Map.of("driver", "Ann", "file", "runs/car1.parquet",
                "format", "parquet", "rows", "42", "channels", "2", "timeColumn", "time"));
        assertThat(session.getUpdatesList().stream().filter(SessionUpdate::hasSetConfigBindings).findFirst()
                .orElseThrow().getSetConfigBindings().getConfigBindings(0).getIdentifier())
                .isEqualTo(plan.configIdentifier());
        var data = session.getUpdatesList().stream().filter(SessionUpdate::hasSetDataBindings).findFirst()
                .orElseThrow().getSetDataBindings().getDataBindings(0);
        assertThat(data.getKey().getSource()).isEqualTo("files");
        assertThat(data.getKey().getIdentity()).isEqualTo("runs/car1.parquet");
        assertThat(data.getDataChannelBindings(0).getLastSessionChannel()).isEqualTo(1);
        assertThat(plan.session()).isEqualTo(session);
    }
}
