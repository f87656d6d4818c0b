package io.rta.service.kafka;

import io.rta.topology.Topic;
import io.rta.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of the event contract when they are missing, and refuses to start when topics that must be
 * co-partitioned have different partition counts (which would silently split a session's state across tasks).
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

    private TopicCreator() {
    }

    public static void ensureTopics(Map<String, Object> adminConfig, Topics topics, int partitions,
                                    short replicationFactor) {
        Properties props = new Properties();
        props.putAll(adminConfig);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics.all()) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), Optional.of(partitions), Optional.of(replicationFactor))
                            .configs(topic.configs()));
                }
            }
            create(admin, missing);
            checkCopartitioned(admin, topics);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create or check the topics on Kafka at "
                    + adminConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + ": " + describe(e.getCause()),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at "
                    + adminConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + " to create topics within 60 s",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * What went wrong, for the start-up error: Kafka's own words ("Authentication failed ... SCRAM-SHA-512",
     * "Authorization failed.") say little without the kind of failure and, for a missing ACL, the topics it covers.
     */
    static String describe(Throwable failure) {
        if (failure instanceof TopicAuthorizationException denied && !denied.unauthorizedTopics().isEmpty()) {
            return "not authorized for topics " + new TreeSet<>(denied.unauthorizedTopics())
                    + " (the Kafka user's ACLs must allow Describe and Create on them, Kafka:* its credentials)";
        }
        String kind = failure instanceof AuthenticationException ? "Kafka authentication failed"
                : failure instanceof AuthorizationException ? "Kafka authorization failed (the user's ACLs)"
                : failure.getClass().getSimpleName();
        return kind + ": " + failure.getMessage();
    }

    private static void create(Admin admin, List<NewTopic> missing)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        missing.forEach(t -> LOG.info("Created topic {} ({} partitions)", t.name(), t.numPartitions()));
    }

    private static void checkCopartitioned(Admin admin, Topics topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names = topics.copartitioned().stream().map(Topic::name).toList();
        Map<String, TopicDescription> descriptions = describe(admin, names);
        Map<String, Integer> counts = new HashMap<>();
        descriptions.forEach((name, d) -> counts.put(name, d.partitions().size()));
        if (counts.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("topics " + names + " must have the same number of partitions, found "
                    + counts);
        }
    }

    /**
     * Describes the topics, waiting (at most {@link #METADATA_WAIT}) for topics just created to reach the broker's
     * metadata: until they do, it answers "does not host this topic-partition".
     */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
