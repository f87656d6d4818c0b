package io.rta.influx;

import io.rta.service.net.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A local {@code influxd} (the Debian package's InfluxDB 1.6) for the integration tests and {@code ./rta bench influx}:
 * on free ports (HTTP, and its RPC bind address), with its own config and meta / data / WAL directories in a temporary
 * directory, no usage reporting. It can be stopped and started again on the same ports (with its data) to play an
 * outage. Main code rather than a test fixture, so the benchmark starts the same server the tests do.
 */
public final class InfluxProcess implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/influxd");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final int httpPort;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private InfluxProcess(int httpPort, Path dir) {
        this.httpPort = httpPort;
        this.dir = dir;
    }

    /** Starts a server on free ports and waits until it answers {@code /ping}. */
    public static InfluxProcess start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: the InfluxDB tests need a real InfluxDB 1.x "
                    + "(Debian: apt-get install influxdb; .ci/run installs it)");
        }
        Path dir = Files.createTempDirectory("influx-test");
        int httpPort = FreePorts.next();
        int rpcPort = FreePorts.next();
        Files.writeString(dir.resolve("influxdb.conf"), String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                "[meta]", "  dir = \"" + dir.resolve("meta") + "\"",
                "[data]", "  dir = \"" + dir.resolve("data") + "\"", "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "  query-log-enabled = false",
                "[http]", "  bind-address = \"127.0.0.1:" + httpPort + "\"", "  log-enabled = false",
                "[monitor]", "  store-enabled = false",
                "[subscriber]", "  enabled = false",
                "[continuous_queries]", "  enabled = false", ""), StandardCharsets.UTF_8);
        InfluxProcess influx = new InfluxProcess(httpPort, dir);
        influx.startAgain();
        return influx;
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public String uri() {
        return "http://127.0.0.1:" + httpPort + "/";
    }

    /** CPU time the running {@code influxd} has used so far, or -1 where the platform does not tell. */
    public long cpuNanos() {
        return process == null ? -1 : process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Starts the server again on the same ports, with its data. */
    public void startAgain() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("influxd on port " + httpPort + " is already running");
        }
        process = new ProcessBuilder(List.of(BINARY.toString(), "-config", dir.resolve("influxdb.conf").toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        awaitPing();
    }

    /** {@code CREATE DATABASE}. */
    public void createDatabase(String name) throws IOException, InterruptedException {
        post("query?q=" + URLEncoder.encode("CREATE DATABASE \"" + name + "\"", StandardCharsets.UTF_8), "");
    }

    /** Writes line protocol (ns precision). */
    public void write(String database, String lines) throws IOException, InterruptedException {
        post("write?precision=ns&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8), lines);
    }

    /** Runs a read query as a client would, and returns InfluxDB's JSON answer. */
    public String query(String database, String query) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(uri() + "query?epoch=ns&db="
                + URLEncoder.encode(database, StandardCharsets.UTF_8) + "&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.body();
    }

    private void post(String pathAndQuery, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(uri() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2 || answer.body().contains("\"error\"")) {
            throw new IllegalStateException("InfluxDB answered " + pathAndQuery + " with " + answer.statusCode()
                    + ": " + answer.body());
        }
    }

    /** Kills the server (as a crash would). */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("influxd on port " + httpPort + " did not exit");
        }
    }

    /** Kills the server and deletes its directory. */
    @Override
    public void close() throws InterruptedException, IOException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private Path log() {
        return dir.resolve("influxd.log");
    }

    private void awaitPing() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("influxd on port " + httpPort + " exited with "
                        + process.exitValue() + ":\n" + Files.readString(log(), StandardCharsets.UTF_8));
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(uri() + "ping"))
                        .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 204) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("influxd on port " + httpPort + " did not answer /ping within "
                + READY_TIMEOUT.toSeconds() + " s (last error: " + last + "):\n"
                + Files.readString(log(), StandardCharsets.UTF_8));
    }
}
