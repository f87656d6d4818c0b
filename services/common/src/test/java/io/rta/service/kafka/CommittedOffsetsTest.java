package io.rta.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommittedOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("rta.telemetry", 0);
    private static final TopicPartition P1 = new TopicPartition("rta.telemetry", 1);

    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    private final AtomicInteger polls = new AtomicInteger();
    private final CommittedOffsets offsets = new CommittedOffsets(partitions -> {
        polls.incrementAndGet();
        return Map.copyOf(committed);
    }, Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(5));

    @AfterEach
    void close() {
        offsets.close();
    }

    @Test
    void shouldCompleteOnlyOnceTheCommittedOffsetIsPastTheRecord() throws Exception {
        committed.put(P0, 5L);
        CompletableFuture<Void> wait = offsets.awaitCommitted(P0, 5);

        Thread.sleep(50);
        assertThat(wait).isNotDone();

        committed.put(P0, 6L);
        await().atMost(Duration.ofSeconds(5)).until(wait::isDone);
    }

    @Test
    void shouldTrackEachPartitionSeparately() {
        committed.put(P0, 10L);
        CompletableFuture<Void> onP0 = offsets.awaitCommitted(P0, 3);
        CompletableFuture<Void> onP1 = offsets.awaitCommitted(P1, 3);

        await().atMost(Duration.ofSeconds(5)).until(onP0::isDone);
        assertThat(onP1).isNotDone();
    }

    @Test
    void shouldReportProgressOnlyWhenACommittedOffsetAdvances() throws Exception {
        committed.put(P0, 5L);
        offsets.awaitCommitted(P0, 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> offsets.lastProgressNanos() != Long.MIN_VALUE);
        long first = offsets.lastProgressNanos();

        Thread.sleep(50);
        assertThat(offsets.lastProgressNanos()).as("polled again, nothing moved").isEqualTo(first);

        committed.put(P0, 6L);
        await().atMost(Duration.ofSeconds(5)).until(() -> offsets.lastProgressNanos() - first > 0);
    }

    @Test
    void shouldStopPollingWhenNobodyWaits() throws Exception {
        committed.put(P0, 1L);
        offsets.awaitCommitted(P0, 0).get();

        await().atMost(Duration.ofSeconds(5)).until(() -> !offsets.isPolling());
        int afterLastWaiter = polls.get();
        Thread.sleep(50);
        assertThat(polls.get()).isEqualTo(afterLastWaiter);
    }

    @Test
    void shouldStopPollingForWaitersThatGaveUp() {
        CompletableFuture<Void> wait = offsets.awaitCommitted(P0, 100);
        wait.cancel(false);

        await().atMost(Duration.ofSeconds(5)).until(() -> !offsets.isPolling());
    }

    @Test
    void shouldKeepPollingThroughFailuresOfTheOffsetsSource() {
        AtomicInteger calls = new AtomicInteger();
        try (CommittedOffsets flaky = new CommittedOffsets(partitions -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("coordinator loading");
            }
            return Map.of(P0, 1L);
        }, Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(5))) {
            CompletableFuture<Void> wait = flaky.awaitCommitted(P0, 0);
            await().atMost(Duration.ofSeconds(5)).until(wait::isDone);
        }
    }
}
