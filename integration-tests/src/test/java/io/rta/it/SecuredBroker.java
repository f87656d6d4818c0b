package io.rta.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node KRaft broker in the test JVM whose client listener requires SASL/SCRAM-SHA-512 authentication, as a
 * Strimzi listener with {@code authentication: scram-sha-512} does. A second, plaintext listener on the loopback
 * interface carries the broker's own traffic and the test's set-up (creating users and their ACLs); the services
 * under test are only given the authenticating one, where each user may do only what its ACLs allow.
 */
final class SecuredBroker implements AutoCloseable {

    static final String MECHANISM = "SCRAM-SHA-512";
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";

    private final Path dataPath;
    private final int clientPort;
    private final int internalPort;
    private final KafkaRaftServer server;

    private SecuredBroker(Path dataPath, int clientPort, int internalPort, KafkaRaftServer server) {
        this.dataPath = dataPath;
        this.clientPort = clientPort;
        this.internalPort = internalPort;
        this.server = server;
    }

    /** Formats a new log in a temporary directory and starts the broker on free ports. */
    static SecuredBroker start() {
        try {
            Path dataPath = Scratch.dir("rta-it-secured-kafka-");
            int clientPort = TestServer.freePort();
            int internalPort = TestServer.freePort();
            int controllerPort = TestServer.freePort();
            Path logDir = dataPath.resolve("data");
            format(logDir);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config(logDir, clientPort, internalPort,
                    controllerPort)), Time.SYSTEM);
            server.startup();
            SecuredBroker broker = new SecuredBroker(dataPath, clientPort, internalPort, server);
            broker.awaitUnfenced();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> config(Path logDir, int clientPort, int internalPort, int controllerPort) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listeners", "CLIENT://" + HOST + ":" + clientPort + ",INTERNAL://" + HOST + ":" + internalPort
                + ",CONTROLLER://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", "CLIENT://" + HOST + ":" + clientPort + ",INTERNAL://" + HOST + ":"
                + internalPort);
        config.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", "INTERNAL");
        config.put("listener.name.client.sasl.enabled.mechanisms", MECHANISM);
        config.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        // Strimzi's "authorization: simple": a user may do only what its ACLs allow. The plaintext listeners'
        // ANONYMOUS (the broker itself, the test's set-up) is a super user.
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("super.users", "User:ANONYMOUS");
        config.put("log.dirs", logDir.toString());
        config.put("auto.create.topics.enable", "false");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "3");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "3");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("message.max.bytes", Integer.toString(64 * 1024 * 1024));
        config.put("replica.fetch.max.bytes", Integer.toString(64 * 1024 * 1024));
        return config;
    }

    private static void format(Path logDir) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter().setPrintStream(out).setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(NODE_ID).setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString())).setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER").setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("formatting " + logDir + " failed: "
                    + output.toString(StandardCharsets.UTF_8), e);
        }
    }

    private Admin internalAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
    }

    private void awaitUnfenced() {
        try (Admin admin = internalAdmin()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("secured broker not unfenced within 60 s");
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            close();
            throw new IllegalStateException("secured broker did not start: " + e, e);
        }
    }

    /** Creates (or replaces) a SCRAM-SHA-512 user, as {@code kafka-configs --alter --add-config SCRAM-SHA-512=...}. */
    void addUser(String name, String password) {
        try (Admin admin = internalAdmin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all()
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create user " + name + ": " + e, e);
        }
    }

    /** Adds ACLs (for users of the SCRAM listener: principal {@code User:<name>}). */
    void allow(Collection<AclBinding> acls) {
        try (Admin admin = internalAdmin()) {
            admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create ACLs " + acls + ": " + e, e);
        }
    }

    /** The listener that requires SASL/SCRAM authentication. */
    String bootstrapServers() {
        return HOST + ":" + clientPort;
    }

    /** The plaintext listener (the broker's own and the test's set-up): never given to the services under test. */
    String internalBootstrapServers() {
        return HOST + ":" + internalPort;
    }

    /** {@code sasl.jaas.config} of a client logging in as {@code user}. */
    static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    Path dataPath() {
        return dataPath;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
