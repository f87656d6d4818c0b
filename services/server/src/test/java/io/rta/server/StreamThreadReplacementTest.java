package io.rta.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.server.embedded.EmbeddedKafka;
import io.rta.service.kafka.StreamsRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream thread that dies is replaced and the client keeps running (exactly-once, on a real broker): a record that
 * fails once is processed by the replacement, and one that always fails keeps the client alive, with the failures
 * counted and the replacements paused.
 */
class StreamThreadReplacementTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    static Path dataPath;
    private static EmbeddedKafka kafka;

    @TempDir
    Path stateDir;
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(dataPath, freePort());
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldReplaceAFailedThreadSoTheRecordItDiedOnIsProcessedOnce() {
        failuresLeft.set(1);
        try (StreamsRunner streams = new StreamsRunner(topology("once"), config("once"))) {
            streams.start();
            produce("once", "a", "boom", "b");

            assertThat(readOutput("once", 3)).containsExactly("a", "boom", "b");
            until(() -> streams.health().isHealthy());
            assertThat(streams.threadsReplaced().getCount()).isEqualTo(1);
            assertThat(streams.lastFailure().error()).hasRootCauseMessage("poison record 'boom'");
            assertThat(streams.isAlive()).isTrue();
            assertThat(streams.health().isHealthy()).isTrue();
            assertThat(streams.health().getMessage()).contains("1 stream thread(s) replaced since start")
                    .contains("poison record 'boom'");
        }
    }

    @Test
    void shouldStayAliveAndPauseLongerAndLongerWhileAThreadKeepsFailing() {
        failuresLeft.set(Integer.MAX_VALUE);
        StreamsRunner streams = new StreamsRunner(topology("always"), config("always"));
        streams.start();
        produce("always", "boom");

        until(() -> streams.threadsReplaced().getCount() >= 3);
        assertThat(streams.health().isHealthy()).as("not ready while the failed thread is replaced").isFalse();
        assertThat(streams.health().getMessage()).contains("replacing a failed stream thread");
        assertThat(streams.isAlive()).isTrue();
        assertThat(streams.liveness().isHealthy()).isTrue();
        assertThat(streams.state()).isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR,
                KafkaStreams.State.NOT_RUNNING);

        // the failed thread is pausing (2 s, 4 s, ...) when the client closes: closing ends the pause
        streams.close();
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(streams.isAlive()).as("closed on purpose").isTrue();
    }

    /** {@code <name>-in} → fails on "boom" while failures are left → {@code <name>-out}; creates the topics. */
    private Topology topology(String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name + "-in", 1, (short) 1),
                    new NewTopic(name + "-out", 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), name + "-in");
        topology.addProcessor("fail-on-boom", () -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> context;

            @Override
            public void init(ProcessorContext<String, String> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, String> record) {
                if (record.value().equals("boom") && failuresLeft.getAndDecrement() > 0) {
                    throw new IllegalStateException("poison record '" + record.value() + "'");
                }
                context.forward(record);
            }
        }, "in");
        topology.addSink("out", name + "-out", Serdes.String().serializer(), Serdes.String().serializer(), "fail-on-boom");
        return topology;
    }

    /** Exactly-once with static membership and a 10 s session, as the server runs (KafkaSettings). */
    private Map<String, Object> config(String name) {
        return Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "replacement-" + name,
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "instance-" + name,
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000,
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50,
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1,
                StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    }

    private static void produce(String name, String... values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(name + "-in", "k", value));
            }
        }
    }

    private static List<String> readOutput(String name, int count) {
        TopicPartition partition = new TopicPartition(name + "-out", 0);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // anything more (a duplicate) would show up within a few more polls
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    private static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
