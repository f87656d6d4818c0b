package io.rta.it;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * {@code ./rta cluster} run as a separate process ({@code java -cp <test classpath> io.rta.server.cli.Main cluster}):
 * the embedded broker and its supervised registry, which a test can {@code kill -9} apart from the server using them
 * and start again on the same data directory and ports. Its output goes to a log file in its data directory.
 */
final class ClusterProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterProcess.class);
    private static final String READY = "RTA cluster ready";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataPath;
    private final int kafkaPort;
    private final int registryPort;
    private final List<ProcessHandle> started = new ArrayList<>();
    private Process process;
    private int runs;

    private ClusterProcess(Path dataPath, int kafkaPort, int registryPort) {
        this.dataPath = dataPath;
        this.kafkaPort = kafkaPort;
        this.registryPort = registryPort;
    }

    /** A cluster on free ports with its data in a new temporary directory, started and ready. */
    static ClusterProcess start(Duration timeout) {
        ClusterProcess cluster;
        try {
            cluster = new ClusterProcess(Scratch.dir("rta-it-cluster-"), TestServer.freePort(),
                    TestServer.freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            cluster.restart(timeout);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            DurabilityIT.deleteRecursively(cluster.dataPath);
            throw e;
        }
    }

    /** Starts the cluster process (again, on the same data directory and ports) and waits until it is ready. */
    void restart(Duration timeout) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the cluster process is running");
        }
        runs++;
        Path log = dataPath.resolve("cluster-" + runs + ".log");
        List<String> command = ServerProcess.rtaCommand("512m", "cluster");
        command.addAll(List.of("--DataPath", dataPath.toString(), "--KafkaPort", Integer.toString(kafkaPort),
                "--RegistryPort", Integer.toString(registryPort)));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        started.add(process.toHandle());
        LOG.info("Started cluster process (pid {}), log {}", process.pid(), log);
        awaitReady(log, timeout);
        descendants();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    String registryUrl() {
        return "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
    }

    Path dataPath() {
        return dataPath;
    }

    /** The processes the cluster started (its registry), as they are now; remembered for {@link #close}. */
    List<ProcessHandle> descendants() {
        List<ProcessHandle> now = process.descendants().toList();
        now.stream().filter(child -> started.stream().noneMatch(known -> known.pid() == child.pid()))
                .forEach(started::add);
        return now;
    }

    /** {@code kill -9} of the cluster process: the broker stops at once; its registry child is left behind. */
    void kill() {
        descendants();
        process.destroyForcibly();
        awaitExit(process.toHandle());
        LOG.info("Killed cluster process (pid {})", process.pid());
    }

    /** Stops the cluster cleanly, then makes sure no process it (or an earlier run) started is left. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            descendants();
            process.destroy();
            if (!awaitExit(process.toHandle())) {
                process.destroyForcibly();
                awaitExit(process.toHandle());
            }
        }
        started.stream().filter(ProcessHandle::isAlive).forEach(left -> {
            LOG.warn("Killing pid {} left running by the cluster process", left.pid());
            left.destroyForcibly();
            awaitExit(left);
        });
    }

    private void awaitReady(Path log, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("cluster process exited with " + process.exitValue() + ":\n"
                        + tail(log));
            }
            if (tail(log).contains(READY)) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException("cluster process not ready within " + timeout.toSeconds() + " s:\n"
                + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
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
