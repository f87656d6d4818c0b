package io.rta.it;

import io.rta.schemas.InMemorySchemaRegistryClient;
import io.rta.topology.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * End offsets of the topics the services write to. A refused write must not move them: this is how a test sees
 * that "nothing was written", not just that nothing became visible.
 */
final class TopicEnds implements AutoCloseable {

    /** The topics of a server with the default prefix; the registry only matters to serdes, which are unused here. */
    static final Topics TOPICS = Topics.create("rta.", new InMemorySchemaRegistryClient());

    /** Every topic an API call can produce to (session updates, folders, config publications). */
    static final List<String> WRITTEN_BY_APIS = List.of(TOPICS.sessionUpdates().name(), TOPICS.folders().name(),
            TOPICS.configPublications().name());

    private final Admin admin;

    TopicEnds(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(config);
    }

    /** The end offset of every partition of the topics. */
    Map<TopicPartition, Long> ends(List<String> topics) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = described.values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<TopicPartition, Long> ends() {
        return ends(WRITTEN_BY_APIS);
    }

    @Override
    public void close() {
        admin.close();
    }
}
