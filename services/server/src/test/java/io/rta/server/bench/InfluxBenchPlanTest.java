package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.TargetChannelDataType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfluxBenchPlanTest {

    private static InfluxBench.Plan plan(String... args) {
        return InfluxBench.Plan.of(InfluxBenchOptions.load(args));
    }

    private static long count(String answer) throws IOException {
        return InfluxBench.countValues(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldDefaultToFourMillionSamplesOverFourFieldsAtOneKilohertzAndALocalInfluxd() {
        InfluxBench.Plan plan = plan();

        assertThat(plan.samples()).isEqualTo(4_000_000);
        assertThat(plan.fields()).isEqualTo(4);
        assertThat(plan.points()).isEqualTo(1_000_000);
        assertThat(plan.intervalNanos()).isEqualTo(1_000_000);
        assertThat(plan.maxFrequency()).isEqualTo(1000);
        assertThat(plan.passes()).isEqualTo(9);
        assertThat(plan.influxUri()).isEmpty();
    }

    @Test
    void shouldRoundSamplesUpToWholePointsAndSpanTheirTimes() {
        InfluxBench.Plan plan = plan("--Samples", "10", "--Fields", "3", "--SampleRate", "100", "--Passes", "2");

        assertThat(plan.points()).isEqualTo(4);
        assertThat(plan.samples()).isEqualTo(12);
        assertThat(plan.fromNanos()).isEqualTo(InfluxBench.START_NANOS);
        assertThat(plan.toNanos()).isEqualTo(InfluxBench.START_NANOS + 4 * 10_000_000L);
        assertThat(plan.fieldNames()).containsExactly("f0", "f1", "f2");
        assertThat(plan.channelsExpression()).isEqualTo("0-2");
        assertThat(plan("--Fields", "1").channelsExpression()).isEqualTo("0");
    }

    @Test
    void shouldRefuseBadOptionsNamingTheOption() {
        assertThatThrownBy(() -> plan("--Samples", "0")).hasMessage("Option Samples = 0 must be at least 1");
        assertThatThrownBy(() -> plan("--Fields", "0")).hasMessage("Option Fields = 0 must be at least 1");
        assertThatThrownBy(() -> plan("--Passes", "0")).hasMessage("Option Passes = 0 must be at least 1");
        assertThatThrownBy(() -> plan("--BatchPoints", "0")).hasMessage("Option BatchPoints = 0 must be at least 1");
        assertThatThrownBy(() -> plan("--SampleRate", "0")).hasMessage("Option SampleRate = 0 must be at least 1");
        assertThatThrownBy(() -> plan("--SampleRate", "1000001"))
                .hasMessage("Option SampleRate = 1000001 must be at most 1000000");
        assertThatThrownBy(() -> plan("--InfluxUri", "localhost:8086"))
                .hasMessageStartingWith("Option InfluxUri = 'localhost:8086' must be an http:// or https:// URI");
    }

    @Test
    void shouldTakeAnInfluxUriWithOrWithoutTheTrailingSlash() {
        assertThat(plan("--InfluxUri", "http://influx:8086").influxUri()).isEqualTo("http://influx:8086/");
        assertThat(plan("--InfluxUri", "http://influx:8086/").influxUri()).isEqualTo("http://influx:8086/");
    }

    @Test
    void shouldWriteEveryFieldOfEveryPointAtTheRateAsLineProtocol() {
        InfluxBench.Plan plan = plan("--Samples", "4", "--Fields", "2", "--SampleRate", "1000");

        assertThat(plan.lines("r1", 0, 2)).isEqualTo(
                "bench,run=r1 f0=0.5,f1=1.5 " + InfluxBench.START_NANOS + "\n"
                        + "bench,run=r1 f0=0.625,f1=1.625 " + (InfluxBench.START_NANOS + 1_000_000) + "\n");
    }

    @Test
    void shouldSendInfluxDbTheStatementTheAdapterMakesOfTheWholeRange() {
        InfluxBench.Plan plan = plan("--Samples", "4", "--Fields", "2", "--SampleRate", "1000");

        assertThat(plan.select("db1", "r1")).isEqualTo("SELECT \"f0\",\"f1\" FROM \"db1\".\"autogen\".\"bench\" "
                + "WHERE (run='r1') AND time >= " + InfluxBench.START_NANOS + " AND time < "
                + (InfluxBench.START_NANOS + 2_000_000));
    }

    @Test
    void shouldMapFieldNToChannelNAsDoublesInTheRunsDatabase() {
        SchemaMapping mapping = plan("--Fields", "2").mapping("db1");

        assertThat(mapping.getPropertiesMap()).containsEntry("database", "db1").containsEntry("measurement", "bench")
                .containsEntry("retention_policy", "autogen").containsEntry("dialect", "influxql");
        assertThat(mapping.getFieldMappingsList()).extracting(FieldMapping::getSourceField,
                FieldMapping::getTargetChannel, FieldMapping::getTargetChannelDataType).containsExactly(
                org.assertj.core.groups.Tuple.tuple("f0", 0, TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_DOUBLE64),
                org.assertj.core.groups.Tuple.tuple("f1", 1, TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_DOUBLE64));
    }

    @Test
    void shouldJudgeTheMedianOfEachRoundsRatioSoOneStalledPassDoesNotDecide() {
        List<Double> ratios = RoundTimes.ratios(List.of(1.8, 0.1, 0.1), List.of(0.3, 0.2, 0.25));

        assertThat(ratios).containsExactly(0.3 / 1.8, 2.0, 2.5);
        assertThat(RoundTimes.median(ratios)).isEqualTo(2.0);
        assertThat(RoundTimes.median(List.of(1.0, 3.0, 2.0, 4.0))).isEqualTo(3.0);
    }

    @Test
    void shouldCountTheValuesOfEveryChunkButTimesAndNulls() throws IOException {
        // as influxd 1.6 answers chunked=true: one JSON object per chunk, a series split over two chunks
        String answer = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"bench\",\"columns\":[\"time\","
                + "\"f0\",\"f1\"],\"values\":[[1,0.5,1.5],[2,0.625,null]],\"partial\":true}],\"partial\":true}]}\n"
                + "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"bench\",\"columns\":[\"time\",\"f0\","
                + "\"f1\"],\"values\":[[3,0.75,1.75]]}]}]}\n";

        assertThat(count(answer)).isEqualTo(5);
        assertThat(count("{\"results\":[{\"statement_id\":0}]}\n")).isZero();
    }

    @Test
    void shouldFailOnAnErrorInTheAnswerOrAnAnswerBrokenOff() {
        assertThatThrownBy(() -> count("{\"results\":[{\"statement_id\":0,\"error\":\"database not found: x\"}]}"))
                .isInstanceOf(IOException.class).hasMessage("InfluxDB answered with an error: database not found: x");
        assertThatThrownBy(() -> count("{\"results\":[{\"statement_id\":0,\"series\":[{\"values\":[[1,0.5,"))
                .isInstanceOf(IOException.class);
    }
}
