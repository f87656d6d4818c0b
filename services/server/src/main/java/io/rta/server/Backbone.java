package io.rta.server;

import com.codahale.metrics.health.HealthCheck;
import io.rta.schemas.CcompatRegistryClient;
import io.rta.server.embedded.RegistryProcess;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.kafka.TopicCreator;
import io.rta.service.lifecycle.Parts;
import io.rta.service.tls.TlsSettings;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the server and every standalone Kafka-backed service prepare the same way before their modules: the topics
 * and their schemas, the write timer, the instance's identity.
 */
final class Backbone {

    private Backbone() {
    }

    /**
     * Where other instances reach this one ({@code AdvertisedHost} and Kafka Streams' {@code application.server}):
     * its HTTPS port when TLS is on, so owner relays go over TLS and verify the owner, else its HTTP port. Every
     * instance of an application must have TLS on or off alike.
     */
    static HostInfo advertised(Options options, OptionDef httpPort, TlsSettings tls) {
        return new HostInfo(options.getString(ServerOptions.ADVERTISED_HOST),
                tls.enabled() ? tls.httpsPort() : options.getInt(httpPort));
    }

    /** Creates the topics that do not exist yet ({@code Partitions}, {@code ReplicationFactor}). */
    static void ensureTopics(Options options, String bootstrapServers, Topics topics) {
        TopicCreator.ensureTopics(KafkaSettings.common(bootstrapServers, options), topics,
                options.getInt(RtaOptions.PARTITIONS), (short) options.getInt(RtaOptions.REPLICATION_FACTOR));
    }

    /**
     * Registers every topic's value schema and its compatibility level, one subject after another: registering all
     * of them at once made a registry that had just replayed its journal (a restart) time out requests, failing the
     * start, for a saving of under a second.
     */
    static void registerSchemas(CcompatRegistryClient registry, Topics topics) {
        for (Topic<?, ?> topic : topics.all()) {
            registry.register(topic.valueSubject(), topic.valueSchema());
            registry.setCompatibility(topic.valueSubject(), "BACKWARD");
        }
    }

    /** The write timer (read-your-writes waits, their stall checks), owned by {@code parts}. */
    static ScheduledExecutorService timer(Parts parts) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("write-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return parts.own(new ExecutorCloser<>(timer)).executor();
    }

    /** A random identity created on first start and kept in the data directory (it outlives the state stores). */
    static String instanceId(Path dataPath) throws IOException {
        Path file = dataPath.resolve("instance-id");
        if (!Files.exists(file)) {
            Files.writeString(file, "rta-" + UUID.randomUUID(), StandardCharsets.UTF_8);
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    /**
     * The registry answers; a supervised embedded registry that is down (restarting) says so instead.
     *
     * @param embeddedRegistry the supervised registry child, or null when the registry is external
     */
    static HealthCheck.Result registryHealth(CcompatRegistryClient registry, RegistryProcess embeddedRegistry)
            throws Exception {
        if (embeddedRegistry != null && !embeddedRegistry.isUp()) {
            return embeddedRegistry.health();
        }
        registry.ping();
        return HealthCheck.Result.healthy(registry.baseUrl());
    }

    static Properties properties(Map<String, Object> map) {
        Properties props = new Properties();
        props.putAll(map);
        return props;
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record ExecutorCloser<E extends ExecutorService>(E executor) implements AutoCloseable {
        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
