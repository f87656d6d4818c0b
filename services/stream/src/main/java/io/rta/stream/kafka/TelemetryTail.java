package io.rta.stream.kafka;

import io.rta.schemas.AvroSerde;
import io.rta.schemas.RegistryUnavailableException;
import io.rta.service.kafka.ClientLag;
import io.rta.service.kafka.FetchSettings;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.topology.data.BurstValidator;
import io.rta.topology.errors.LogText;
import io.rta.topology.limits.InputLimits;
import java.util.HashSet;
import java.util.Set;

import io.rta.events.TelemetryBatch;
import io.rta.topology.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of {@code rta.telemetry} in the process: it is {@code assign}ed every partition (no consumer group,
 * so it never waits for a rebalance), starts each a back-scan before what the REST API serves, follows partitions
 * added to the topic while it runs from their beginning (within twice {@link #PARTITION_CHECK}), and hands every
 * record's items to a {@link Sink} on its own thread. A record the chunk view would set aside is logged, counted and
 * skipped (so are its invalid bursts); one whose schema cannot be resolved while the registry is down is read again.
 */
final class TelemetryTail implements AutoCloseable {

    /** Receives the telemetry on the tail's thread. */
    interface Sink {
        /**
         * One record, its items decoded when first asked for (its header and writer schema are known good); offsets
         * grow per partition.
         */
        void record(int partition, long offset, String identity, RecordItems items);

        /** Called after each poll, data or not (at least every {@link #POLL_TIMEOUT}). */
        void afterPoll();

        /** The tail stopped for good on {@code failure}: nothing more will be fanned out. */
        void failed(Throwable failure);
    }

    static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /**
     * How often the tail looks for partitions added to the topic, and how old its metadata may get (the consumer's
     * {@code metadata.max.age.ms}, which a consumer configuration given to it overrides): an added partition is found
     * within twice this.
     */
    static final Duration PARTITION_CHECK = Duration.ofSeconds(15);
    /** The longest a look for added partitions may wait for the metadata (it holds up the tail meanwhile). */
    private static final Duration PARTITION_LOOK_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryTail.class);

    private final Topic<String, TelemetryBatch> topic;
    private final Map<String, Object> consumerConfig;
    private final ProcessMetrics metrics;
    private final StreamsCommits commits;
    private final Duration backScan;
    private final Sink sink;
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong skipped = new AtomicLong();
    private volatile List<TopicPartition> partitions = List.of();
    private volatile Throwable failure;
    private final InputLimits limits;
    private final long partitionCheckMillis;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    /** Consecutive polls held up by an unavailable schema registry (back-off). */
    private int registryWaits;
    private Thread thread;

    /** @param metrics where the consumer's metrics ({@code kafka_consumer_*}) go */
    TelemetryTail(Topic<String, TelemetryBatch> topic, Map<String, Object> consumerConfig, ProcessMetrics metrics,
                  StreamsCommits commits, Duration backScan, InputLimits limits, Sink sink) {
        this.metrics = metrics;
        this.topic = topic;
        this.limits = limits;
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.commits = commits;
        this.backScan = backScan;
        this.sink = sink;
        this.partitionCheckMillis = partitionCheckMillis(consumerConfig);
    }

    /**
     * How often to look for added partitions: the consumer configuration's {@code metadata.max.age.ms} (a
     * {@code Kafka:} option of the process), else {@link #PARTITION_CHECK}.
     *
     * @throws IllegalArgumentException when that property is not a whole number of milliseconds, 0 or more
     */
    static long partitionCheckMillis(Map<String, Object> consumerConfig) {
        Object age = consumerConfig.get(ConsumerConfig.METADATA_MAX_AGE_CONFIG);
        if (age == null) {
            return PARTITION_CHECK.toMillis();
        }
        try {
            long millis = Long.parseLong(age.toString().strip());
            if (millis >= 0) {
                return millis;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException("Kafka:" + ConsumerConfig.METADATA_MAX_AGE_CONFIG + " must be a whole "
                + "number of milliseconds, 0 or more; got '" + age + "'");
    }

    void start() {
        Properties props = new Properties();
        props.putAll(consumerConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only what the chunk view will also hold: no aborted transactions of pipelines.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Live latency: answer a fetch as soon as one record is there (the wait applies only when nothing is new).
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FetchSettings.IDLE_FETCH_WAIT_MS);
        // partitions added to the topic show in the metadata within this, and are looked for as often
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, Long.toString(partitionCheckMillis));
        consumer = metrics.bindConsumer(new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()));
        running.set(true);
        thread = new Thread(this::run, "live-telemetry-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            positionWithRetries();
            long checkNanos = TimeUnit.MILLISECONDS.toNanos(partitionCheckMillis);
            long nextPartitionCheck = System.nanoTime() + checkNanos;
            while (running.get()) {
                if (System.nanoTime() - nextPartitionCheck >= 0) {
                    followAddedPartitions();
                    nextPartitionCheck = System.nanoTime() + checkNanos;
                }
                Set<TopicPartition> waiting = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (!waiting.contains(partition) && !handle(record)) {
                        // read it again once the registry answers; nothing after it in its partition goes first
                        consumer.seek(partition, record.offset());
                        waiting.add(partition);
                    }
                }
                sink.afterPoll();
                awaitRegistry(!waiting.isEmpty());
            }
        } catch (WakeupException e) {
            if (running.get()) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("Live telemetry tail of {} stopped: {}", topic.name(), e.toString(), e);
            sink.failed(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The brokers or the group may be unreachable for a moment at start-up: retry until positioned or closed. */
    private void positionWithRetries() throws InterruptedException {
        while (running.get()) {
            try {
                position();
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (Exception e) {
                failure = e;
                LOG.warn("Live telemetry tail could not position on {} (retrying in {} ms): {}", topic.name(),
                        RETRY_DELAY.toMillis(), e.toString());
                closing.await(RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void position() throws Exception {
        List<PartitionInfo> infos = consumer.partitionsFor(topic.name());
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic '" + topic.name() + "' does not exist");
        }
        List<TopicPartition> all = new ArrayList<>();
        infos.forEach(info -> all.add(new TopicPartition(topic.name(), info.partition())));
        consumer.assign(all);
        Map<TopicPartition, Long> committed = commits.read(all);
        long since = System.currentTimeMillis() - backScan.toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        all.forEach(partition -> times.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> atBackScan = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> ends = consumer.endOffsets(all);
        for (TopicPartition partition : all) {
            OffsetAndTimestamp back = atBackScan.get(partition);
            long start = startOffset(committed.get(partition), back == null ? null : back.offset(),
                    ends.get(partition));
            consumer.seek(partition, start);
            LOG.info("Live telemetry tail reads {} from offset {} (Streams committed {}, back-scan {} s, end {})",
                    partition, start, committed.get(partition), backScan.toSeconds(),
                    ends.get(partition));
        }
        partitions = List.copyOf(all);
        failure = null;
        positioned.countDown();
    }

    /**
     * Starts reading the partitions added to the topic since the last look, from their beginning: every record in
     * them was written after this tail started (and a partition is young when it is found). Without this, records a
     * pipeline writes to an added partition would reach live clients only after a restart. The partitions come from
     * the consumer's metadata ({@link #PARTITION_CHECK} old at most, fetched within {@link #PARTITION_LOOK_TIMEOUT}
     * when it lacks the topic); a failed look is logged and tried again later.
     */
    private void followAddedPartitions() {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic.name(), PARTITION_LOOK_TIMEOUT);
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Live telemetry tail could not look for partitions added to {} (trying again in {} ms): {}",
                    topic.name(), partitionCheckMillis, e.toString());
            return;
        }
        if (infos == null) {
            return;
        }
        Set<TopicPartition> followed = new HashSet<>(partitions);
        List<TopicPartition> added = new ArrayList<>();
        for (PartitionInfo info : infos) {
            TopicPartition partition = new TopicPartition(topic.name(), info.partition());
            if (!followed.contains(partition)) {
                added.add(partition);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        added.sort(Comparator.comparingInt(TopicPartition::partition));
        List<TopicPartition> all = new ArrayList<>(partitions);
        all.addAll(added);
        // the partitions followed so far keep their positions
        consumer.assign(all);
        consumer.seekToBeginning(added);
        partitions = List.copyOf(all);
        LOG.info("Live telemetry tail follows {} partition(s) added to {} from their beginning: {}", added.size(),
                topic.name(), added);
    }

    /**
     * Where a partition is read from: the earlier of what the REST API does not serve yet (the committed offset) and
     * the back-scan. With nothing committed (a new deployment, or the Streams application not started yet) only the
     * back-scan counts, so a tail never re-reads a partition's whole history.
     *
     * @param committed  the Streams application's committed offset, or null
     * @param atBackScan the first offset at or after now - back-scan, or null when no record is that recent
     * @param end        the partition's end (last stable) offset
     */
    static long startOffset(Long committed, Long atBackScan, long end) {
        long back = atBackScan == null ? end : atBackScan;
        return committed == null ? back : Math.min(committed, back);
    }

    /**
     * Hands a record on, to be decoded when a client needs it: exactly what the chunk view applies (a record or burst
     * it sets aside as a dead letter is not streamed either, so live and REST agree). The key, the value's header and
     * its writer schema are checked here; the bursts when decoded ({@link #items}).
     *
     * @return false when the record must be read again later: its schema could not be resolved because the registry
     *     is unavailable (skipping it would leave live clients without data the chunk view will serve)
     */
    private boolean handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return true;
        }
        String identity;
        try {
            if (record.key() == null) {
                throw new IllegalArgumentException("the record has no key (the data identity)");
            }
            identity = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
            String problem = limits.identityProblem("record key (data identity)", identity);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            if (topic.valueSerde() instanceof AvroSerde<?> avro) {
                avro.requireWriterSchema(record.topic(), record.value());
            }
        } catch (RuntimeException e) {
            if (RegistryUnavailableException.isCauseOf(e)) {
                if (registryWaits == 0) {
                    LOG.warn("Live telemetry tail waits for the schema registry to read {}-{}@{}: {}", record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                }
                failure = e;
                return false;
            }
            skip(record.topic(), record.partition(), record.offset(), e);
            return true;
        }
        String name = record.topic();
        int partition = record.partition();
        long offset = record.offset();
        sink.record(partition, offset, identity,
                RecordItems.undecoded(record.value(), value -> items(name, partition, offset, value)));
        return true;
    }

    /** The valid bursts of a record's value, as wire items; none (logged, counted) when it cannot be decoded. */
    private List<TelemetryItem> items(String name, int partition, long offset, byte[] value) {
        try {
            List<TelemetryItem> items = new ArrayList<>();
            for (Object burst : topic.valueSerde().deserializer().deserialize(name, value).getBursts()) {
                if (BurstValidator.problem(burst, limits) == null) {
                    items.add(LiveItems.of(burst));
                }
            }
            return items;
        } catch (RuntimeException e) {
            skip(name, partition, offset, e);
            return List.of();
        }
    }

    private void skip(String name, int partition, long offset, RuntimeException e) {
        skipped.incrementAndGet();
        LOG.warn("Live telemetry tail skipped the record at {}-{}@{} (the chunk view sets it aside too): {}",
                name, partition, offset, LogText.escape(e.getMessage()));
    }

    /** After a poll that met an unavailable registry: waits 200 ms, doubling to 10 s; resets once records flow. */
    private void awaitRegistry(boolean waiting) throws InterruptedException {
        if (!waiting) {
            if (registryWaits > 0) {
                LOG.info("Live telemetry tail reads on: the schema registry answers again");
                registryWaits = 0;
                failure = null;
            }
            return;
        }
        long pause = Math.min(10_000L, 200L << Math.min(registryWaits, 6));
        registryWaits++;
        closing.await(pause, TimeUnit.MILLISECONDS);
    }

    /** The partitions read, once positioned. */
    List<TopicPartition> partitions() {
        return partitions;
    }

    boolean isPositioned() {
        return positioned.getCount() == 0;
    }

    /** Waits until every partition has its start position; false on timeout. */
    boolean awaitPositioned(Duration timeout) throws InterruptedException {
        return positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /** Null while healthy; what stopped (or is holding up) the tail otherwise. */
    Throwable failure() {
        return failure;
    }

    /** Records skipped because they could not be decoded. */
    /** Records of the topic not read yet (the consumer's own {@code records-lag}: no broker round trip). */
    double recordsBehind() {
        Consumer<byte[], byte[]> current = consumer;
        return current == null ? 0 : ClientLag.recordsBehind(current.metrics(), topic.name());
    }

    long skipped() {
        return skipped.get();
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            closing.countDown();
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
