package io.rta.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.schemas.RegistryUnavailableException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RegistryRetryTest {

    private static RuntimeException registryAway() {
        return new SerializationException("cannot decode", new RegistryUnavailableException("connection refused",
                null));
    }

    @Test
    void shouldAttemptAgainWhileTheRegistryIsAwayAndGiveTheResultOnceItIsBack() {
        AtomicInteger attempts = new AtomicInteger();
        try (RegistryRetry retry = new RegistryRetry(20)) {
            String result = retry.call(() -> {
                if (attempts.incrementAndGet() < 4) {
                    throw registryAway();
                }
                return "decoded";
            }, "test");

            assertThat(result).isEqualTo("decoded");
            assertThat(attempts).hasValue(4);
        }
    }

    @Test
    void shouldThrowAnyOtherFailureAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        try (RegistryRetry retry = new RegistryRetry(20)) {
            assertThatThrownBy(() -> retry.call(() -> {
                attempts.incrementAndGet();
                throw new SerializationException("not Avro");
            }, "test")).hasMessage("not Avro");
            assertThat(attempts).hasValue(1);
        }
    }

    @Test
    void shouldEndAWaitWhenClosedSoAShutdownIsNotHeldUp() throws Exception {
        RegistryRetry retry = new RegistryRetry(60_000);
        CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> retry.call(() -> {
            throw registryAway();
        }, "test"));
        Thread.sleep(300);
        assertThat(waiting).isNotDone();

        retry.close();

        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SerializationException.class);
    }

    @Test
    void shouldRetryNothingWithoutAnInstanceInTheStreamsConfiguration() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> RegistryRetry.from(Map.of()).call(() -> {
            attempts.incrementAndGet();
            throw registryAway();
        }, "test")).isInstanceOf(SerializationException.class);
        assertThat(attempts).hasValue(1);
        RegistryRetry configured = new RegistryRetry();
        assertThat(RegistryRetry.from(Map.of(RegistryRetry.CONFIG, configured))).isSameAs(configured);
    }
}
