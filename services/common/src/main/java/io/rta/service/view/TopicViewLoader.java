package io.rta.service.view;

import io.dropwizard.lifecycle.Managed;
import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 */
public final class TopicViewLoader implements Managed, AutoCloseable {

    /** Receives the records of one topic, in offset order per partition, on the loader thread. */
    public interface Handler {
        void handle(ConsumerRecord<byte[], byte[]> record);

        /** Called after a batch of records was handled; the view may publish what changed. */
        default void afterBatch() {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicViewLoader.class);

    private final String name;
    private final Map<String, Object> kafkaConfig;
    private final Map<String, Handler> handlers;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Throwable failure;
    private volatile long skipped;
    private Thread thread;

    public TopicViewLoader(String name, Map<String, Object> kafkaConfig, Map<String, Handler> handlers) {
        this.name = name;
        this.kafkaConfig = kafkaConfig;
        this.handlers = Map.copyOf(handlers);
    }

    @Override
    public void start() {
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
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
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    handlers.values().forEach(Handler::afterBatch);
                }
                if (caughtUp.getCount() > 0) {
                    checkCaughtUp(endAtStart);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                failure = e;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("View loader '{}' stopped: {}", name, e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** A record the view cannot read is logged and skipped: one bad event must not stop the view. */
    private void handle(ConsumerRecord<byte[], byte[]> record) {
        try {
            handlers.get(record.topic()).handle(record);
        } catch (RuntimeException e) {
            skipped++;
            LOG.error("View '{}' skipped the unreadable record at {}-{}@{}: {}", name, record.topic(),
                    record.partition(), record.offset(), e.toString());
        }
    }

    /** Records skipped because they could not be read. */
    public long skipped() {
        return skipped;
    }

    private List<TopicPartition> assignAll() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : handlers.keySet()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(60));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic '" + topic + "' does not exist");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
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
            if (failure != null) {
                throw new IllegalStateException("the " + name + " view could not load: " + failure, failure);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + name + " view did not load within " + timeout.toMillis()
                        + " ms");
            }
            LOG.info("Loading the {} view from Kafka ...", name);
        }
    }

    /** Whether the loader is running and caught up, or why not: for {@code /health}. */
    public HealthCheck.Result health() {
        return isRunning() && isCaughtUp() ? HealthCheck.Result.healthy("loaded")
                : HealthCheck.Result.unhealthy(failure == null ? "loading"
                : failure.toString());
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Null while healthy; the error that stopped the loader otherwise. */
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
}
