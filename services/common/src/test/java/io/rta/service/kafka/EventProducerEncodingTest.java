package io.rta.service.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.events.SessionFolder;
import io.rta.schemas.RegistryUnavailableException;
import io.rta.schemas.SchemaRegistryClient;
import io.rta.service.errors.UnavailableException;
import io.rta.topology.Topics;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** What a write answers when its event cannot be encoded (no broker needed: encoding comes first). */
class EventProducerEncodingTest {

    private static final Map<String, Object> NO_BROKER = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 100);

    @Test
    void shouldAnswerUnavailableWhenTheRegistryIsDown() {
        Topics topics = Topics.create("rta.", new Registry(new RegistryUnavailableException(
                "Schema registry POST http://registry failed: cannot reach it", null)));

        try (EventProducer producer = new EventProducer(NO_BROKER, java.time.Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> producer.send(topics.folders(), "f", folder()))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessage("the schema registry is unavailable, so the write to 'rta.folders' cannot be encoded "
                            + "now; retry later");
        }
    }

    @Test
    void shouldLeaveOtherEncodingFailuresAsTheyAre() {
        Topics topics = Topics.create("rta.", new Registry(new io.rta.schemas.SchemaRegistryException(
                "incompatible")));

        try (EventProducer producer = new EventProducer(NO_BROKER, java.time.Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> producer.send(topics.folders(), "f", folder()))
                    .isInstanceOf(SerializationException.class);
        }
    }

    private static SessionFolder folder() {
        return SessionFolder.newBuilder().setIdentity("f").build();
    }

    /** Every registration fails with one error. */
    private record Registry(RuntimeException failure) implements SchemaRegistryClient {
        @Override
        public int register(String subject, Schema schema) {
            throw failure;
        }

        @Override
        public Schema getById(int id) {
            throw failure;
        }

        @Override
        public void setCompatibility(String subject, String level) {
            throw failure;
        }
    }
}
