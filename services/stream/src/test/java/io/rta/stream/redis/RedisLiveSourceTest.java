package io.rta.stream.redis;

import static io.rta.stream.redis.Telemetry.event;
import static io.rta.stream.redis.Telemetry.sample;
import static io.rta.stream.redis.Telemetry.sessionJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.stream.live.Backfill;
import io.rta.stream.live.LiveAttachment;
import io.rta.stream.live.LiveData;
import io.rta.stream.live.NotStreamableException;
import io.rta.stream.protocol.StreamElements;
import io.rta.stream.redis.RecordingListener.Data;
import io.rta.stream.redis.RecordingListener.End;
import io.rta.stream.redis.RecordingListener.Range;
import io.rta.stream.redis.RecordingListener.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisLiveSourceTest {

    private static RedisServerProcess server;

    private final String stream = "car-" + UUID.randomUUID();
    private RedisTestPublisher publisher;
    private MeterRegistry metrics;
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
    void startSource() {
        publisher = new RedisTestPublisher("127.0.0.1", server.port());
        metrics = new SimpleMeterRegistry();
        TrimmerSettings noTrimmer = new TrimmerSettings(false, 10_000, Duration.ofSeconds(30), false);
        source = new RedisLiveSource(new RedisSettings(RedisConnectionString.parse(server.connectionString()), 0,
                noTrimmer), metrics);
    }

    @AfterEach
    void stopSource() {
        source.close();
        publisher.close();
    }

    @Test
    void shouldRefuseAnUnknownSession() {
        assertThatThrownBy(() -> source.attach("no-such-session", new RecordingListener()))
                .isInstanceOf(NotStreamableException.class).hasMessage("session not found");
    }

    @Test
    void shouldRefuseASessionWithoutJsonYet() {
        String identity = UUID.randomUUID().toString();
        publisher.describe(identity, stream);

        assertThatThrownBy(() -> source.attach(identity, new RecordingListener()))
                .isInstanceOf(NotStreamableException.class).hasMessage("session has no JSON in Redis yet");
    }

    @Test
    void shouldRefuseASessionThatIsNotOpen() {
        String identity = UUID.randomUUID().toString();
        publisher.open(identity, stream, sessionJson(identity, "closed"));

        assertThatThrownBy(() -> source.attach(identity, new RecordingListener()))
                .isInstanceOf(NotStreamableException.class).hasMessage("session is closed, not open");
    }

    @Test
    void shouldOpenWithTheSessionJsonAndTimeRangeOfTheSessionsHash() throws Exception {
        String identity = UUID.randomUUID().toString();
        String json = sessionJson(identity, "open");
        RedisTestPublisher.Session session = publisher.open(identity, stream, json);
        session.publishTimeRange(10, 20);
        RecordingListener listener = new RecordingListener();

        try (LiveAttachment ignored = source.attach(identity, listener)) {
            assertThat(listener.calls()).startsWith(new Session(json), new Range(10, 20));
        }
    }

    @Test
    void shouldStreamASessionDescribedInItsOwnHash() throws Exception {
        String identity = UUID.randomUUID().toString();
        String json = sessionJson(identity, "open");
        try (RedisTestPublisher ownHash = new RedisTestPublisher("127.0.0.1", server.port(),
                RedisTestPublisher.Layout.HASH_PER_SESSION)) {
            RedisTestPublisher.Session session = ownHash.open(identity, stream, json);
            session.publishTimeRange(10, 20);
            session.publish(sample(1));
            RecordingListener listener = new RecordingListener();

            try (LiveAttachment attachment = source.attach(identity, listener)) {
                assertThat(listener.calls()).startsWith(new Session(json), new Range(10, 20));
                assertThat(drain(attachment.backfill(item -> true))).containsExactly(1L);
                session.publish(sample(2));
                await().untilAsserted(() -> assertThat(listener.dataTimes()).containsExactly(2L));

                session.publishJson(sessionJson(identity, "closed"));
                await().untilAsserted(() -> assertThat(listener.calls()).last()
                        .isEqualTo(new End("session closed")));
            }
            assertThatThrownBy(() -> source.attach(identity, new RecordingListener()))
                    .isInstanceOf(NotStreamableException.class).hasMessage("session is closed, not open");
        }
    }

    @Test
    void shouldFollowMoreStreamsThanTheCommandPoolHoldsAndStillServeAttachesAndBackfills() throws Exception {
        int streams = 140;
        List<LiveAttachment> attachments = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        List<RedisTestPublisher.Session> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                String identity = UUID.randomUUID().toString();
                RedisTestPublisher.Session session = publisher.open(identity, stream + "-" + i,
                        sessionJson(identity, "open"));
                session.publish(sample(1));
                RecordingListener listener = new RecordingListener();
                LiveAttachment attachment = source.attach(identity, listener);
                assertThat(drain(attachment.backfill(item -> true))).as("back-fill of stream %d", i)
                        .containsExactly(1L);
                attachments.add(attachment);
                listeners.add(listener);
                sessions.add(session);
            }
            for (RedisTestPublisher.Session session : sessions) {
                session.publish(sample(2));
            }
            for (RecordingListener listener : listeners) {
                await().untilAsserted(() -> assertThat(listener.dataTimes()).containsExactly(2L));
            }
        } finally {
            for (LiveAttachment attachment : attachments) {
                attachment.close();
            }
        }
    }

    @Test
    void shouldFanDataOutToEveryListenerOfTheSessionAndNoOther() throws Exception {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        RedisTestPublisher.Session sessionA = publisher.open(a, stream, sessionJson(a, "open"));
        RedisTestPublisher.Session sessionB = publisher.open(b, stream, sessionJson(b, "open"));
        RecordingListener a1 = new RecordingListener();
        RecordingListener a2 = new RecordingListener();
        RecordingListener b1 = new RecordingListener();

        try (LiveAttachment ignored1 = source.attach(a, a1); LiveAttachment ignored2 = source.attach(a, a2);
             LiveAttachment ignored3 = source.attach(b, b1)) {
            sessionA.publish(sample(1));
            sessionB.publish(sample(2));

            // b1 hears of 2 only after the reader handed 1 out: what the others have now is final
            await().untilAsserted(() -> assertThat(b1.dataTimes()).containsExactly(2L));
            assertThat(a1.dataTimes()).containsExactly(1L);
            assertThat(a2.dataTimes()).containsExactly(1L);
            LiveData item = a1.calls(Data.class).get(0).item();
            assertThat(item.element()).isEqualTo(
                    StreamElements.of(StreamElements.TIMESTAMPED_DATA, sample(1).getTimestampedData()));
            assertThat(item.channelIds()).containsExactly(1);
            assertThat(item.event()).isFalse();
        }
    }

    @Test
    void shouldPassSessionJsonUpdatesOnAndEndWhenTheSessionCloses() throws Exception {
        String identity = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        RedisTestPublisher.Session session = publisher.open(identity, stream, sessionJson(identity, "open"));
        RedisTestPublisher.Session otherSession = publisher.open(other, stream, sessionJson(other, "open"));
        RecordingListener listener = new RecordingListener();
        RecordingListener otherListener = new RecordingListener();

        try (LiveAttachment ignored = source.attach(identity, listener);
             LiveAttachment ignored2 = source.attach(other, otherListener)) {
            String renamed = sessionJson(identity, "open").replace("}}", "},\"identifier\":\"renamed\"}");
            session.publishJson(renamed);
            String closed = sessionJson(identity, "closed");
            session.publishJson(closed);
            session.publish(sample(1));
            otherSession.publish(sample(2));

            await().untilAsserted(() -> assertThat(otherListener.dataTimes()).containsExactly(2L));
            List<RecordingListener.Call> calls = listener.calls();
            assertThat(calls.subList(1, calls.size())).containsExactly(new Session(renamed), new Session(closed),
                    new End("session closed"));
        }
    }

    @Test
    void shouldCoalesceTimeRangesAndPassOnlyMovedOnes() throws Exception {
        String identity = UUID.randomUUID().toString();
        RedisTestPublisher.Session session = publisher.open(identity, stream, sessionJson(identity, "open"));
        RecordingListener listener = new RecordingListener();

        try (LiveAttachment ignored = source.attach(identity, listener)) {
            // a writer sending a time range with every entry: 50 in one message, within microseconds
            session.publish(LongStream.rangeClosed(1, 50).mapToObj(end -> RedisTestPublisher.timeRange(0, end))
                    .toArray(StreamData[]::new));
            await().untilAsserted(() -> assertThat(listener.calls(Range.class)).last().isEqualTo(new Range(0, 50)));
            assertThat(listener.calls(Range.class)).hasSizeLessThanOrEqualTo(2);

            session.publish(RedisTestPublisher.timeRange(0, 50), RedisTestPublisher.timeRange(10, 40));
            session.publish(RedisTestPublisher.timeRange(0, 60));
            await().untilAsserted(() -> assertThat(listener.calls(Range.class)).last().isEqualTo(new Range(0, 60)));
            assertThat(listener.calls(Range.class)).filteredOn(range -> range.equals(new Range(0, 50))).hasSize(1);
        }
    }

    @Test
    void shouldBackFillFromTheSessionStartSoBackFillAndLiveLeaveNoGap() throws Exception {
        String identity = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        RedisTestPublisher.Session session = publisher.open(identity, stream, sessionJson(identity, "open"));
        RedisTestPublisher.Session otherSession = publisher.open(other, stream, sessionJson(other, "open"));
        for (long time = 0; time < 200; time++) {
            session.publish(sample(time));
            otherSession.publish(sample(10_000 + time));
        }
        // publishing goes on while the client attaches and asks for back-fill
        CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
            for (long time = 200; time < 400; time++) {
                session.publish(sample(time));
            }
        });
        RecordingListener listener = new RecordingListener();

        try (LiveAttachment attachment = source.attach(identity, listener)) {
            List<Long> backfilled = drain(attachment.backfill(item -> true));
            more.join();
            await().untilAsserted(() -> assertThat(listener.dataTimes()).contains(399L));

            assertThat(backfilled).isSorted().doesNotHaveDuplicates().allMatch(time -> time < 400);
            assertThat(listener.dataTimes()).isSorted().doesNotHaveDuplicates();
            TreeSet<Long> all = new TreeSet<>(backfilled);
            all.addAll(listener.dataTimes());
            assertThat(all).containsExactlyElementsOf(LongStream.range(0, 400).boxed().toList());
        }
    }

    @Test
    void shouldBackFillOnlyTheWantedItems() throws Exception {
        String identity = UUID.randomUUID().toString();
        RedisTestPublisher.Session session = publisher.open(identity, stream, sessionJson(identity, "open"));
        for (long time = 0; time < 10; time++) {
            session.publish(sample(time), event(100 + time));
        }

        try (LiveAttachment attachment = source.attach(identity, new RecordingListener())) {
            assertThat(drain(attachment.backfill(LiveData::event)))
                    .containsExactlyElementsOf(LongStream.range(100, 110).boxed().toList());
        }
    }

    @Test
    void shouldSkipMalformedMessagesAndKeepStreaming() throws Exception {
        String identity = UUID.randomUUID().toString();
        RedisTestPublisher.Session session = publisher.open(identity, stream, sessionJson(identity, "open"));
        RecordingListener listener = new RecordingListener();

        try (LiveAttachment ignored = source.attach(identity, listener)) {
            session.publishPayload(new byte[] {(byte) 0x47, 1, 2, 3});
            session.publish(sample(7));

            await().untilAsserted(() -> assertThat(listener.dataTimes()).containsExactly(7L));
            assertThat((long) metrics.counter("rta.redis.messages.malformed").count()).isEqualTo(1);
        }
    }

    @Test
    void shouldStopFollowingAStreamWhenItsLastListenerDetaches() throws Exception {
        String identity = UUID.randomUUID().toString();
        publisher.open(identity, stream, sessionJson(identity, "open"));

        LiveAttachment first = source.attach(identity, new RecordingListener());
        LiveAttachment second = source.attach(identity, new RecordingListener());
        assertThat(streamsFollowed()).isEqualTo(1);
        first.close();
        assertThat(streamsFollowed()).isEqualTo(1);
        second.close();
        assertThat(streamsFollowed()).isZero();
    }

    @Test
    void shouldEndEveryListenerWhenTheSourceStops() throws Exception {
        String identity = UUID.randomUUID().toString();
        publisher.open(identity, stream, sessionJson(identity, "open"));
        RecordingListener listener = new RecordingListener();
        source.attach(identity, listener);

        source.close();

        assertThat(listener.calls()).last().isEqualTo(new End("live source stopped"));
        assertThatThrownBy(() -> source.attach(identity, new RecordingListener()))
                .isInstanceOf(NotStreamableException.class).hasMessage("live source stopped");
    }

    @Test
    void shouldReportRedisHealthy() {
        assertThat(source.health().isHealthy()).isTrue();
        assertThat(source.name()).isEqualTo("redis");
    }

    private int streamsFollowed() {
        return (int) metrics.get("rta.redis.streams.followed").gauge().value();
    }

    private static List<Long> drain(Backfill backfill) {
        List<Long> times = new ArrayList<>();
        for (LiveData item = backfill.next(); item != null; item = backfill.next()) {
            times.add(item.endTime());
        }
        return times;
    }
}
