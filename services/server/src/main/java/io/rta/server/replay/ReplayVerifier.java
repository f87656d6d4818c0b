package io.rta.server.replay;

import io.rta.data.api.ChunkEncoder;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.ChunkRead;
import io.rta.topology.data.ChunkStoreContents;
import io.rta.topology.data.ChunkStoreView;
import io.rta.topology.data.ChunkTopology;
import io.rta.topology.data.DataKind;
import io.rta.topology.errors.LogText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;

/**
 * Compares a replay's outputs with the live ones: the sessions and configs topics record by record (the bytes the
 * session view and the config view load), and the chunk stores as the data service serves them — every data identity
 * and kind read in full through {@link ChunkStoreView} and encoded by {@link ChunkEncoder#WIRE}, byte for byte. The
 * stores are read from their changelogs one partition at a time (both sides of a partition in memory at once).
 */
final class ReplayVerifier {

    static final String SESSIONS = "sessions";
    static final String CONFIGS = "configs";
    static final String CHUNKS = "chunks";

    private final Offsets offsets;
    private final Topics live;
    private final Topics replay;

    ReplayVerifier(Offsets offsets, Topics live, Topics replay) {
        this.offsets = offsets;
        this.live = live;
        this.replay = replay;
    }

    /** The changelog topic of a store of an application (Kafka Streams' naming). */
    static String changelog(Topics topics, String store) {
        return topics.applicationId() + "-" + store + "-changelog";
    }

    Differences verify(int maxShown) {
        Differences differences = new Differences(maxShown);
        compareRecords(SESSIONS, live.sessions(), replay.sessions(), differences);
        compareRecords(CONFIGS, live.configs(), replay.configs(), differences);
        compareChunks(differences);
        return differences;
    }

    private <V extends SpecificRecord> void compareRecords(String area, Topic<String, V> liveTopic,
                                                           Topic<String, V> replayTopic, Differences differences) {
        NavigableMap<Bytes, byte[]> liveRecords = contents(List.of(liveTopic.name()));
        NavigableMap<Bytes, byte[]> replayRecords = contents(List.of(replayTopic.name()));
        Set<Bytes> keys = new TreeSet<>(liveRecords.keySet());
        keys.addAll(replayRecords.keySet());
        differences.compared(area, keys.size());
        for (Bytes key : keys) {
            byte[] before = liveRecords.get(key);
            byte[] after = replayRecords.get(key);
            if (!Arrays.equals(before, after)) {
                differences.add(area, shown(key), before == null ? "only in the replay"
                        : after == null ? "only in the live view"
                        : describe(liveTopic, replayTopic, before, after));
            }
        }
    }

    /** Which fields differ (or, when they are equal, how the bytes differ). */
    private static <V extends SpecificRecord> String describe(Topic<String, V> liveTopic, Topic<String, V> replayTopic,
                                                              byte[] before, byte[] after) {
        String bytes = bytesDiffer(before, after);
        V was;
        V now;
        try {
            was = liveTopic.valueSerde().deserializer().deserialize(liveTopic.name(), before);
            now = replayTopic.valueSerde().deserializer().deserialize(replayTopic.name(), after);
        } catch (RuntimeException e) {
            return bytes + " (cannot decode: " + LogText.escape(e.getMessage()) + ")";
        }
        List<String> fields = new ArrayList<>();
        for (Schema.Field field : was.getSchema().getFields()) {
            if (!Objects.equals(was.get(field.pos()), now.get(field.pos()))) {
                fields.add(field.name());
            }
        }
        if (fields.isEmpty()) {
            return bytes + " with equal fields (schema id live " + schemaId(before) + ", replay " + schemaId(after)
                    + ")";
        }
        return "field(s) " + String.join(", ", fields) + " differ; " + bytes;
    }

    private static int schemaId(byte[] value) {
        return value.length >= 5 ? ByteBuffer.wrap(value, 1, 4).getInt() : -1;
    }

    private void compareChunks(Differences differences) {
        String liveLog = changelog(live, ChunkTopology.CHUNK_STORE);
        String replayLog = changelog(replay, ChunkTopology.CHUNK_STORE);
        Set<String> existing = offsets.topicNames();
        List<TopicPartition> liveParts = existing.contains(liveLog) ? offsets.partitions(List.of(liveLog)) : List.of();
        List<TopicPartition> replayParts = existing.contains(replayLog) ? offsets.partitions(List.of(replayLog))
                : List.of();
        int partitions = Math.max(liveParts.size(), replayParts.size());
        for (int p = 0; p < partitions; p++) {
            SortedMapStore liveStore = new SortedMapStore(partition(liveLog, p, liveParts.size()));
            SortedMapStore replayStore = new SortedMapStore(partition(replayLog, p, replayParts.size()));
            Set<String> identities = new TreeSet<>(ChunkStoreContents.dataIdentities(liveStore));
            identities.addAll(ChunkStoreContents.dataIdentities(replayStore));
            ChunkStoreView before = new ChunkStoreView(liveStore);
            ChunkStoreView after = new ChunkStoreView(replayStore);
            for (String identity : identities) {
                for (DataKind kind : DataKind.values()) {
                    compareServed(identity, kind, before, after, differences);
                }
            }
        }
    }

    private void compareServed(String identity, DataKind kind, ChunkStoreView before, ChunkStoreView after,
                               Differences differences) {
        byte[] was = served(before, identity, kind);
        byte[] now = served(after, identity, kind);
        if (was.length == 0 && now.length == 0) {
            return;
        }
        differences.compared(CHUNKS, 1);
        if (!Arrays.equals(was, now)) {
            String key = LogText.escape(identity) + " " + kind.name().toLowerCase(Locale.ROOT);
            differences.add(CHUNKS, key, was.length == 0 ? "served only by the replay (" + now.length + " bytes)"
                    : now.length == 0 ? "served only by the live view (" + was.length + " bytes)"
                    : "served bytes differ: " + bytesDiffer(was, now));
        }
    }

    /** Everything of one identity and kind, as a read of it all is answered (chunked wire format). */
    private static byte[] served(ChunkStoreView view, String identity, DataKind kind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            view.read(new ChunkRead(identity, kind, ChannelsExpression.ALL, Long.MIN_VALUE, Long.MAX_VALUE),
                    ChunkEncoder.WIRE.open(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return out.toByteArray();
    }

    private NavigableMap<Bytes, byte[]> partition(String topic, int partition, int partitions) {
        return partition < partitions
                ? TopicContents.latest(offsets.consumerConfig(), List.of(new TopicPartition(topic, partition)))
                : new TreeMap<>();
    }

    private NavigableMap<Bytes, byte[]> contents(List<String> topics) {
        return TopicContents.latest(offsets.consumerConfig(), offsets.partitions(topics));
    }

    private static String bytesDiffer(byte[] before, byte[] after) {
        int at = Arrays.mismatch(before, after);
        return String.format(Locale.ROOT, "live %,d bytes, replay %,d bytes, first difference at byte %,d",
                before.length, after.length, at);
    }

    private static String shown(Bytes key) {
        return "'" + LogText.escape(new String(key.get(), StandardCharsets.UTF_8)) + "'";
    }
}
