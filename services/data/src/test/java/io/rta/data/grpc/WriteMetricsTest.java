package io.rta.data.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong();
    private final WriteMetrics metrics = new WriteMetrics(registry, now::get);

    @Test
    void shouldTimeAFlushFromItsArrivalToItsEcho() {
        CompletableFuture<Void> echoed = new CompletableFuture<>();
        assertThat(metrics.timeFlush(echoed)).isSameAs(echoed);

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(250));
        echoed.complete(null);

        assertThat(registry.get(WriteMetrics.FLUSH_WAIT).timer().count()).isEqualTo(1);
        assertThat(registry.get(WriteMetrics.FLUSH_WAIT).timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
        assertThat(registry.get(WriteMetrics.FLUSH_FAILURES).counter().count()).isZero();
    }

    @Test
    void shouldCountAFailedFlushApartFromTheWait() {
        CompletableFuture<Void> echoed = new CompletableFuture<>();
        metrics.timeFlush(echoed);

        echoed.completeExceptionally(new IllegalStateException("not readable in time"));

        assertThat(registry.get(WriteMetrics.FLUSH_WAIT).timer().count()).isZero();
        assertThat(registry.get(WriteMetrics.FLUSH_FAILURES).counter().count()).isEqualTo(1);
    }

    @Test
    void shouldTimeARecordFromItsSendToReadable() {
        CompletableFuture<Long> readable = new CompletableFuture<>();
        metrics.timeReadable(readable);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(40));
        readable.complete(7L);
        metrics.readable(Duration.ofMillis(60));

        assertThat(registry.get(WriteMetrics.READABLE).timer().count()).isEqualTo(2);
        assertThat(registry.get(WriteMetrics.READABLE).timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(100);
    }

    @Test
    void shouldCountMessagesAndBytesAccepted() {
        metrics.accepted(100);
        metrics.accepted(28);

        assertThat(registry.get(WriteMetrics.MESSAGES).counter().count()).isEqualTo(2);
        assertThat(registry.get(WriteMetrics.BYTES).counter().count()).isEqualTo(128);
    }
}
