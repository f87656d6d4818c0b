package io.rta.topology.data;

import io.rta.events.DeadLetter;
import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TelemetryBatch;
import io.rta.events.TimestampedBurst;
import io.rta.topology.errors.SetAside;
import io.rta.topology.limits.InputLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends each telemetry record to the chunk store. Per series (data identity, kind, channel) the bursts are cut at
 * slot boundaries and written as one segment per slot, keyed by the record's offset, so nothing is held in memory
 * and a replay writes the same keys. A slot is compacted into its final parts when its series moves on to another
 * slot, or when it has been idle for {@link #IDLE_COMPACTION}; reads merge uncompacted slots on the fly with the same
 * function, so answers never depend on whether compaction has run. Records and bursts that break the rules are set
 * aside (dead-lettered); see {@link #process}.
 */
public final class ChunkProcessor implements Processor<String, TelemetryBatch, String, DeadLetter> {

    static final Duration IDLE_COMPACTION = Duration.ofSeconds(10);
    /** Kafka Streams metrics ({@code <operation>-total} and {@code -rate}, group {@code stream-rta-chunks-metrics}). */
    public static final String METRIC_BURSTS_APPLIED = "bursts-applied";
    public static final String METRIC_BURSTS_SKIPPED = "bursts-skipped";
    public static final String METRIC_SLOTS_COMPACTED = "slots-compacted";
    private static final int META_CACHE_SIZE = 50_000;
    /** How many burst problems a dead letter's reason lists before summarising the rest. */
    private static final int LISTED_PROBLEMS = 10;

    private final Map<Bytes, ChannelMeta> metaCache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes, ChannelMeta> eldest) {
            return size() > META_CACHE_SIZE;
        }
    };
    /** Wall-clock time of the last write per pending slot key (lost on restart: such slots count as idle). */
    private final Map<Bytes, Long> lastWrite = new HashMap<>();
    private final InputLimits limits;
    private final SetAside<String, TelemetryBatch> setAside;
    private ProcessorContext<String, DeadLetter> context;
    private KeyValueStore<Bytes, byte[]> store;
    private Sensor burstsApplied;
    private Sensor burstsSkipped;
    private Sensor slotsCompacted;

    ChunkProcessor(InputLimits limits, SetAside<String, TelemetryBatch> setAside) {
        this.limits = limits;
        this.setAside = setAside;
    }

    @Override
    public void init(ProcessorContext<String, DeadLetter> context) {
        this.context = context;
        this.store = context.getStateStore(ChunkTopology.CHUNK_STORE);
        setAside.init(context);
        context.schedule(IDLE_COMPACTION, PunctuationType.WALL_CLOCK_TIME, this::compactIdle);
        burstsApplied = sensor(context, METRIC_BURSTS_APPLIED);
        burstsSkipped = sensor(context, METRIC_BURSTS_SKIPPED);
        slotsCompacted = sensor(context, METRIC_SLOTS_COMPACTED);
    }

    private static Sensor sensor(ProcessorContext<String, DeadLetter> context, String operation) {
        return context.metrics().addRateTotalSensor("rta-chunks", context.taskId().toString(), operation,
                Sensor.RecordingLevel.INFO);
    }

    /**
     * Validates the record (key, then every burst) before anything is written; invalid bursts are set aside together
     * as one dead letter (a batch of just them) and the valid ones are applied. Nothing below is expected to throw for
     * validated input; if it still did part-way through (a bug), the series written before it keep their segments and
     * the processing handler sets the whole record aside.
     */
    @Override
    public void process(Record<String, TelemetryBatch> record) {
        String problem = limits.identityProblem("record key (data identity)", record.key());
        if (problem == null && record.value() == null) {
            problem = "value: a telemetry record needs a TelemetryBatch (a tombstone carries no data)";
        }
        if (problem != null) {
            setAside.record(record, problem);
            return;
        }
        Map<ChannelRef, List<Object>> series = validSeries(record);
        byte[] identityBytes = ChunkKeys.identityBytes(record.key());
        long offset = offset();
        for (Map.Entry<ChannelRef, List<Object>> entry : series.entrySet()) {
            append(identityBytes, entry.getKey(), entry.getValue(), offset);
        }
    }

    private long offset() {
        return context.recordMetadata().map(metadata -> metadata.offset()).orElse(-1L);
    }

    /** The valid bursts by series; the invalid ones are set aside. */
    private Map<ChannelRef, List<Object>> validSeries(Record<String, TelemetryBatch> record) {
        Map<ChannelRef, List<Object>> series = new LinkedHashMap<>();
        List<Object> rejected = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Object> bursts = record.value().getBursts();
        for (int i = 0; i < bursts.size(); i++) {
            Object burst = bursts.get(i);
            String problem = BurstValidator.problem(burst, limits);
            if (problem != null) {
                burstsSkipped.record();
                rejected.add(burst);
                problems.add("bursts[" + i + "]: " + problem);
                continue;
            }
            series.computeIfAbsent(seriesOf(burst), key -> new ArrayList<>()).add(burst);
            burstsApplied.record();
        }
        if (!rejected.isEmpty()) {
            setAside.record(record, setAside.encode(new TelemetryBatch(rejected)), describe(problems, bursts.size()));
        }
        return series;
    }

    private static String describe(List<String> problems, int bursts) {
        String listed = String.join("; ", problems.subList(0, Math.min(problems.size(), LISTED_PROBLEMS)));
        int more = problems.size() - LISTED_PROBLEMS;
        String count = problems.size() == bursts ? "all " + bursts + " burst(s) set aside: "
                : problems.size() + " of " + bursts + " burst(s) set aside (the others were applied): ";
        return count + listed + (more > 0 ? "; and " + more + " more" : "");
    }

    private static ChannelRef seriesOf(Object burst) {
        if (burst instanceof PeriodicBurst periodic) {
            return ChannelRef.channel(DataKind.PERIODIC, periodic.getChannelId());
        }
        if (burst instanceof TimestampedBurst timestamped) {
            return ChannelRef.channel(DataKind.TIMESTAMPED, timestamped.getChannelId());
        }
        if (burst instanceof RowBurst row) {
            return ChannelRef.rowSet(SlotSplitter.ids(row.getChannelIds()));
        }
        if (burst instanceof EventBurst) {
            return ChannelRef.events();
        }
        throw new IllegalArgumentException("unknown burst " + burst);
    }

    /**
     * Applies one record's bursts of a series. Only the newest slot the record touches can still be continued by the
     * next record of streaming data, so only it is written as a segment and left pending; every older slot it touches
     * is written in its final form at once (merged with what the slot already holds), so its samples go to the store
     * and its changelog once instead of as a segment and again when compacted. Pending slots the record does not
     * touch are compacted, as the series has moved on.
     */
    private void append(byte[] identity, ChannelRef series, List<Object> bursts, long offset) {
        Bytes metaKey = ChunkKeys.meta(identity, series);
        ChannelMeta meta = meta(metaKey);
        if (meta == null) {
            meta = new ChannelMeta(BurstSpans.slotDuration(bursts.get(0)), new long[0]);
        }
        TreeMap<Long, List<ListEntry>> slots = new TreeMap<>();
        for (Object burst : bursts) {
            SlotSplitter.split(burst, meta.slotDuration(),
                    (slot, entry) -> slots.computeIfAbsent(slot, key -> new ArrayList<>()).add(entry));
        }
        long newest = slots.lastKey();
        for (Map.Entry<Long, List<ListEntry>> slot : slots.entrySet()) {
            if (slot.getKey() == newest) {
                int piece = 0;
                for (byte[] value : SlotPacker.packRaw(series.kind(), slot.getValue())) {
                    store.put(ChunkKeys.segment(identity, series, newest, offset, piece++), value);
                }
            } else {
                complete(identity, series, slot.getKey(), slot.getValue(), meta.isPending(slot.getKey()));
            }
        }
        for (long slot : meta.pendingSlots()) {
            if (!slots.containsKey(slot)) {
                compact(identity, series, slot);
            }
        }
        Bytes pendingKey = ChunkKeys.pending(identity, series, newest);
        if (!meta.isPending(newest)) {
            store.put(pendingKey, new byte[0]);
        }
        lastWrite.put(pendingKey, context.currentSystemTimeMs());
        ChannelMeta updated = meta.withPending(new long[] {newest});
        if (!updated.equals(meta(metaKey))) {
            store.put(metaKey, updated.encode());
            metaCache.put(metaKey, updated);
        }
    }

    /**
     * Writes a slot's final parts: what it holds (parts and segments) merged with {@code added}, in one write batch
     * that also drops the slot's pending marker. The parts are exactly those compaction would make of the slot had
     * {@code added} been written as a segment first.
     */
    private void complete(byte[] identity, ChannelRef series, long slot, List<ListEntry> added, boolean pending) {
        List<KeyValue<Bytes, byte[]>> entries = slotEntries(identity, series, slot);
        List<byte[]> values = entries.stream().map(entry -> entry.value).toList();
        List<byte[]> parts = values.isEmpty() ? SlotPacker.pack(series.kind(), added)
                : SlotPacker.merge(series.kind(), values, added);
        Bytes pendingKey = ChunkKeys.pending(identity, series, slot);
        store.putAll(replacement(identity, series, slot, entries, parts, pending ? pendingKey : null));
        lastWrite.remove(pendingKey);
        if (!entries.isEmpty()) {
            slotsCompacted.record();
        }
    }

    private List<KeyValue<Bytes, byte[]>> slotEntries(byte[] identity, ChannelRef series, long slot) {
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(ChunkKeys.slotStart(identity, series, slot),
                ChunkKeys.slotEnd(identity, series, slot))) {
            it.forEachRemaining(entries::add);
        }
        return entries;
    }

    /**
     * One write batch (a concurrent read sees the slot before or after, never half-written): the slot's old entries
     * deleted, its parts put, and {@code pendingKey} deleted when it is not null.
     */
    private static List<KeyValue<Bytes, byte[]>> replacement(byte[] identity, ChannelRef series, long slot,
                                                            List<KeyValue<Bytes, byte[]>> old, List<byte[]> parts,
                                                            Bytes pendingKey) {
        Map<Bytes, byte[]> replacement = new LinkedHashMap<>();
        for (KeyValue<Bytes, byte[]> entry : old) {
            replacement.put(entry.key, null);
        }
        for (int i = 0; i < parts.size(); i++) {
            replacement.put(ChunkKeys.part(identity, series, slot, i), parts.get(i));
        }
        if (pendingKey != null) {
            replacement.put(pendingKey, null);
        }
        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(replacement.size());
        replacement.forEach((key, value) -> batch.add(KeyValue.pair(key, value)));
        return batch;
    }

    private ChannelMeta meta(Bytes metaKey) {
        ChannelMeta cached = metaCache.get(metaKey);
        if (cached != null) {
            return cached;
        }
        byte[] stored = store.get(metaKey);
        if (stored == null) {
            return null;
        }
        ChannelMeta meta = ChannelMeta.decode(stored);
        metaCache.put(metaKey, meta);
        return meta;
    }

    /**
     * Replaces a slot's segments (and earlier parts) with its final parts, unless it already holds them: one source,
     * compressed.
     */
    private void compact(byte[] identity, ChannelRef series, long slot) {
        List<KeyValue<Bytes, byte[]>> entries = slotEntries(identity, series, slot);
        Bytes pendingKey = ChunkKeys.pending(identity, series, slot);
        if (SlotSources.isServedAsStored(entries)) {
            store.delete(pendingKey);
        } else {
            List<byte[]> parts = SlotPacker.merge(series.kind(), entries.stream().map(entry -> entry.value).toList());
            store.putAll(replacement(identity, series, slot, entries, parts, pendingKey));
            slotsCompacted.record();
        }
        lastWrite.remove(pendingKey);
    }

    private void compactIdle(long now) {
        List<Bytes> idle = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(Bytes.wrap(new byte[] {ChunkKeys.PENDING}),
                new org.apache.kafka.common.serialization.BytesSerializer())) {
            while (it.hasNext()) {
                Bytes key = it.next().key;
                Long written = lastWrite.get(key);
                if (written == null || now - written >= IDLE_COMPACTION.toMillis()) {
                    idle.add(key);
                }
            }
        }
        for (Bytes key : idle) {
            ChunkKeys.Parsed pending = ChunkKeys.parse(key.get());
            compact(pending.identity(), pending.channel(), pending.slot());
            Bytes metaKey = ChunkKeys.meta(pending.identity(), pending.channel());
            ChannelMeta meta = meta(metaKey);
            if (meta != null && meta.isPending(pending.slot())) {
                long[] rest = java.util.Arrays.stream(meta.pendingSlots()).filter(s -> s != pending.slot()).toArray();
                ChannelMeta updated = meta.withPending(rest);
                store.put(metaKey, updated.encode());
                metaCache.put(metaKey, updated);
            }
        }
    }
}
