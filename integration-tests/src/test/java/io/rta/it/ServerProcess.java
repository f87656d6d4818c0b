package io.rta.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An all-in-one server run as a separate process ({@code java -cp <test classpath> io.rta.server.cli.Main server}),
 * so a test can {@code kill -9} it. Its output goes to a log file in its data directory.
 */
final class ServerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final List<ProcessHandle> children = new ArrayList<>();

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a server with the options of {@code server} (not started itself) and waits for /health 200. */
    static ServerProcess start(TestServer server, String name, Duration timeout) {
        List<String> command = rtaCommand("1g", "server");
        command.addAll(List.of(server.args()));
        Path log = server.dataPath().resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            LOG.info("Started server process {} (pid {}), log {}", name, process.pid(), log);
            ServerProcess started = new ServerProcess(process, log);
            started.awaitHealthy(server.http(), timeout);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /**
     * {@code java ... io.rta.server.cli.Main <command>} with the test classpath, a heap of {@code maxHeap} and this
     * JVM's temporary directory (inside target/, see the parent pom), so a killed child leaves nothing in /tmp.
     */
    static List<String> rtaCommand(String maxHeap, String command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        // JVM options of every child (the parent pom's rta.it.childJvmOptions): start-up CPU, not behaviour
        String options = System.getProperty("rta.it.childJvmOptions", "").strip();
        if (!options.isEmpty()) {
            line.addAll(List.of(options.split("\\s+")));
        }
        line.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.rta.server.cli.Main", command));
        return line;
    }

    long pid() {
        return process.pid();
    }

    /** The processes this server started (the schema registry), as they are now. */
    List<ProcessHandle> descendants() {
        List<ProcessHandle> now = process.descendants().toList();
        now.forEach(child -> {
            if (children.stream().noneMatch(known -> known.pid() == child.pid())) {
                children.add(child);
            }
        });
        return now;
    }

    /** {@code kill -9}: no shutdown hook runs, children are left behind as they would be. */
    void kill() {
        descendants();
        process.destroyForcibly();
        awaitExit(process.toHandle());
    }

    /** Stops the server cleanly (SIGTERM), then makes sure no process it started is left. */
    @Override
    public void close() {
        descendants();
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(process.toHandle())) {
                process.destroyForcibly();
                awaitExit(process.toHandle());
            }
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(child -> {
            LOG.warn("Killing pid {} left running by server process {}", child.pid(), process.pid());
            child.destroyForcibly();
            awaitExit(child);
        });
    }

    private void awaitHealthy(Http http, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server process exited with " + process.exitValue() + ":\n" + tail());
            }
            if (isHealthy(http)) {
                descendants();
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        close();
        throw new IllegalStateException("server process not healthy within " + timeout.toSeconds() + " s:\n" + tail());
    }

    private static boolean isHealthy(Http http) {
        try {
            HttpResponse<byte[]> health = http.get("/health");
            return health.statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false; // not listening yet
        }
    }

    /** The first warnings and errors, then the last lines of the log: why a server did not start. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> problems = lines.stream().filter(line -> line.startsWith("WARN") || line.startsWith("ERROR"))
                    .limit(20).toList();
            return String.join("\n", problems) + "\n...\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private static boolean awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + handle.pid() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
