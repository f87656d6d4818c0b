package io.rta.service.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rta.schemas.RegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loader's handling of records it cannot read, with handlers that fail on purpose. The consumer is Kafka's
 * {@link MockConsumer} replaying a log (so that seeking back re-delivers, as a broker does); {@code TopicViewLoaderIT}
 * does the same against a real broker.
 */
class TopicViewLoaderTest {

    private static final String TOPIC = "views";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ReplayingConsumer consumer = new ReplayingConsumer();
    private final List<String> applied = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private TopicViewLoader loader;

    @AfterEach
    void stopLoader() {
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    void shouldRetryARecordWhileTheRegistryIsUnavailableAndKeepItsPartitionInOrder() {
        consumer.append(P0, "a", "b-registry-down-3-times", "c");
        consumer.append(P1, "x", "y");

        start(this::failAsTold);

        await().atMost(WAIT).until(() -> applied.size() == 5);
        assertThat(applied).containsSubsequence("a", "b-registry-down-3-times", "c").contains("x", "y");
        assertThat(attempts.get("b-registry-down-3-times")).hasValue(4);
        assertThat(loader.skipped()).isZero();
        await().atMost(WAIT).until(loader::isCaughtUp);
        assertThat(loader.health().isHealthy()).isTrue();
        assertThat(loader.waitingFor()).isNull();
    }

    @Test
    void shouldSayItWaitsForTheRegistryAndNotBeCaughtUpMeanwhile() {
        consumer.append(P0, "a", "b-registry-down-1000-times", "c");
        consumer.append(P1, "x");

        start(this::failAsTold);

        await().atMost(WAIT).until(() -> attempts.get("b-registry-down-1000-times") != null
                && attempts.get("b-registry-down-1000-times").get() >= 3);
        assertThat(applied).containsExactlyInAnyOrder("a", "x");
        assertThat(loader.isCaughtUp()).isFalse();
        assertThat(loader.health().isHealthy()).isFalse();
        assertThat(loader.health().getMessage())
                .startsWith("waiting for the schema registry: views-0@1 waits (")
                .contains("Schema registry GET http://registry/schemas/ids/7 failed");
        assertThat(loader.failure()).isNull();
        assertThat(loader.isRunning()).isTrue();
    }

    @Test
    void shouldSkipAPermanentlyUnreadableRecordOnceAndGoOn() {
        consumer.append(P0, "a", "b-bad", "c");

        start(this::failAsTold);

        await().atMost(WAIT).until(() -> applied.size() == 2);
        assertThat(applied).containsExactly("a", "c");
        assertThat(attempts.get("b-bad")).hasValue(1);
        assertThat(loader.skipped()).isEqualTo(1);
        await().atMost(WAIT).until(loader::isCaughtUp);
        assertThat(loader.health().getMessage()).isEqualTo("loaded; 1 unreadable record(s) skipped");
    }

    @Test
    void shouldSaySoWhenAnErrorStopsIt() {
        consumer.append(P0, "a", "b-error", "c");

        start(this::failAsTold);

        await().atMost(WAIT).until(() -> loader.failure() != null);
        await().atMost(WAIT).until(() -> !loader.isRunning());
        assertThat(applied).containsExactly("a");
        assertThat(loader.failure()).isInstanceOf(StackOverflowError.class);
        assertThat(loader.health().isHealthy()).isFalse();
        assertThat(loader.health().getMessage()).isEqualTo("stopped: StackOverflowError: thrown on purpose");
    }

    @Test
    void shouldEscapeControlCharactersInWhatItReports() {
        consumer.append(P0, "a", "b-error-\u001b[2J");

        start(this::failAsTold);

        await().atMost(WAIT).until(() -> loader.failure() != null);
        assertThat(loader.health().getMessage()).contains("purpose-\\u001b[2J").doesNotContain("\u001b");
    }

    @Test
    void shouldWaitForItsTopicToBeCreatedAndThenLoadIt() throws Exception {
        loader = new TopicViewLoader("test", () -> consumer, Map.of(TOPIC, this::failAsTold), Duration.ofMillis(10),
                Duration.ofMillis(40));
        loader.start();

        await().atMost(WAIT).until(() -> !loader.health().isHealthy()
                && loader.health().getMessage().equals("waiting for topic 'views' to be created"));
        assertThat(loader.isRunning()).isTrue();
        assertThat(loader.isCaughtUp()).isFalse();

        consumer.updatePartitions(TOPIC, List.of(partition(0), partition(1)));
        consumer.append(P0, "a");
        consumer.append(P1, "b");

        loader.awaitLoaded(WAIT);
        assertThat(applied).containsExactlyInAnyOrder("a", "b");
        assertThat(loader.health().isHealthy()).isTrue();
    }

    @Test
    void shouldNameTheMissingTopicWhenItGivesUpLoading() {
        loader = new TopicViewLoader("test", () -> consumer, Map.of(TOPIC, this::failAsTold), Duration.ofMillis(10),
                Duration.ofMillis(40));
        loader.start();

        assertThatThrownBy(() -> loader.awaitLoaded(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the test view did not load within 1500 ms; topic 'views' does not exist");
        loader.close();
        assertThat(loader.isRunning()).isFalse();
        assertThat(loader.failure()).isNull();
    }

    private void start(TopicViewLoader.Handler handler) {
        consumer.updatePartitions(TOPIC, List.of(partition(0), partition(1)));
        consumer.append(P0);
        consumer.append(P1);
        loader = new TopicViewLoader("test", () -> consumer, Map.of(TOPIC, handler), Duration.ofMillis(10),
                Duration.ofMillis(40));
        loader.start();
    }

    /** Values name what they do: "-registry-down-N-times", "-bad" (always), "-error" (an Error). */
    private void failAsTold(ConsumerRecord<byte[], byte[]> record) {
        String value = new String(record.value(), StandardCharsets.UTF_8);
        int attempt = attempts.computeIfAbsent(value, v -> new AtomicInteger()).incrementAndGet();
        if (value.contains("-registry-down-")) {
            int times = Integer.parseInt(value.replaceAll(".*-registry-down-(\\d+)-times", "$1"));
            if (attempt <= times) {
                throw new SerializationException("Cannot decode a Thing from topic 'views' yet",
                        new RegistryUnavailableException("Schema registry GET http://registry/schemas/ids/7 failed "
                                + "(retried for 5000 ms): cannot reach it", null));
            }
        } else if (value.endsWith("-bad")) {
            throw new SerializationException("Cannot decode a Thing from topic 'views': lies");
        } else if (value.contains("-error")) {
            throw new StackOverflowError("thrown on purpose" + value.substring(value.indexOf("-error") + 6));
        }
        applied.add(value);
    }

    private static PartitionInfo partition(int partition) {
        return new PartitionInfo(TOPIC, partition, Node.noNode(), new Node[0], new Node[0]);
    }

    /**
     * Kafka's MockConsumer forgets records once polled; a broker does not. This one keeps a log per partition and
     * hands out, on each poll, what lies at or after the position of every assigned, unpaused partition.
     */
    private static final class ReplayingConsumer extends MockConsumer<byte[], byte[]> {
        private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new HashMap<>();

        ReplayingConsumer() {
            super("earliest");
        }

        synchronized void append(TopicPartition partition, String... values) {
            List<ConsumerRecord<byte[], byte[]>> records = log.computeIfAbsent(partition, p -> new ArrayList<>());
            for (String value : values) {
                records.add(new ConsumerRecord<>(partition.topic(), partition.partition(), records.size(),
                        new byte[0], value.getBytes(StandardCharsets.UTF_8)));
            }
            updateBeginningOffsets(Map.of(partition, 0L));
            updateEndOffsets(Map.of(partition, (long) records.size()));
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            boolean any = false;
            for (TopicPartition partition : assignment()) {
                if (paused().contains(partition)) {
                    continue;
                }
                long position = position(partition);
                for (ConsumerRecord<byte[], byte[]> record : log.getOrDefault(partition, List.of())) {
                    if (record.offset() >= position) {
                        addRecord(record);
                        any = true;
                    }
                }
            }
            if (!any) {
                try {
                    wait(Math.min(timeout.toMillis(), 5)); // a broker waits for data; do not spin
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.poll(timeout);
        }
    }
}
