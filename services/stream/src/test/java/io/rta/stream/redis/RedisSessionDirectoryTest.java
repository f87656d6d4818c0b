package io.rta.stream.redis;

import static io.rta.stream.redis.Telemetry.sessionJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.stream.redis.RedisTestPublisher.Layout;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/** Both layouts of a session's description, read by {@link SessionDirectory} from a real Redis. */
class RedisSessionDirectoryTest {

    private static RedisServerProcess server;

    private final String identity = UUID.randomUUID().toString();
    private final String stream = "car-" + UUID.randomUUID();
    private final RedisClient redis = RedisClient.builder()
            .hostAndPort(new HostAndPort("127.0.0.1", server.port())).build();
    private final SessionDirectory directory = new SessionDirectory(redis);

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void shouldReadWhatAPublisherWroteInEitherLayout(Layout layout) {
        String json = sessionJson(identity, "open");
        try (RedisTestPublisher publisher = new RedisTestPublisher("127.0.0.1", server.port(), layout)) {
            RedisTestPublisher.Session session = publisher.open(identity, stream, json);
            session.publishTimeRange(100, 200);

            SessionDescription description = directory.find(identity).orElseThrow();

            assertThat(description.streamSessionId()).isEqualTo(session.streamSessionId());
            assertThat(description.streamName()).isEqualTo(stream);
            assertThat(description.streamPosition()).isEqualTo(new StreamEntryID(0, 0));
            assertThat(description.json()).isEqualTo(json);
            assertThat(description.timeRange()).isEqualTo(new TimeRange(100, 200));
        }
    }

    @Test
    void shouldReadFlatFieldsOfTheSessionsOwnHash() {
        redis.hset("sessions:" + identity, Map.of("streamSessionId", "7", "streamName", "car1",
                "streamPosition", "1718000000000-3", "lastUpdated", "1718000000123",
                "json", "{\"state\":\"open\"}", "tStart", "5", "tEnd", "9"));

        SessionDescription description = directory.find(identity).orElseThrow();

        assertThat(description).isEqualTo(new SessionDescription(7, "car1", new StreamEntryID(1718000000000L, 3),
                "{\"state\":\"open\"}", new TimeRange(5, 9)));
    }

    @Test
    void shouldLeaveJsonAndTimeRangeEmptyUntilPublishedInTheSessionsOwnHash() {
        redis.hset("sessions:" + identity, Map.of("streamSessionId", "7", "streamName", "car1",
                "streamPosition", "0-0", "lastUpdated", "1718000000123", "tEnd", "9"));

        SessionDescription description = directory.find(identity).orElseThrow();

        assertThat(description.json()).isNull();
        assertThat(description.timeRange()).isNull();
    }

    @Test
    void shouldPreferTheSessionsHashWhenBothLayoutsDescribeTheSession() {
        redis.hset("sessions", identity, "{\"streamSessionId\":1,\"streamName\":\"a\",\"streamPosition\":\"0-0\"}");
        redis.hset("sessions:" + identity, Map.of("streamSessionId", "2", "streamName", "b",
                "streamPosition", "0-0"));

        assertThat(directory.find(identity).orElseThrow().streamName()).isEqualTo("a");
    }

    @Test
    void shouldFindNothingWhenNeitherLayoutHasTheSession() {
        redis.hset("sessions:" + UUID.randomUUID(), Map.of("streamSessionId", "2", "streamName", "b",
                "streamPosition", "0-0"));

        assertThat(directory.find(identity)).isEmpty();
    }

    @Test
    void shouldNameTheKeyAndFieldOfAMalformedDescription() {
        redis.hset("sessions:" + identity, Map.of("streamSessionId", "2", "streamPosition", "0-0"));
        assertThatThrownBy(() -> directory.find(identity)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hash sessions:" + identity + ": field streamName is missing");

        redis.hset("sessions", identity, "not json");
        assertThatThrownBy(() -> directory.find(identity)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hash sessions field " + identity + ": entry is not JSON");
    }

    @Test
    void shouldReportASessionKeyOfAnotherTypeAsMalformed() {
        redis.set("sessions:" + identity, "not a hash");

        assertThatThrownBy(() -> directory.find(identity)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key sessions:" + identity + " is not a hash");
    }
}
