package io.rta.stream.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent telemetry of every partition, kept in memory for back-fill: what the REST API may not serve yet, plus a
 * margin, kept per record ({@link RecordItems}: decoded only once a client asks for it). A record goes only when
 * both hold:
 * <ul>
 *   <li>its offset is below a committed offset of its partition that was seen at least {@code backScan} ago (the
 *       chunk view, hence the REST API, has had it for that long: the overlap margin, since the view publishes a
 *       moment after the commit and a client's REST read and its stream do not start at the same instant), and</li>
 *   <li>it arrived at least {@code backScan} ago.</li>
 * </ul>
 * The margin runs from when the commit was seen, not from the item's arrival: with the Streams application lagging
 * by more than {@code backScan}, an item that arrived long ago must still stay for the margin once it becomes
 * readable, or a client whose REST read just missed it would find it in neither place.
 * Above {@code maxBytes} the oldest records go regardless (counted and logged: a back-fill can then have a gap). The
 * bytes counted are what a record holds on the heap: its value bytes until decoded, then its items with their
 * bookkeeping ({@link #heapBytes}), so the cap bounds memory even for small bursts.
 *
 * <p>Written by the telemetry thread, committed offsets by the poller, snapshots taken by connection threads: every
 * method holds the one lock briefly; a snapshot copies references under it and decodes outside it.
 */
final class LiveRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRetention.class);
    /** Cap evictions are logged at most this often (with the count since the last line). */
    private static final long CAP_LOG_INTERVAL_MILLIS = 10_000;
    /**
     * Heap an item takes besides its element and channel ids: the retained record, the item, its {@code LiveData},
     * two array headers and a slot in each of two deques: about 144 bytes by the objects' layout on a 64-bit JVM with
     * compressed oops (12-byte headers, 8-byte alignment, deque slack), rounded up.
     */
    static final int ITEM_OVERHEAD_BYTES = 160;

    private final long backScanMillis;
    private final long maxBytes;
    private final LongSupplier clockMillis;
    private final Map<Integer, PartitionItems> partitions = new TreeMap<>();
    private long bytes;
    private long items;
    private long cappedItems;
    private long cappedSinceLog;
    private long lastCapLog = Long.MIN_VALUE;

    /** @param clockMillis wall clock in ms ({@code System::currentTimeMillis}; tests pass their own) */
    LiveRetention(Duration backScan, long maxBytes, LongSupplier clockMillis) {
        this.backScanMillis = backScan.toMillis();
        this.maxBytes = maxBytes;
        this.clockMillis = clockMillis;
    }

    /** Keeps the items of one record (offsets grow per partition), then applies the byte cap. */
    void add(int partition, long offset, String identity, List<TelemetryItem> added) {
        add(partition, offset, identity, RecordItems.decoded(added));
    }

    /**
     * Keeps one record (offsets grow per partition), decoded or not, then applies the byte cap. Its bytes are counted
     * as they are now and again once it is decoded.
     */
    synchronized void add(int partition, long offset, String identity, RecordItems record) {
        long now = clockMillis.getAsLong();
        Retained retained = new Retained(offset, now, identity, record, record.heapBytes());
        if (!record.isDecoded()) {
            record.onDecoded(decoded -> decoded(retained));
        }
        partitions.computeIfAbsent(partition, p -> new PartitionItems()).add(retained);
        bytes += retained.accounted;
        this.items++;
        enforceCap(now);
    }

    /** A retained record was decoded (on any thread): count what it holds now. */
    private synchronized void decoded(Retained retained) {
        if (retained.dropped) {
            return;
        }
        long now = retained.record.heapBytes();
        bytes += now - retained.accounted;
        retained.accounted = now;
        enforceCap(clockMillis.getAsLong());
    }

    /** The Streams application committed up to (excluding) {@code offset} in {@code partition}. */
    synchronized void committed(int partition, long offset) {
        partitions.computeIfAbsent(partition, p -> new PartitionItems()).committed(offset, clockMillis.getAsLong());
    }

    /** Drops what the REST API serves and is older than the back-scan. */
    synchronized void evict() {
        long oldest = clockMillis.getAsLong() - backScanMillis;
        for (PartitionItems partition : partitions.values()) {
            long committed = partition.committedBefore(oldest);
            while (!partition.isEmpty() && partition.head().offset < committed
                    && partition.head().arrival <= oldest) {
                drop(partition);
            }
        }
    }

    /**
     * The retained items of a session, in offset order (partition by partition should a session span several). Records
     * not decoded yet are decoded here, outside the lock, so an attach never holds up the tail.
     */
    List<TelemetryItem> snapshot(String identity) {
        List<RecordItems> records = new ArrayList<>();
        synchronized (this) {
            for (PartitionItems partition : partitions.values()) {
                ArrayDeque<Retained> session = partition.bySession.get(identity);
                if (session != null) {
                    session.forEach(retained -> records.add(retained.record));
                }
            }
        }
        List<TelemetryItem> snapshot = new ArrayList<>();
        records.forEach(record -> snapshot.addAll(record.items()));
        return snapshot;
    }

    synchronized long bytes() {
        return bytes;
    }

    /** Records kept (each the items of one telemetry record, decoded or not). */
    synchronized long items() {
        return items;
    }

    /** Records dropped by the byte cap before the REST API was known to serve them. */
    synchronized long cappedItems() {
        return cappedItems;
    }

    private void enforceCap(long now) {
        long capped = 0;
        while (bytes > maxBytes) {
            drop(oldestPartition());
            capped++;
        }
        if (capped == 0) {
            return;
        }
        cappedItems += capped;
        cappedSinceLog += capped;
        if (lastCapLog == Long.MIN_VALUE || now - lastCapLog >= CAP_LOG_INTERVAL_MILLIS) {
            LOG.warn("Live retention is full ({} bytes): dropped {} record(s) the REST API may not serve yet; a "
                    + "back-fill can have a gap (raise LiveRetentionSize)", maxBytes, cappedSinceLog);
            cappedSinceLog = 0;
            lastCapLog = now;
        }
    }

    private PartitionItems oldestPartition() {
        PartitionItems oldest = null;
        for (PartitionItems partition : partitions.values()) {
            if (!partition.isEmpty() && (oldest == null || partition.head().arrival < oldest.head().arrival)) {
                oldest = partition;
            }
        }
        return oldest;
    }

    private void drop(PartitionItems partition) {
        Retained dropped = partition.removeHead();
        dropped.dropped = true;
        bytes -= dropped.accounted;
        items--;
    }

    /** What one retained item holds on the heap. */
    static long heapBytes(TelemetryItem item) {
        return item.data().size() + 4L * item.data().channelIds().length + ITEM_OVERHEAD_BYTES;
    }

    /** A record kept; {@code accounted} and {@code dropped} are guarded by the retention's lock. */
    private static final class Retained {
        private final long offset;
        private final long arrival;
        private final String identity;
        private final RecordItems record;
        private long accounted;
        private boolean dropped;

        Retained(long offset, long arrival, String identity, RecordItems record, long accounted) {
            this.offset = offset;
            this.arrival = arrival;
            this.identity = identity;
            this.record = record;
            this.accounted = accounted;
        }
    }

    /** A committed offset and when it was first seen. */
    private record CommitSeen(long offset, long seenMillis) {
    }

    /** One partition's items in offset order, the same items per session, and the commits seen within the margin. */
    private static final class PartitionItems {
        private final ArrayDeque<Retained> items = new ArrayDeque<>();
        private final Map<String, ArrayDeque<Retained>> bySession = new HashMap<>();
        /** Increasing offsets; the head may be older than the margin (the newest such commit is kept). */
        private final ArrayDeque<CommitSeen> commits = new ArrayDeque<>();

        void committed(long offset, long nowMillis) {
            CommitSeen last = commits.peekLast();
            if (last != null && offset < last.offset) {
                // the application was reset (or its topic re-created): earlier commits no longer hold
                commits.clear();
            }
            if (last == null || offset != last.offset) {
                commits.addLast(new CommitSeen(offset, nowMillis));
            }
        }

        /** The highest committed offset seen at or before {@code oldest}; nothing committed then: none. */
        long committedBefore(long oldest) {
            CommitSeen safe = null;
            while (!commits.isEmpty() && commits.peekFirst().seenMillis <= oldest) {
                safe = commits.pollFirst();
            }
            if (safe == null) {
                return Long.MIN_VALUE;
            }
            commits.addFirst(safe);
            return safe.offset;
        }

        void add(Retained retained) {
            items.addLast(retained);
            bySession.computeIfAbsent(retained.identity, i -> new ArrayDeque<>()).addLast(retained);
        }

        boolean isEmpty() {
            return items.isEmpty();
        }

        Retained head() {
            return items.peekFirst();
        }

        /** A session's items are a subsequence of the partition's, so its oldest is the partition's oldest. */
        Retained removeHead() {
            Retained head = items.removeFirst();
            ArrayDeque<Retained> session = bySession.get(head.identity);
            session.removeFirst();
            if (session.isEmpty()) {
                bySession.remove(head.identity);
            }
            return head;
        }
    }
}
