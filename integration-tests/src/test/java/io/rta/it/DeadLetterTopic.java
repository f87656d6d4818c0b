package io.rta.it;

import io.rta.events.DeadLetter;
import io.rta.schemas.AvroSerde;
import io.rta.schemas.CcompatRegistryClient;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a server's dead-letter topic as an operator would. */
final class DeadLetterTopic {

    private DeadLetterTopic() {
    }

    /** A consumer of every partition of the dead-letter topic, from the beginning (committed records only). */
    static KafkaConsumer<String, DeadLetter> consumer(TestServer server) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        AvroSerde<DeadLetter> serde = new AvroSerde<>(new CcompatRegistryClient(server.registryUrl()),
                DeadLetter.class, false);
        KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                serde.deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TopicEnds.TOPICS.deadLetters().name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
