package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;

import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static final BenchReport.Target INGEST = BenchReport.Target.atLeast(5000, "sessions/s");
    private static final BenchReport.Target P99 = BenchReport.Target.atMost(20, "ms");

    @Test
    void shouldPassAFigureThatMeetsItsTargetExactlyAndMissOneThatDoesNot() {
        assertThat(INGEST.isMet(5000)).isTrue();
        assertThat(INGEST.isMet(4999.9)).isFalse();
        assertThat(P99.isMet(20)).isTrue();
        assertThat(P99.isMet(20.01)).isFalse();
    }

    @Test
    void shouldRenderAHeaderFactsOneAlignedRowPerFigureWithTargetAndVerdictThenASummary() {
        Latencies list = new Latencies();
        list.record(2_500_000);
        list.record(30_000_000);
        String text = new BenchReport("bench sessions").fact("machine", "2 cores").fact("jvm", "OpenJDK 17")
                .row("ingest", 6123, "sessions/s", INGEST)
                .latencies("default list page", list, P99)
                .render();

        assertThat(text.lines()).containsExactly(
                "==== rta bench sessions: results ====",
                "machine  2 cores",
                "jvm      OpenJDK 17",
                "",
                "figure                             result  target                  verdict",
                "ingest                   6,123 sessions/s  >= 5,000 sessions/s     PASS",
                "default list page p50             2.50 ms",
                "default list page p99            30.02 ms  <= 20.00 ms             MISS",
                "default list page max            30.02 ms",
                "==== 1 PASS, 1 MISS, 0 FAILED ====");
    }

    @Test
    void shouldRenderAFailedStepAsAFailedRowWithItsErrorAndKeepTheOtherFigures() throws Exception {
        BenchReport report = new BenchReport("bench data").row("kafka baseline", 1000, "records/s", null);
        boolean written = report.attempt("write periodic uint16", () -> {
            throw new IllegalStateException("write periodic uint16 failed",
                    Status.DEADLINE_EXCEEDED.withDescription("the view did not commit\nwithin 10000 ms")
                            .asRuntimeException());
        });
        report.row("read periodic", 5, "samples/s", BenchReport.Target.atLeast(1, "samples/s"));

        assertThat(written).isFalse();
        assertThat(report.render().lines()).containsSubsequence(
                "kafka baseline            1,000 records/s",
                "write periodic uint16                   -                          FAILED",
                "    write periodic uint16 failed",
                "read periodic                 5 samples/s  >= 1 samples/s          PASS",
                "==== 1 PASS, 0 MISS, 1 FAILED ====");
        assertThat(report.anyFailed()).isTrue();
        assertThat(report.allPass()).isFalse();
        assertThat(report.exitCode()).isEqualTo(BenchReport.EXIT_FAILED);
    }

    @Test
    void shouldNameAGrpcStatusAndItsDescriptionOnOneLine() {
        Exception wrapped = new java.util.concurrent.ExecutionException(Status.DEADLINE_EXCEEDED
                .withDescription("the data written before flush_marker 'f'\nwas stored").asRuntimeException());

        assertThat(BenchReport.message(wrapped))
                .isEqualTo("DEADLINE_EXCEEDED: the data written before flush_marker 'f' was stored");
        assertThat(BenchReport.message(new IllegalStateException("bell\u0007"))).isEqualTo("bell\\u0007");
    }

    @Test
    void shouldLetBadOptionsThrough() {
        BenchReport report = new BenchReport();

        assertThatThrownBy(() -> report.attempt("x", () -> {
            throw new IllegalArgumentException("Option Sessions = 0 must be at least 1");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(report.rows()).isEmpty();
    }

    @Test
    void shouldWriteEveryRowWithLabelValueUnitTargetVerdictAndErrorAsJson() throws Exception {
        BenchReport report = new BenchReport("bench sessions").fact("data", "100 sessions")
                .options(Options.defaults(BenchOptions.ALL).with(RtaOptions.REGISTRY_URL, "http://u:p@reg/apis"))
                .row("ingest", 6123, "sessions/s", INGEST)
                .row("list p50", 1.5, "ms", null)
                .failed("list p99", new IllegalStateException("HTTP 503"));

        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(json.get("command").asText()).isEqualTo("bench sessions");
        assertThat(json.get("startedAt").asText()).isNotBlank();
        assertThat(json.get("finishedAt").asText()).isNotBlank();
        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(json.get("machine").has("jvm")).isTrue();
        assertThat(json.get("machine").has("maxHeapBytes")).isTrue();
        assertThat(json.get("facts").get("data").asText()).isEqualTo("100 sessions");
        assertThat(json.get("options").get("Sessions").asText()).isEqualTo("100000");
        assertThat(json.get("options").get("RegistryUrl").asText()).isEqualTo("http://u:****@reg/apis");
        JsonNode rows = json.get("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).toString()).isEqualTo("{\"label\":\"ingest\",\"value\":6123.0,"
                + "\"unit\":\"sessions/s\",\"target\":{\"bound\":\"atLeast\",\"limit\":5000.0,"
                + "\"unit\":\"sessions/s\"},\"verdict\":\"PASS\"}");
        assertThat(rows.get(1).toString()).isEqualTo("{\"label\":\"list p50\",\"value\":1.5,\"unit\":\"ms\","
                + "\"target\":null,\"verdict\":null}");
        assertThat(rows.get(2).toString()).isEqualTo("{\"label\":\"list p99\",\"value\":null,\"unit\":\"\","
                + "\"target\":null,\"verdict\":\"FAILED\",\"error\":\"HTTP 503\"}");
        assertThat(json.get("summary").toString()).isEqualTo("{\"pass\":1,\"miss\":0,\"failed\":1}");
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void shouldPassOnlyWhenEveryTargetedFigureMeetsItsTarget() {
        BenchReport report = new BenchReport().row("ingest", 6000, "sessions/s", INGEST)
                .row("list p50", 99, "ms", null);
        assertThat(report.allPass()).isTrue();

        report.row("list p99", 21, "ms", P99);
        assertThat(report.allPass()).isFalse();
        assertThat(report.rows()).extracting(BenchReport.Row::verdict).containsExactly("PASS", "", "MISS");
    }

    @Test
    void shouldWriteMillisecondsWithTwoDecimalsAndWholeRatesWithSeparators() {
        assertThat(BenchReport.number(20, "ms")).isEqualTo("20.00");
        assertThat(BenchReport.number(12.345, "ms")).isEqualTo("12.35");
        assertThat(BenchReport.number(100_000, "sessions/s")).isEqualTo("100,000");
        assertThat(BenchReport.number(782, "sessions/s")).isEqualTo("782");
        assertThat(BenchReport.number(782.5, "sessions/s")).isEqualTo("782.50");
    }
}
