package io.rta.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rta.events.SessionFolder;
import io.rta.schemas.InMemorySchemaRegistryClient;
import io.rta.service.errors.UnavailableException;
import io.rta.topology.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A producer whose broker is unreachable: sends never block the caller and fail saying Kafka is unavailable. */
class EventProducerTest {

    private final Topics topics = Topics.create("rta.", new InMemorySchemaRegistryClient());
    private final EventProducer producer = new EventProducer(
            Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + unusedPort()), Duration.ofSeconds(2));

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void shouldHandTheSendOverInsteadOfBlockingTheCallerWhileKafkaHasNoMetadata() throws Exception {
        CompletableFuture<RecordMetadata> sent = producer.send(topics.folders(), "f1", folder("f1"));

        // KafkaProducer.send blocks for max.block.ms (1 s here) waiting for metadata; the caller did not
        assertThat(sent).isNotDone();
        UnavailableException error = failure(sent);
        assertThat(error.getMessage()).startsWith("Kafka is unavailable").contains("rta.folders");
    }

    @Test
    void shouldFailEventsQueuedBehindABlockedSendWithoutWaitingForEachInTurn() throws Exception {
        List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(producer.send(topics.folders(), "f" + i, folder("f" + i)));
        }

        for (CompletableFuture<RecordMetadata> each : sent) {
            assertThat(failure(each).getMessage()).startsWith("Kafka is unavailable");
        }
    }

    @Test
    void shouldBoundHowLongASendMayBlockByTheWriteTimeout() {
        assertThat(EventProducer.maxBlockMillis(Duration.ofSeconds(10))).isEqualTo(5_000);
        assertThat(EventProducer.maxBlockMillis(Duration.ofSeconds(4))).isEqualTo(2_000);
        assertThat(EventProducer.maxBlockMillis(Duration.ofMillis(1))).isEqualTo(1);
    }

    @Test
    void shouldRefuseSendsOnceClosed() throws Exception {
        producer.close();

        assertThat(failure(producer.send(topics.folders(), "f1", folder("f1"))).getMessage())
                .contains("shutting down");
    }

    /** 20 sends at 1 s max.block each would take 20 s in turn; queued ones fail as soon as the first did. */
    private static UnavailableException failure(CompletableFuture<RecordMetadata> sent) throws Exception {
        ExecutionException error = catchThrowableOfType(ExecutionException.class, () -> sent.get(15, TimeUnit.SECONDS));
        assertThat(error).as("the send failed").isNotNull();
        assertThat(error.getCause()).isInstanceOf(UnavailableException.class);
        return (UnavailableException) error.getCause();
    }

    private static SessionFolder folder(String identity) {
        return SessionFolder.newBuilder().setIdentity(identity).setLabel(identity).build();
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
