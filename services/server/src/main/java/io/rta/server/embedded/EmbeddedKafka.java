package io.rta.server.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft broker and controller running in this JVM, for the embedded default setup. Its log lives in
 * {@code <DataPath>/kafka} and is formatted only once, so a restart keeps every topic.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Largest record the broker accepts: configurations can be 20+ MiB. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = Ports.HOST;
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the broker on {@link RtaOptions#KAFKA_PORT} with its log under {@link RtaOptions#DATA_PATH}. */
    public static EmbeddedKafka start(Options options) {
        return start(options.getPath(RtaOptions.DATA_PATH), options.getInt(RtaOptions.KAFKA_PORT));
    }

    /**
     * Starts the broker listening on {@code 127.0.0.1:port}, formatting {@code <dataPath>/kafka} first if it is new;
     * returns when the broker accepts requests.
     */
    public static EmbeddedKafka start(Path dataPath, int port) {
        long started = System.nanoTime();
        Path home = dataPath.resolve("kafka").toAbsolutePath();
        Path logDir = home.resolve("data");
        String bootstrapServers = bootstrapServers(port);
        Ports.requireFree(port, RtaOptions.KAFKA_PORT.name());
        Map<String, String> config = brokerConfig(logDir, port, Ports.free());
        formatIfNew(logDir);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
        EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrapServers);
        try {
            server.startup();
            kafka.awaitReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw new IllegalStateException("Embedded Kafka broker could not start on " + bootstrapServers
                    + " with its log in " + logDir + ": " + describe(e), e);
        }
        LOG.info("Embedded Kafka broker ready on {} (log {}) in {} ms", bootstrapServers, logDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return kafka;
    }

    /** {@code host:port} for clients of a broker on {@code port}, known before it starts. */
    public static String bootstrapServers(int port) {
        return HOST + ":" + port;
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker and controller and waits until they are down. */
    @Override
    public void close() {
        LOG.info("Stopping embedded Kafka broker on {}", bootstrapServers);
        server.shutdown();
        server.awaitShutdown();
    }

    static Map<String, String> brokerConfig(Path logDir, int port, int controllerPort) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        // A static quorum keeps no controller address in the log, so the controller may take any free port.
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        config.put("auto.create.topics.enable", "false");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "6");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "6");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("min.insync.replicas", "1");
        config.put("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        config.put("replica.fetch.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        config.put("num.partitions", "1");
        // After a crash the new broker incarnation waits for the old session to expire (default 9 s).
        config.put("broker.session.timeout.ms", "3000");
        config.put("broker.heartbeat.interval.ms", "500");
        return config;
    }

    private static void formatIfNew(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        LOG.info("Formatting new embedded Kafka log in {} (cluster id {})", logDir, clusterId);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // The formatter behind kafka-storage.sh, called directly: its CLI needs an argparse4j older than
            // the one Dropwizard needs.
            new Formatter()
                    .setPrintStream(out)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Formatting the embedded Kafka log in " + logDir + " failed: "
                    + describe(e) + " " + output.toString(StandardCharsets.UTF_8).trim(), e);
        }
        LOG.debug("kafka-storage format: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    private void awaitReady() {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(adminConfig)) {
            // Metadata lists the broker only once it is unfenced and can host partitions.
            while (admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty()) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new IllegalStateException("broker not unfenced after " + READY_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker not ready after " + READY_TIMEOUT.toSeconds() + " s: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    /** The message and, when it differs, the root cause: Kafka wraps the useful part ("Address already in use"). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (caused by " + root + ")";
    }
}
