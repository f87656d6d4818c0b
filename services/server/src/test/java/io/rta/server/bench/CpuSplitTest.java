package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.server.bench.CpuSplit.Component;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSplitTest {

    @Test
    void shouldTellEachThreadsComponentByItsName() {
        assertThat(Component.of("bench-grpc-client-3-1")).isEqualTo(Component.CLIENT);
        assertThat(Component.of("grpc-default-worker-ELG-3-2")).isEqualTo(Component.GRPC_TRANSPORT);
        assertThat(Component.of("grpc-handler-4")).isEqualTo(Component.GRPC_CALLS);
        assertThat(Component.of("grpc-default-executor-4")).isEqualTo(Component.GRPC_CALLS);
        assertThat(Component.of("kafka-send")).isEqualTo(Component.WRITER);
        assertThat(Component.of("kafka-producer-network-thread | producer-1")).isEqualTo(Component.WRITER);
        assertThat(Component.of("data-plane-kafka-request-handler-5")).isEqualTo(Component.BROKER);
        assertThat(Component.of("kafka-1-raft-io-thread")).isEqualTo(Component.BROKER);
        assertThat(Component.of("rta.rta-server-486a9280-c2f1-42b5-8333-053eacd9c179-StreamThread-2"))
                .isEqualTo(Component.STREAMS);
        assertThat(Component.of("kafka-producer-network-thread | rta.rta-server-486a9280-c2f1-42b5-8333-"
                + "053eacd9c179-StreamThread-1-producer")).isEqualTo(Component.CHANGELOG);
        assertThat(Component.of("live-telemetry-tail")).isEqualTo(Component.LIVE_TAIL);
        assertThat(Component.of("main")).isEqualTo(Component.OTHER);
    }

    @Test
    void shouldAccountTheProcessCpuThreadsDoNotShowToTheJvm() {
        CpuSplit.Snapshot before = new CpuSplit.Snapshot(Map.of(1L, new CpuSplit.ThreadCpu("kafka-send", 100),
                2L, new CpuSplit.ThreadCpu("gone", 50)), 10, 20, 1_000);
        CpuSplit.Snapshot after = new CpuSplit.Snapshot(Map.of(1L, new CpuSplit.ThreadCpu("kafka-send", 400),
                3L, new CpuSplit.ThreadCpu("grpc-default-executor-0", 200)), 110, 70, 2_000);

        Map<Component, Long> split = CpuSplit.between(before, after);

        assertThat(split).containsEntry(Component.WRITER, 300L).containsEntry(Component.GRPC_CALLS, 200L)
                .containsEntry(Component.JIT, 100L).containsEntry(Component.GC, 50L)
                .containsEntry(Component.JVM, 350L);
        assertThat(split.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1_000L);
    }
}
