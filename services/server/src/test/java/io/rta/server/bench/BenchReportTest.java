package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
    void shouldRenderFactsThenOneAlignedRowPerFigureWithTargetAndVerdict() {
        Latencies list = new Latencies();
        list.record(2_500_000);
        list.record(30_000_000);
        String text = new BenchReport().fact("machine", "2 cores").fact("jvm", "OpenJDK 17")
                .row("ingest", 6123, "sessions/s", INGEST)
                .latencies("default list page", list, P99)
                .render();

        assertThat(text.lines()).containsExactly(
                "machine  2 cores",
                "jvm      OpenJDK 17",
                "",
                "figure                             result  target                  verdict",
                "ingest                   6,123 sessions/s  >= 5,000 sessions/s     PASS",
                "default list page p50             2.50 ms",
                "default list page p99            30.00 ms  <= 20.00 ms             MISS");
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
