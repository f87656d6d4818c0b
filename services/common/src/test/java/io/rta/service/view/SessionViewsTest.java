package io.rta.service.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.SessionFolder;
import io.rta.events.SessionState;
import io.rta.schemas.InMemorySchemaRegistryClient;
import io.rta.service.view.TopicViewLoader;
import io.rta.service.write.WriteTracker;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import io.rta.topology.limits.InputLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionViewsTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Topics topics = Topics.create("rta.", new InMemorySchemaRegistryClient());
    private final SessionViews views = new SessionViews(new WriteTracker("session", Duration.ofSeconds(1), timer),
            new WriteTracker("folder", Duration.ofSeconds(1), timer));
    private final TopicViewLoader.Handler handler = views.handlers(topics).get(topics.sessions().name());
    private long offset;

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void shouldTellListenersEachAppliedBatchWithDeletionsAsNull() {
        List<Map<String, SessionState>> batches = new ArrayList<>();
        List<Integer> catalogStateOfA = new ArrayList<>();
        views.addChangeListener(changes -> {
            catalogStateOfA.add(views.catalog().get("a").map(SessionState::getState).orElse(-1));
            batches.add(new HashMap<>(changes));
        });

        handler.handle(record("a", session("a", 2)));
        handler.handle(record("b", session("b", 2)));
        handler.handle(record("a", session("a", 4)));
        handler.afterBatch();
        handler.handle(record("b", null));
        handler.afterBatch();

        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsOnlyKeys("a", "b");
        assertThat(batches.get(0).get("a").getState()).isEqualTo(4);
        assertThat(batches.get(1)).containsEntry("b", null).hasSize(1);
        assertThat(catalogStateOfA).as("the catalog already holds the batch").containsExactly(4, 4);
    }

    @Test
    void shouldKeepApplyingAndTellingOthersWhenAListenerFails() {
        List<String> told = new ArrayList<>();
        views.addChangeListener(changes -> {
            throw new IllegalStateException("listener broke");
        });
        views.addChangeListener(changes -> told.addAll(changes.keySet()));

        handler.handle(record("a", session("a", 2)));
        handler.afterBatch();

        assertThat(told).containsExactly("a");
        assertThat(views.catalog().get("a")).isPresent();
    }

    @Test
    void shouldStopTellingARemovedListener() {
        List<String> told = new ArrayList<>();
        SessionChangeListener listener = changes -> told.addAll(changes.keySet());
        views.addChangeListener(listener);
        views.removeChangeListener(listener);

        handler.handle(record("a", session("a", 2)));
        handler.afterBatch();

        assertThat(told).isEmpty();
    }

    @Test
    void shouldSkipFoldersThatBreakTheRulesAndApplyTheOthers() {
        TopicViewLoader.Handler folders = views.handlers(topics, InputLimits.defaults())
                .get(topics.folders().name());

        folders.handle(folder("ok", new SessionFolder("ok", "", "Fine", "")));
        folders.handle(folder("bad\u0000", new SessionFolder("bad\u0000", "", "Nul", "")));
        folders.handle(folder("self", new SessionFolder("self", "self", "Own parent", "")));
        folders.handle(folder("key", new SessionFolder("other", "", "Mismatch", "")));
        folders.handle(folder("child", new SessionFolder("child", "ok", "Child", "")));
        folders.afterBatch();

        assertThat(views.folders().snapshot()).containsOnlyKeys("ok", "child");
    }

    private ConsumerRecord<byte[], byte[]> folder(String key, SessionFolder folder) {
        Topic<String, SessionFolder> topic = topics.folders();
        return new ConsumerRecord<>(topic.name(), 0, offset++,
                topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), folder));
    }

    private ConsumerRecord<byte[], byte[]> record(String identity, SessionState state) {
        Topic<String, SessionState> topic = topics.sessions();
        return new ConsumerRecord<>(topic.name(), 0, offset++,
                topic.keySerde().serializer().serialize(topic.name(), identity),
                topic.valueSerde().serializer().serialize(topic.name(), state));
    }

    private static SessionState session(String identity, int state) {
        return SessionState.newBuilder().setIdentity(identity).setState(state)
                .setTimestamp("2024-05-06T18:58:56+01:00").setIdentifier(identity)
                .setHeartbeatUtc("2024-05-06T17:58:56Z").build();
    }
}
