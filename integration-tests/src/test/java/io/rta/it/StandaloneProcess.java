package io.rta.it;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone service run as a separate process ({@code java -cp <test classpath> io.rta.server.cli.Main <command>
 * ...}) on free ports with a data directory of its own; its output goes to a log file there.
 */
final class StandaloneProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String command;
    private final Path dataPath;
    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int grpcPort;
    private ManagedChannel channel;

    private StandaloneProcess(String command, Path dataPath, Process process, Path log, int httpPort, int grpcPort) {
        this.command = command;
        this.dataPath = dataPath;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
    }

    /** Starts {@code ./rta <command>} against the cluster and waits until its /health answers 200. */
    static StandaloneProcess start(String command, ClusterProcess cluster, Duration timeout, String... options) {
        return start(command, cluster.bootstrapServers(), cluster.registryUrl(), Map.of(), timeout, options);
    }

    /**
     * Starts {@code ./rta <command>} against any broker and registry, with {@code environment} added to its own
     * (e.g. {@code RTA_KAFKA__...} variables), and waits until its /health answers 200.
     */
    static StandaloneProcess start(String command, String bootstrapServers, String registryUrl,
                                   Map<String, String> environment, Duration timeout, String... options) {
        try {
            Path dataPath = Scratch.dir("rta-it-" + command + "-");
            int httpPort = TestServer.freePort();
            int grpcPort = TestServer.freePort();
            List<String> args = new ArrayList<>(List.of("--BootstrapServers", bootstrapServers,
                    "--RegistryUrl", registryUrl, "--DataPath", dataPath.toString(),
                    "--HttpPort", Integer.toString(httpPort), "--GrpcPort", Integer.toString(grpcPort),
                    "--AdvertisedHost", "127.0.0.1", "--StreamThreads", "1"));
            args.addAll(List.of(options));
            return launchHealthy(command, dataPath, httpPort, grpcPort, args, environment, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code ./rta <command> --HttpPort <free port> <options>} (a command that takes no Kafka, gRPC or data
     * directory options, e.g. {@code gateway}; {@code stream-service} with its own) and waits until its /health
     * answers 200. Its log goes to a temporary directory of its own.
     */
    static StandaloneProcess startHttpOnly(String command, Duration timeout, String... options) {
        try {
            Path dataPath = Scratch.dir("rta-it-" + command + "-");
            int httpPort = TestServer.freePort();
            List<String> args = new ArrayList<>(List.of("--HttpPort", Integer.toString(httpPort)));
            args.addAll(List.of(options));
            return launchHealthy(command, dataPath, httpPort, -1, args, Map.of(), timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StandaloneProcess launchHealthy(String command, Path dataPath, int httpPort, int grpcPort,
                                                   List<String> args, Map<String, String> environment,
                                                   Duration timeout) throws IOException {
        Path log = dataPath.resolve(command + ".log");
        Process process = launch(command, args, environment, log);
        StandaloneProcess service = new StandaloneProcess(command, dataPath, process, log, httpPort, grpcPort);
        service.awaitHealthy(timeout);
        return service;
    }

    /** Runs {@code ./rta <command> <args>} to its end (a start that must fail) and returns its exit code. */
    static Exit run(String command, Duration timeout, String... args) throws Exception {
        Path log = Files.createTempFile("rta-it-" + command + "-", ".log");
        Process process = launch(command, List.of(args), Map.of(), log);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " still running after " + timeout.toSeconds() + " s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Exit(process.exitValue(), output);
    }

    record Exit(int code, String output) {
    }

    private static Process launch(String command, List<String> args, Map<String, String> environment, Path log)
            throws IOException {
        List<String> line = ServerProcess.rtaCommand("512m", command);
        line.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        LOG.info("Started {} (pid {}), log {}", command, process.pid(), log);
        return process;
    }

    /** Everything it wrote to stdout and stderr so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Http http() {
        return new Http(baseUrl());
    }

    /** Its HTTP address without a path ({@code http://127.0.0.1:<port>}), e.g. for a gateway's options. */
    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** {@code kill -9}: the process ends at once, without leaving its group or closing its connections. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(command + " (pid " + process.pid() + ") still alive after kill -9");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        LOG.info("Killed {} (pid {})", command, process.pid());
    }

    /** A plaintext gRPC channel to the service, reused; closed with the service. */
    synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext()
                    .maxInboundMessageSize(64 * 1024 * 1024).build();
        }
        return channel;
    }

    /** Stops the service cleanly (SIGTERM), forcibly if it does not stop in time, and deletes its data directory. */
    @Override
    public void close() {
        stop();
        DurabilityIT.deleteRecursively(dataPath);
    }

    private void stop() {
        synchronized (this) {
            if (channel != null) {
                channel.shutdownNow();
            }
        }
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Http http = http();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(command + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<byte[]> health = http.get("/health");
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException(command + " not healthy within " + timeout.toSeconds() + " s:\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
