package io.rta.service.view;

import io.rta.events.SessionFolder;
import io.rta.events.SessionState;
import io.rta.service.view.TopicViewLoader;
import io.rta.service.write.WriteTracker;
import io.rta.topology.SourcePosition;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.session.FolderRules;
import io.rta.topology.view.FolderTree;
import io.rta.topology.view.SessionCatalog;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory views of this process — the session catalog and the folder tree — and how the sessions and folders
 * topics feed them. Writers are told their change is visible only after the batch that carried it was applied.
 */
public final class SessionViews {

    private static final Logger LOG = LoggerFactory.getLogger(SessionViews.class);

    private final FolderTree folders = new FolderTree();
    private final SessionCatalog catalog = new SessionCatalog(folders);
    private final WriteTracker sessionsApplied;
    private final WriteTracker foldersApplied;
    private final List<SessionChangeListener> changeListeners = new CopyOnWriteArrayList<>();

    public SessionViews(WriteTracker sessionsApplied, WriteTracker foldersApplied) {
        this.sessionsApplied = sessionsApplied;
        this.foldersApplied = foldersApplied;
    }

    public SessionCatalog catalog() {
        return catalog;
    }

    public FolderTree folders() {
        return folders;
    }

    /** Registers a listener told about every applied batch of session changes (any thread may register). */
    public void addChangeListener(SessionChangeListener listener) {
        changeListeners.add(listener);
    }

    /** Stops telling {@code listener}; removing one that is not registered does nothing. */
    public void removeChangeListener(SessionChangeListener listener) {
        changeListeners.remove(listener);
    }

    /** {@link #handlers(Topics, InputLimits)} with the default limits. */
    public Map<String, TopicViewLoader.Handler> handlers(Topics topics) {
        return handlers(topics, InputLimits.defaults());
    }

    /**
     * Handlers for a {@link TopicViewLoader}: topic name -> handler. Folders breaking {@link FolderRules} under
     * {@code limits} are skipped (the session topology's folder guard sets them aside as dead letters).
     */
    public Map<String, TopicViewLoader.Handler> handlers(Topics topics, InputLimits limits) {
        return Map.of(topics.sessions().name(), new SessionsHandler(topics.sessions()),
                topics.folders().name(), new FoldersHandler(topics.folders(), limits));
    }

    /**
     * Applies session states, one catalog update per poll (the last state of each session wins); then acknowledges the
     * update batches named by their source header.
     */
    private final class SessionsHandler implements TopicViewLoader.Handler {
        private final Topic<String, SessionState> topic;
        private final Map<Integer, Long> appliedSources = new HashMap<>();
        private final Map<String, SessionState> changes = new LinkedHashMap<>();

        SessionsHandler(Topic<String, SessionState> topic) {
            this.topic = topic;
        }

        @Override
        public void handle(ConsumerRecord<byte[], byte[]> record) {
            String identity = topic.keySerde().deserializer().deserialize(topic.name(), record.key());
            SessionState state = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            changes.remove(identity);
            changes.put(identity, state);
            SourcePosition.read(record.headers()).ifPresent(
                    source -> appliedSources.merge(source.partition(), source.offset(), Math::max));
        }

        @Override
        public void afterBatch() {
            catalog.applyAll(changes);
            notifyListeners();
            changes.clear();
            appliedSources.forEach(sessionsApplied::applied);
            appliedSources.clear();
        }

        /** A failing listener is logged and skipped: it must not stop the view (nor other listeners). */
        private void notifyListeners() {
            if (changeListeners.isEmpty() || changes.isEmpty()) {
                return;
            }
            Map<String, SessionState> applied = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
            for (SessionChangeListener listener : changeListeners) {
                try {
                    listener.changed(applied);
                } catch (RuntimeException e) {
                    LOG.error("Session change listener {} failed on {} change(s): {}", listener, applied.size(),
                            e.toString(), e);
                }
            }
        }
    }

    /**
     * Applies folders; acknowledges folder writes by their own offsets. A folder that breaks the rules is skipped
     * without a word (the folder guard logs and dead-letters it once; this loader re-reads it at every start).
     */
    private final class FoldersHandler implements TopicViewLoader.Handler {
        private final Topic<String, SessionFolder> topic;
        private final InputLimits limits;
        private final Map<Integer, Long> applied = new HashMap<>();
        private long skipped;

        FoldersHandler(Topic<String, SessionFolder> topic, InputLimits limits) {
            this.topic = topic;
            this.limits = limits;
        }

        @Override
        public void handle(ConsumerRecord<byte[], byte[]> record) {
            String identity = topic.keySerde().deserializer().deserialize(topic.name(), record.key());
            SessionFolder folder = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            if (FolderRules.problem(identity, folder, limits) != null) {
                skipped++;
            } else if (folder == null) {
                folders.remove(identity);
            } else {
                folders.put(folder);
            }
            applied.merge(record.partition(), record.offset(), Math::max);
        }

        @Override
        public void afterBatch() {
            if (skipped > 0) {
                LOG.debug("The folder view skipped {} folder record(s) that break the rules", skipped);
                skipped = 0;
            }
            applied.forEach(foldersApplied::applied);
            applied.clear();
        }

    }
}
