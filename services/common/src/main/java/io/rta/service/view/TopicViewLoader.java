package io.rta.service.view;

import io.dropwizard.lifecycle.Managed;
import io.rta.schemas.RegistryUnavailableException;
import io.rta.service.kafka.ClientLag;
import io.rta.service.kafka.FetchSettings;
import io.rta.service.metrics.ProcessMetrics;
import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds in-memory views from compacted topics: reads every partition of its topics from the beginning (committed
 * records only, no consumer group), hands each record to the topic's handler on one thread, and keeps following.
 * {@link #awaitCaughtUp} tells when the views hold everything that was in the topics at start-up.
 *
 * <p>A record a handler cannot read is one of two things. When the cause is transient — the schema registry is
 * unavailable ({@link RegistryUnavailableException#isCauseOf}) — the record is fine and the view must not lose it:
 * its partition goes back to it and pauses, the record is tried again after a back-off (doubling from
 * {@link #FIRST_RETRY_PAUSE} to {@link #LONGEST_RETRY_PAUSE}), and no later record of that partition is applied before
 * it; other partitions go on; {@link #health()} says what it is waiting for. Any other exception means the record
 * itself is bad: it is skipped, counted in {@link #skipped()} and logged once (the Streams topologies set such records
 * aside as dead letters; the loader does not). Anything else that escapes — an {@link Error}, a failing
 * {@link Handler#afterBatch} or consumer — stops the loader, and {@link #failure()} and {@link #health()} say so: it
 * never stops silently.
 */
public final class TopicViewLoader implements Managed, AutoCloseable {

    /** Receives the records of one topic, in offset order per partition, on the loader thread. */
    public interface Handler {
        /**
         * Applies one record (or buffers it until {@link #afterBatch}). An exception whose cause chain holds a
         * {@link RegistryUnavailableException} makes the loader hand the same record again later; any other
         * exception skips it. Either way the handler must not have applied part of it.
         */
        void handle(ConsumerRecord<byte[], byte[]> record);

        /** Called after a batch of records was handled; the view may publish what changed. */
        default void afterBatch() {
        }
    }

    /** How long a partition waits before a record that failed for a transient reason is tried again, at first. */
    public static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(200);
    /** The longest wait between tries of one record (the pause doubles until it reaches this). */
    public static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(TopicViewLoader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    /** How often a loader started before its topics exist asks again. */
    static final Duration TOPIC_RECHECK = Duration.ofSeconds(1);

    private final String name;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Map<String, Handler> handlers;
    private final Duration firstRetryPause;
    private final Duration longestRetryPause;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong skipped = new AtomicLong();
    /** Partitions going back to a record that failed for a transient reason; loader thread only. */
    private final Map<TopicPartition, Retry> retries = new HashMap<>();
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Throwable failure;
    private volatile String waiting;
    /** A topic of the view that does not exist yet (whoever creates it has not started), or null. */
    private volatile String missingTopic;
    private Thread thread;

    public TopicViewLoader(String name, Map<String, Object> kafkaConfig, Map<String, Handler> handlers) {
        this(name, () -> newConsumer(kafkaConfig), handlers, FIRST_RETRY_PAUSE, LONGEST_RETRY_PAUSE);
    }

    /** With the consumer's metrics ({@code kafka_consumer_*}) bound to the process's. */
    public TopicViewLoader(String name, Map<String, Object> kafkaConfig, Map<String, Handler> handlers,
                           ProcessMetrics metrics) {
        this(name, () -> metrics.bindConsumer(newConsumer(kafkaConfig)), handlers, FIRST_RETRY_PAUSE,
                LONGEST_RETRY_PAUSE);
    }

    /** With the consumer and back-off given: for tests. */
    TopicViewLoader(String name, Supplier<Consumer<byte[], byte[]>> consumers, Map<String, Handler> handlers,
                    Duration firstRetryPause, Duration longestRetryPause) {
        this.name = name;
        this.consumers = consumers;
        this.handlers = Map.copyOf(handlers);
        this.firstRetryPause = firstRetryPause;
        this.longestRetryPause = longestRetryPause;
    }

    private static Consumer<byte[], byte[]> newConsumer(Map<String, Object> kafkaConfig) {
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FetchSettings.IDLE_FETCH_WAIT_MS);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Records of the view's topics it has not loaded yet (its consumer's {@code records-lag}, from the client's own
     * metrics: no broker round trip); 0 before the loader started or fetched anything.
     */
    public double recordsBehind() {
        Consumer<byte[], byte[]> current = consumer;
        if (current == null) {
            return 0;
        }
        var metrics = current.metrics();
        return handlers.keySet().stream().mapToDouble(topic -> ClientLag.recordsBehind(metrics, topic)).sum();
    }

    @Override
    public void start() {
        consumer = consumers.get();
        running.set(true);
        thread = new Thread(this::run, "view-loader-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = assignAll();
            Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions));
            checkCaughtUp(endAtStart);
            while (running.get()) {
                resumeDueRetries();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    for (TopicPartition partition : records.partitions()) {
                        handle(partition, records.records(partition));
                    }
                    handlers.values().forEach(Handler::afterBatch);
                }
                if (caughtUp.getCount() > 0) {
                    checkCaughtUp(endAtStart);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                stopped(e);
            }
        } catch (Throwable e) {
            stopped(e);
        } finally {
            closeConsumer();
        }
    }

    /**
     * The topic's partitions, waiting while it does not exist: a service that only reads a topic may start before the
     * service that creates it (services started together), and must not fail for that. {@link #awaitLoaded} bounds
     * the wait; {@link #health()} says what it waits for.
     */
    private List<TopicPartition> partitionsOnceCreated(String topic) throws InterruptedException {
        while (running.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(60));
            if (infos != null && !infos.isEmpty()) {
                missingTopic = null;
                return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            if (!topic.equals(missingTopic)) {
                LOG.warn("View loader '{}' waits for topic '{}' to be created", name, printable(topic));
                missingTopic = topic;
            }
            Thread.sleep(TOPIC_RECHECK.toMillis());
        }
        throw new WakeupException();
    }

    private void stopped(Throwable e) {
        failure = e;
        LOG.error("View loader '{}' stopped; its view is no longer updated: {}", name, printable(describe(e)), e);
    }

    private void closeConsumer() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.warn("View loader '{}' could not close its consumer: {}", name, describe(e));
        }
    }

    /**
     * Hands one partition's records over in order; at the first one that must wait, the partition goes back to it
     * and pauses, and the records after it are left for later.
     */
    private void handle(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            RuntimeException transientFailure = handle(record);
            if (transientFailure != null) {
                consumer.seek(partition, record.offset());
                consumer.pause(List.of(partition));
                waitBeforeRetrying(partition, record, transientFailure);
                return;
            }
            if (!retries.isEmpty()) {
                Retry resolved = retries.remove(partition);
                if (resolved != null) {
                    LOG.info("View '{}' read {}@{} after {} failed attempt(s); the partition goes on", name,
                            partition, resolved.offset, resolved.failures);
                    describeWaiting();
                }
            }
        }
    }

    /** Applies or skips a record; returns the exception when it failed for a transient reason (retry it). */
    private RuntimeException handle(ConsumerRecord<byte[], byte[]> record) {
        try {
            handlers.get(record.topic()).handle(record);
            return null;
        } catch (RuntimeException e) {
            if (RegistryUnavailableException.isCauseOf(e)) {
                return e;
            }
            skipped.incrementAndGet();
            LOG.error("View '{}' skipped the unreadable record at {}-{}@{}: {}", name, record.topic(),
                    record.partition(), record.offset(), printable(describe(e)));
            return null;
        }
    }

    private void waitBeforeRetrying(TopicPartition partition, ConsumerRecord<byte[], byte[]> record,
                                    RuntimeException cause) {
        Retry previous = retries.get(partition);
        Retry retry = previous != null && previous.offset == record.offset()
                ? previous.again(cause, longestRetryPause)
                : new Retry(record.offset(), 1, firstRetryPause, cause);
        retries.put(partition, retry);
        if (retry.failures == 1) {
            LOG.warn("View '{}' waits for the schema registry before {}@{} (no later record of the partition is "
                    + "applied before it): {}", name, partition, record.offset(), printable(registryProblem(cause)));
        } else {
            LOG.debug("View '{}' still waits for the schema registry before {}@{} ({} failed attempts): {}", name,
                    partition, record.offset(), retry.failures, registryProblem(cause));
        }
        describeWaiting();
    }

    private void resumeDueRetries() {
        long now = System.nanoTime();
        List<TopicPartition> due = new ArrayList<>();
        for (Iterator<Map.Entry<TopicPartition, Retry>> it = retries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, Retry> entry = it.next();
            if (entry.getValue().paused && now - entry.getValue().resumeAt >= 0) {
                entry.getValue().paused = false;
                due.add(entry.getKey());
            }
        }
        if (!due.isEmpty()) {
            consumer.resume(due);
        }
    }

    /** What {@link #health()} says while partitions wait; null when none does. */
    private void describeWaiting() {
        if (retries.isEmpty()) {
            waiting = null;
            return;
        }
        Map.Entry<TopicPartition, Retry> first = retries.entrySet().iterator().next();
        Retry retry = first.getValue();
        waiting = String.format(Locale.ROOT, "%s@%d waits (%d failed attempt(s)%s): %s", first.getKey(),
                retry.offset, retry.failures, retries.size() > 1 ? "; " + retries.size() + " partitions wait" : "",
                printable(registryProblem(retry.cause)));
    }

    /** One partition going back to one record. */
    private static final class Retry {
        final long offset;
        final int failures;
        final Duration pause;
        final long resumeAt;
        final RuntimeException cause;
        boolean paused = true;

        Retry(long offset, int failures, Duration pause, RuntimeException cause) {
            this.offset = offset;
            this.failures = failures;
            this.pause = pause;
            this.resumeAt = System.nanoTime() + pause.toNanos();
            this.cause = cause;
        }

        Retry again(RuntimeException newCause, Duration longest) {
            Duration doubled = pause.multipliedBy(2);
            return new Retry(offset, failures + 1, doubled.compareTo(longest) > 0 ? longest : doubled, newCause);
        }
    }

    /** Records skipped because they could not be read (never those that waited for the registry). */
    public long skipped() {
        return skipped.get();
    }

    private List<TopicPartition> assignAll() throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : handlers.keySet()) {
            partitions.addAll(partitionsOnceCreated(topic));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private void checkCaughtUp(Map<TopicPartition, Long> endAtStart) {
        endAtStart.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        if (endAtStart.isEmpty() && caughtUp.getCount() > 0) {
            LOG.info("View '{}' loaded", name);
            caughtUp.countDown();
        }
    }

    /** Waits until the views hold what the topics held at start-up; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Start-up: waits until the views hold what the topics held at start-up, logging progress every 5 s.
     *
     * @throws IllegalStateException when the loader fails or {@code timeout} passes first
     */
    public void awaitLoaded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!awaitCaughtUp(Duration.ofSeconds(5))) {
            Throwable stoppedBy = failure;
            if (stoppedBy != null) {
                throw new IllegalStateException("the " + name + " view could not load: " + describe(stoppedBy),
                        stoppedBy);
            }
            String waitingFor = waiting;
            String topic = missingTopic;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + name + " view did not load within " + timeout.toMillis()
                        + " ms" + (topic == null ? "" : "; topic '" + printable(topic) + "' does not exist")
                        + (waitingFor == null ? "" : "; waiting for the schema registry: " + waitingFor));
            }
            if (topic != null) {
                LOG.info("Loading the {} view from Kafka: waiting for topic '{}' to be created", name,
                        printable(topic));
            } else if (waitingFor == null) {
                LOG.info("Loading the {} view from Kafka ...", name);
            } else {
                LOG.info("Loading the {} view from Kafka: waiting for the schema registry: {}", name, waitingFor);
            }
        }
    }

    /**
     * Whether the loader is running and caught up, or why not: for {@code /health}. Unhealthy while it waits for the
     * schema registry (the view then lags the topics) and, for good, once it has stopped.
     */
    public HealthCheck.Result health() {
        Throwable stoppedBy = failure;
        if (stoppedBy != null) {
            return HealthCheck.Result.unhealthy("stopped: " + printable(describe(stoppedBy)));
        }
        if (!isRunning()) {
            return HealthCheck.Result.unhealthy(thread == null ? "not started" : "stopped");
        }
        String topic = missingTopic;
        if (topic != null) {
            return HealthCheck.Result.unhealthy("waiting for topic '" + printable(topic) + "' to be created");
        }
        String waitingFor = waiting;
        if (waitingFor != null) {
            return HealthCheck.Result.unhealthy("waiting for the schema registry: " + waitingFor);
        }
        if (!isCaughtUp()) {
            return HealthCheck.Result.unhealthy("loading");
        }
        long skippedRecords = skipped.get();
        return HealthCheck.Result.healthy(skippedRecords == 0 ? "loaded"
                : "loaded; " + skippedRecords + " unreadable record(s) skipped");
    }

    /** Null unless partitions wait for the schema registry; then which, since which attempt, and why. */
    public String waitingFor() {
        return waiting;
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Null while the loader runs (or was closed); the error that stopped it otherwise. */
    public Throwable failure() {
        return failure;
    }

    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    public String name() {
        return name;
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The registry's own words when the cause chain has them, else the exception's. */
    private static String registryProblem(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RegistryUnavailableException) {
                return cause.getMessage();
            }
        }
        return describe(error);
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + message;
    }

    /** Control characters escaped: record contents may reach these messages, and they go to logs and /health. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
