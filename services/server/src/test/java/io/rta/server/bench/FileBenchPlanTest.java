package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.service.chunks.SampleBuffer;
import io.rta.topology.data.codec.ChunkStreamReader;
import io.rta.topology.data.codec.ChunkStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class FileBenchPlanTest {

    @Test
    void shouldSumTheValuesWrittenAsRowByRowWouldAndRoundSamplesUpToWholeRows() {
        FileBench.Plan plan = FileBench.Plan.of(FileBenchOptions.load(new String[] {"--Samples", "100013",
            "--Fields", "3", "--SampleRate", "500"}));
        assertThat(plan.rows()).isEqualTo(33_338);
        assertThat(plan.samples()).isEqualTo(100_014);
        assertThat(plan.maxFrequency()).isEqualTo(500);
        double sum = 0;
        for (long row = 0; row < plan.rows(); row++) {
            for (int f = 0; f < 3; f++) {
                sum += FileBench.Plan.value(row, f);
            }
        }
        assertThat(plan.valueSum()).isCloseTo(sum, org.assertj.core.data.Offset.offset(Math.abs(sum) * 1e-12));
        assertThat(plan.channelsExpression()).isEqualTo("0-2");
        assertThat(plan.copy(java.nio.file.Path.of("/r/b.parquet"))).contains("range(33338)")
                .contains("AS DOUBLE) AS \"f2\"").endsWith("TO '/r/b.parquet' (FORMAT PARQUET)");
    }

    @Test
    void shouldRefuseOptionsOutOfRangeNamingThem() {
        assertThatThrownBy(() -> FileBench.Plan.of(FileBenchOptions.load(new String[] {"--Samples", "0"})))
                .hasMessageContaining("Samples");
        assertThatThrownBy(() -> FileBench.Plan.of(FileBenchOptions.load(new String[] {"--SampleRate", "2000000"})))
                .hasMessageContaining("SampleRate");
    }

    @Test
    void shouldWalkEverySampleAndValueOfAChunkStream() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        ChunkStreamWriter writer = new ChunkStreamWriter(stream);
        double sum = 0;
        long samples = 0;
        for (int channel = 0; channel < 3; channel++) {
            SampleBuffer buffer = new SampleBuffer(channel);
            for (int i = 0; i < 1000 + channel * 77; i++) {
                buffer.add(1_000_000L * i + (i % 7 == 0 ? 3 : 0), i * 0.25 - channel);
                sum += i * 0.25 - channel;
                samples++;
            }
            writer.write(buffer.take());
        }

        SampleWalk walk = new SampleWalk().walk(new ChunkStreamReader(new ByteArrayInputStream(stream.toByteArray())));

        assertThat(walk.samples()).isEqualTo(samples);
        assertThat(walk.sum()).isEqualTo(sum);
    }
}
