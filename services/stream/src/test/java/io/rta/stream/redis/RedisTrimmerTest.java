package io.rta.stream.redis;

import static io.rta.stream.redis.Telemetry.sample;
import static io.rta.stream.redis.Telemetry.sessionJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

class RedisTrimmerTest {

    private static RedisServerProcess server;

    private final MeterRegistry metrics = new SimpleMeterRegistry();
    private RedisTestPublisher publisher;
    private RedisLiveSource source;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    @BeforeEach
    void connect() {
        publisher = new RedisTestPublisher("127.0.0.1", server.port());
        publisher.redis().flushAll();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        publisher.close();
    }

    @Test
    void shouldTrimEveryListedStreamToExactlyTheTargetLength() {
        String stream = publish(300);
        String unlisted = "stream:unlisted-" + UUID.randomUUID();
        for (int i = 0; i < 300; i++) {
            publisher.redis().xadd(unlisted, StreamEntryID.NEW_ENTRY, Map.of("id", "1", "data", "x"));
        }

        source = sourceTrimmingTo(100, false);

        await().untilAsserted(() -> assertThat(publisher.redis().xlen("stream:" + stream)).isEqualTo(100));
        assertThat(publisher.redis().xlen(unlisted)).isEqualTo(300);
        assertThat((long) metrics.counter("rta.redis.entries.trimmed").count()).isEqualTo(200);
    }

    @Test
    void shouldTrimApproximatelyWhenAsked() {
        String stream = publish(1000);

        source = sourceTrimmingTo(100, true);

        // "~" removes whole stream nodes only (at most 100 entries each by default): never below the target
        await().untilAsserted(() -> assertThat(publisher.redis().xlen("stream:" + stream)).isLessThan(1000));
        assertThat(publisher.redis().xlen("stream:" + stream)).isBetween(100L, 199L);
    }

    private String publish(int messages) {
        String stream = "car-" + UUID.randomUUID();
        String identity = UUID.randomUUID().toString();
        RedisTestPublisher.Session session = publisher.open(identity, stream, sessionJson(identity, "open"));
        for (int i = 1; i < messages; i++) {
            session.publish(sample(i));
        }
        return stream;
    }

    private RedisLiveSource sourceTrimmingTo(long target, boolean approximate) {
        return new RedisLiveSource(new RedisSettings(RedisConnectionString.parse(server.connectionString()), 0,
                new TrimmerSettings(true, target, Duration.ofMillis(100), approximate)), metrics);
    }
}
