package io.rta.it;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.server.RtaServer;
import io.rta.server.ServerOptions;
import io.rta.service.net.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An all-in-one server for integration tests: a real KRaft broker, the real Apicurio registry (child process), real
 * HTTP and gRPC listeners on free ports, data in a temporary directory. {@link #shared()} is started once per test
 * JVM; tests that restart or kill a server make their own.
 */
public final class TestServer implements AutoCloseable {

    private static TestServer shared;

    private final Path dataPath;
    private final Map<String, String> options;
    private RtaServer server;
    private ManagedChannel channel;

    private TestServer(Path dataPath, Map<String, String> options) {
        this.dataPath = dataPath;
        this.options = options;
    }

    /** The server shared by the test classes of this JVM (started on first use, stopped at JVM exit). */
    public static synchronized TestServer shared() {
        if (shared == null) {
            shared = create();
            shared.start();
            Scratch.closeAtExit(shared);
        }
        return shared;
    }

    /** A new, not yet started server with its own data directory and free ports. */
    public static TestServer create() {
        try {
            Path dataPath = Scratch.dir("rta-it-");
            Map<String, String> options = new LinkedHashMap<>();
            options.put("DataPath", dataPath.toString());
            options.put("HttpPort", Integer.toString(freePort()));
            options.put("GrpcPort", Integer.toString(freePort()));
            options.put("KafkaPort", Integer.toString(freePort()));
            options.put("RegistryPort", Integer.toString(freePort()));
            options.put("Partitions", "3");
            options.put("WriteTimeout", "20000");
            // small, so a live client that stops reading is closed after a few MiB rather than tens
            options.put("ClientBufferSize", Integer.toString(4 * 1024 * 1024));
            return new TestServer(dataPath, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a command-line option before the server starts, e.g. another instance's BootstrapServers. */
    public TestServer option(String name, String value) {
        options.put(name, value);
        return this;
    }

    public TestServer start() {
        try {
            server = RtaServer.start(ServerOptions.load(args()));
            awaitReady(Duration.ofMinutes(2));
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start: " + e.getMessage(), e);
        }
        return this;
    }

    /** Waits for readiness ({@code /health} 200: Kafka Streams running, nothing restoring), as a client would. */
    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/health")).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            java.net.http.HttpResponse<String> health = client.send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() == 200) {
                return;
            }
            last = health.body();
            Thread.sleep(100);
        }
        throw new IllegalStateException("not ready within " + timeout.toSeconds() + " s: " + last);
    }

    /** Stops the server (broker and registry included); its data directory stays. */
    public void stop() {
        if (channel != null) {
            channel.shutdownNow();
            channel = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Command-line options of this server, e.g. to start it as a separate process. */
    public String[] args() {
        List<String> args = new ArrayList<>();
        options.forEach((name, value) -> {
            args.add("--" + name);
            args.add(value);
        });
        return args.toArray(String[]::new);
    }

    /** The running server in this JVM, e.g. to pause its Kafka Streams application. */
    public RtaServer server() {
        return server;
    }

    public Path dataPath() {
        return dataPath;
    }

    public int httpPort() {
        return Integer.parseInt(options.get("HttpPort"));
    }

    public int grpcPort() {
        return Integer.parseInt(options.get("GrpcPort"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    /** An HTTP client for this server's REST API. */
    public Http http() {
        return new Http(baseUrl());
    }

    /** Kafka bootstrap servers of the running server (its embedded broker). */
    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    /** The Confluent-compatible API of the running server's schema registry. */
    public String registryUrl() {
        return running().registryUrl();
    }

    /** A blocking SessionStore client over {@link #channel()}. */
    public SessionStoreGrpc.SessionStoreBlockingStub sessions() {
        return SessionStoreGrpc.newBlockingStub(channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** A blocking ConfigStore client over {@link #channel()}. */
    public ConfigStoreGrpc.ConfigStoreBlockingStub configs() {
        return ConfigStoreGrpc.newBlockingStub(channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private RtaServer running() {
        if (server == null) {
            throw new IllegalStateException("the server is not running");
        }
        return server;
    }

    /** A gRPC channel to this server (plaintext), reused across calls. */
    public synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort()).usePlaintext()
                    .maxInboundMessageSize(64 * 1024 * 1024).build();
        }
        return channel;
    }

    @Override
    public void close() {
        stop();
    }

    /** A port to bind a moment later, safe from outgoing connections taking it meanwhile ({@link FreePorts}). */
    static int freePort() {
        return FreePorts.next();
    }

    /** Waits for a channel to close, for tidy test output. */
    static void await(ManagedChannel channel) throws InterruptedException {
        channel.awaitTermination(5, TimeUnit.SECONDS);
    }
}
