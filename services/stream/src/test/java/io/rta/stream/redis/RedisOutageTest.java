package io.rta.stream.redis;

import static io.rta.stream.redis.Telemetry.sample;
import static io.rta.stream.redis.Telemetry.sessionJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rta.stream.live.LiveAttachment;
import io.rta.stream.live.NotStreamableException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisOutageTest {

    private final MeterRegistry metrics = new SimpleMeterRegistry();
    private RedisServerProcess server;
    private RedisTestPublisher publisher;
    private RedisLiveSource source;

    @BeforeEach
    void start() throws Exception {
        server = RedisServerProcess.start();
        publisher = new RedisTestPublisher("127.0.0.1", server.port());
        source = new RedisLiveSource(new RedisSettings(RedisConnectionString.parse(server.connectionString()), 0,
                new TrimmerSettings(false, 10_000, Duration.ofSeconds(30), false)), metrics);
    }

    @AfterEach
    void stop() throws Exception {
        source.close();
        publisher.close();
        server.close();
    }

    @Test
    void shouldReportRedisDownThenResumeReadingWhenItIsBack() throws Exception {
        String identity = UUID.randomUUID().toString();
        String stream = "car-" + UUID.randomUUID();
        RedisTestPublisher.Session session = publisher.open(identity, stream, sessionJson(identity, "open"));
        RecordingListener listener = new RecordingListener();

        try (LiveAttachment ignored = source.attach(identity, listener)) {
            session.publish(sample(1));
            await().untilAsserted(() -> assertThat(listener.dataTimes()).containsExactly(1L));
            assertThat(source.health().isHealthy()).isTrue();

            server.stop();

            await().untilAsserted(() -> assertThat(source.health().isHealthy()).isFalse());
            assertThat(source.health().getMessage()).contains("unreachable");
            assertThatThrownBy(() -> source.attach(identity, new RecordingListener()))
                    .isInstanceOf(NotStreamableException.class)
                    .hasMessage("live source unavailable: Redis unreachable");
            await().untilAsserted(() -> assertThat((long) metrics.counter("rta.redis.read.errors").count()).isPositive());

            server.startAgain();

            await().untilAsserted(() -> assertThat(source.health().isHealthy()).isTrue());
            // the publisher's pooled connections died with the server: its first command may fail once
            await().ignoreExceptions().until(() -> session.publish(sample(2)) != null);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(listener.dataTimes()).containsExactly(1L, 2L));
        }
    }
}
