package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.it.data.Samples;
import io.rta.it.live.LiveSocket;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.server.ServerOptions;
import io.rta.server.embedded.RegistryProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services against a broker that requires authentication (SASL/SCRAM-SHA-512, the mechanism of a Strimzi
 * {@code KafkaUser} with {@code authentication: scram-sha-512}) and ACLs, as separate OS processes given only the
 * authenticating listener and the {@code Kafka:*} client properties: the all-in-one {@code ./rta server} and the
 * stream service through {@code --Kafka:...} flags, the standalone session and data services through
 * {@code RTA_KAFKA__...} environment variables. Each logs in as the {@code KafkaUser} of its deployment with exactly
 * the ACLs deploy/kubernetes gives that user. Each writes and reads back through its producers, consumers, admin
 * client and Kafka Streams applications (the data service's chunk topology serves what was written), the stream
 * service streams a live session, and all report Kafka healthy. A wrong password ends the start with a message naming
 * the authentication failure, a user without ACLs with one naming the authorization failure; no password appears in
 * any output.
 *
 * <p>The schema registry (Apicurio, kafkasql storage) is the embedded one, on the broker's plaintext loopback listener:
 * how it authenticates is Apicurio's configuration, not ours (deploy/kubernetes/base/apicurio.yaml).
 */
class SecuredKafkaIT {

    private static final Logger LOG = LoggerFactory.getLogger(SecuredKafkaIT.class);
    private static final Duration START = Duration.ofMinutes(3);
    /** Every user's password: the same, so that one check finds it in any output. */
    private static final String PASSWORD = "scram-Secret-4f9c2e";
    private static final String WRONG_PASSWORD = "not-the-Secret-81d7";
    private static final String JSON_CONFIG = "application/vnd.mat.config+json";

    private static SecuredBroker broker;
    private static Path registryHome;
    private static RegistryProcess registry;
    private static TestServer serverOptions;
    private static ServerProcess server;
    private static StandaloneProcess sessions;
    private static StandaloneProcess data;
    private static StandaloneProcess stream;

    @BeforeAll
    static void startTheServicesAgainstASecuredBroker() throws IOException {
        broker = SecuredBroker.start();
        // The users and ACLs of deploy/kubernetes (KafkaUser resources): they must be enough for each service.
        for (String user : List.of("rta-server", "rta-session-service", "rta-data-service", "rta-stream-service")) {
            broker.addUser(user, PASSWORD);
            broker.allow(DeployManifests.kafkaUserAcls(user));
        }
        registryHome = Scratch.dir("rta-it-secured-registry-");
        registry = RegistryProcess.start(ServerOptions.load(new String[] {"--DataPath", registryHome.toString(),
                "--RegistryPort", Integer.toString(TestServer.freePort())}), broker.internalBootstrapServers());

        serverOptions = TestServer.create().option("BootstrapServers", broker.bootstrapServers())
                .option("RegistryUrl", registry.ccompatUrl()).option("StreamThreads", "1")
                .option("Kafka:security.protocol", "SASL_PLAINTEXT")
                .option("Kafka:sasl.mechanism", SecuredBroker.MECHANISM)
                .option("Kafka:sasl.jaas.config", SecuredBroker.jaasConfig("rta-server", PASSWORD));
        server = ServerProcess.start(serverOptions, "secured-server", START);
        sessions = StandaloneProcess.start("session-service", broker.bootstrapServers(), registry.ccompatUrl(),
                kafkaEnvironment("rta-session-service", PASSWORD), START);
        data = StandaloneProcess.start("data-service", broker.bootstrapServers(), registry.ccompatUrl(),
                kafkaEnvironment("rta-data-service", PASSWORD), START);
        // next to the all-in-one server, whose chunk application (rta.rta-server) it watches
        stream = StandaloneProcess.startHttpOnly("stream-service", START, "--BootstrapServers",
                broker.bootstrapServers(), "--RegistryUrl", registry.ccompatUrl(),
                "--Kafka:security.protocol", "SASL_PLAINTEXT", "--Kafka:sasl.mechanism", SecuredBroker.MECHANISM,
                "--Kafka:sasl.jaas.config", SecuredBroker.jaasConfig("rta-stream-service", PASSWORD));
    }

    /** The Kafka client properties as a Kubernetes Secret would hand them over: {@code _} stands for {@code .}. */
    private static Map<String, String> kafkaEnvironment(String user, String password) {
        return Map.of("RTA_KAFKA__SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "RTA_KAFKA__SASL_MECHANISM", SecuredBroker.MECHANISM,
                "RTA_KAFKA__SASL_JAAS_CONFIG", SecuredBroker.jaasConfig(user, password));
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable part : new AutoCloseable[] {stream, data, sessions, server, serverOptions, registry,
            broker}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        for (Path path : new Path[] {registryHome, broker == null ? null : broker.dataPath(),
            serverOptions == null ? null : serverOptions.dataPath()}) {
            if (path != null) {
                DurabilityIT.deleteRecursively(path);
            }
        }
    }

    @Test
    void shouldWriteAndReadSessionsConfigsAndDataThroughTheAllInOneServer() {
        writeAndReadSession(serverOptions.channel(), serverOptions.http(), "secured-server-1");
        writeAndReadConfig(serverOptions.channel(), serverOptions.http(), "secured-server-config");
        writeAndReadData(serverOptions.channel(), serverOptions.http(), "secured-server-1");
    }

    @Test
    void shouldWriteAndReadSessionsThroughTheStandaloneSessionService() {
        writeAndReadSession(sessions.channel(), sessions.http(), "secured-alone-1");
    }

    @Test
    void shouldWriteAndReadDataThroughTheStandaloneDataServicesChunkTopology() {
        writeAndReadData(data.channel(), data.http(), "store:secured-run-1");
    }

    @Test
    void shouldStreamALiveSessionThroughTheStreamService() throws Exception {
        SessionStoreGrpc.newBlockingStub(serverOptions.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
                .createOrUpdateSession(create("secured-live-1", "secured live", "2024-05-01T10:00:00Z", OPEN));

        try (LiveSocket socket = LiveSocket.connect(stream.baseUrl(), "secured-live-1")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !socket.bursts().isEmpty());
            assertThat(socket.bursts().get(0).getData(0).getSessionJson()).contains("secured-live-1");
        }
    }

    @Test
    void shouldReportKafkaHealthyOnEveryService() {
        for (Http http : List.of(serverOptions.http(), sessions.http(), data.http())) {
            JsonNode health = http.getJson("/health");
            assertThat(health.path("checks").path("kafka").path("healthy").asBoolean()).as(health.toString())
                    .isTrue();
        }
        // the stream service reports its brokers in its live source's check
        JsonNode live = stream.http().getJson("/health").path("checks").path("live-source");
        assertThat(live.path("healthy").asBoolean()).as(live.toString()).isTrue();
        assertThat(live.path("message").asText()).contains("1 broker(s) reachable");
    }

    @Test
    void shouldNeverWriteThePasswordToTheServicesOutput() {
        assertThat(output(serverOptions.dataPath().resolve("secured-server.log"))).contains("Kafka:")
                .doesNotContain(PASSWORD);
        assertThat(sessions.output()).doesNotContain(PASSWORD);
        assertThat(data.output()).doesNotContain(PASSWORD);
        assertThat(stream.output()).doesNotContain(PASSWORD);
    }

    @Test
    void shouldRefuseToStartAStandaloneServiceWithAWrongPasswordNamingTheAuthenticationFailure() throws Exception {
        Path dataPath = Scratch.dir("rta-it-secured-wrong-");
        try {
            assertRefusedForTheWrongPassword("session-service", "--BootstrapServers", broker.bootstrapServers(),
                    "--RegistryUrl", registry.ccompatUrl(), "--DataPath", dataPath.toString(),
                    "--HttpPort", Integer.toString(TestServer.freePort()),
                    "--GrpcPort", Integer.toString(TestServer.freePort()));
        } finally {
            DurabilityIT.deleteRecursively(dataPath);
        }
    }

    @Test
    void shouldRefuseToStartTheAllInOneServerWithAWrongPasswordNamingTheAuthenticationFailure() throws Exception {
        TestServer wrong = TestServer.create().option("BootstrapServers", broker.bootstrapServers())
                .option("RegistryUrl", registry.ccompatUrl());
        try {
            assertRefusedForTheWrongPassword("server", wrong.args());
        } finally {
            DurabilityIT.deleteRecursively(wrong.dataPath());
        }
    }

    @Test
    void shouldRefuseToStartAServiceWhoseUserHasNoAclsNamingTheAuthorizationFailure() throws Exception {
        broker.addUser("rta-without-acls", PASSWORD);
        Path dataPath = Scratch.dir("rta-it-secured-no-acls-");
        try {
            StandaloneProcess.Exit exit = StandaloneProcess.run("session-service", Duration.ofMinutes(3),
                    "--BootstrapServers", broker.bootstrapServers(), "--RegistryUrl", registry.ccompatUrl(),
                    "--DataPath", dataPath.toString(), "--HttpPort", Integer.toString(TestServer.freePort()),
                    "--GrpcPort", Integer.toString(TestServer.freePort()),
                    "--Kafka:security.protocol", "SASL_PLAINTEXT", "--Kafka:sasl.mechanism", SecuredBroker.MECHANISM,
                    "--Kafka:sasl.jaas.config", SecuredBroker.jaasConfig("rta-without-acls", PASSWORD));

            LOG.info("session-service without ACLs exited with {}:\n{}", exit.code(), failureLines(exit));
            assertThat(exit.code()).isNotZero();
            assertThat(exit.output()).containsPattern("Kafka authorization failed|not authorized for topics")
                    .doesNotContain(PASSWORD);
        } finally {
            DurabilityIT.deleteRecursively(dataPath);
        }
    }

    private static String failureLines(StandaloneProcess.Exit exit) {
        return exit.output().lines().filter(line -> line.contains("uthori") || line.contains("failed")
                || line.startsWith("ERROR")).collect(Collectors.joining("\n"));
    }

    private static void assertRefusedForTheWrongPassword(String command, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--Kafka:security.protocol", "SASL_PLAINTEXT",
                "--Kafka:sasl.mechanism", SecuredBroker.MECHANISM,
                "--Kafka:sasl.jaas.config", SecuredBroker.jaasConfig("rta-session-service", WRONG_PASSWORD)));

        StandaloneProcess.Exit exit = StandaloneProcess.run(command, Duration.ofMinutes(3),
                args.toArray(String[]::new));

        LOG.info("{} with a wrong Kafka password exited with {}:\n{}", command, exit.code(), failureLines(exit));
        assertThat(exit.code()).isNotZero();
        assertThat(exit.output()).contains("Kafka authentication failed").contains(SecuredBroker.MECHANISM)
                .doesNotContain(WRONG_PASSWORD);
    }

    private static void writeAndReadSession(ManagedChannel channel, Http http, String identity) {
        SessionStoreGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .createOrUpdateSession(create(identity, "secured session", "2024-05-01T10:00:00Z", OPEN));

        JsonNode session = http.getJson("/rta/v2/sessions/" + identity);
        assertThat(session.path("identity").asText()).isEqualTo(identity);
        assertThat(session.path("identifier").asText()).isEqualTo("secured session");
    }

    private static void writeAndReadConfig(ManagedChannel channel, Http http, String identifier) {
        byte[] config = "{\"secured\": {\"tree\": {}}}".getBytes(StandardCharsets.UTF_8);
        ConfigStoreGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .putConfig(PutConfigRequest.newBuilder().setIdentifier(identifier).setContentType(JSON_CONFIG)
                        .setData(ByteString.copyFrom(config)).build());

        assertThat(Http.ok(http.get("/rta/v2/configs/" + identifier)).body()).isEqualTo(config);
    }

    private static void writeAndReadData(ManagedChannel channel, Http http, String identity) {
        List<WriteDataStreamMessage> written = Telemetry.bursts(0, 6);
        try (WriteStreamClient stream = WriteStreamClient.open(channel)) {
            stream.identity(identity).send(written).flush("all");
            assertThat(stream.echoed()).containsExactly("all");
            stream.complete();
        }

        List<DecodedChunk<PeriodicDataList>> chunks = new DataApi(http, channel).periodic(identity, DataApi.ALL,
                null, null);
        assertThat(Samples.ofPeriodicChunks(chunks))
                .containsExactlyElementsOf(Samples.inReadOrder(Samples.ofPeriodic(Telemetry.periodic(written))));
    }

    private static String output(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
