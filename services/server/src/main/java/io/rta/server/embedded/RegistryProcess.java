package io.rta.server.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.codahale.metrics.Meter;
import com.codahale.metrics.health.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;

/**
 * Apicurio Registry run as a managed child process ({@code java -jar apicurio-registry-app-*-runner.jar}) with
 * kafkasql storage, so its schemas persist in the broker. Its log and pid file live in {@code <DataPath>/registry}.
 *
 * <p>The child is supervised: when it exits on its own ({@code kill -9}, a crash, the broker gone at its start) it is
 * started again on the same port with the same storage, after a pause that doubles with each restart that follows
 * soon after the previous one (1 s up to 60 s). Schemas live in its Kafka journal, so the restarted registry answers
 * the same ids. {@link #health()} reports it down meanwhile; {@link #restarts()} counts the restarts. Closing stops
 * the supervision first, then the child.
 *
 * <p>When {@code RegistryJar} is not set, the runner jar the build unpacks into
 * {@code services/server/target/apicurio} is used: the first {@code apicurio-registry-app-*-runner.jar} found in
 * {@code <code source>/../apicurio} (the code source being {@code services/server/target/classes} or the rta-server
 * jar in {@code services/server/target}), then {@code services/server/target/apicurio},
 * {@code target/apicurio} and {@code ../services/server/target/apicurio} below the working directory.
 */
public final class RegistryProcess implements AutoCloseable {

    /** Path of the Confluent-compatible API below the registry's root. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    /** The registry's readiness (Quarkus SmallRye Health): up once its storage has read its Kafka journal. */
    static final String READY_PATH = "/health/ready";
    /** How long the registry may take to answer after it was started. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** Pause before the first restart of a child that exited; doubles while restarts follow each other. */
    static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(60);
    /** A child that ran this long before it exited starts the restart pauses again from the first. */
    static final Duration STABLE = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(RegistryProcess.class);
    private static final String HOST = Ports.HOST;
    private static final String RUNNER_GLOB = "apicurio-registry-app-*-runner.jar";
    private static final String RUNNER_MARKER = "-runner.jar";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL_PAUSE = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 40;

    private final Path runnerJar;
    private final List<String> command;
    private final Map<String, String> environment;
    private final int port;
    private final Path home;
    private final String ccompatUrl;
    private final Thread shutdownHook;
    private final ScheduledExecutorService supervisor;
    private final Meter restarts = new Meter();
    /** Guards starting a child against {@link #close}: a child is never started after close began. */
    private final Object lifecycle = new Object();
    private volatile Process process;
    /** The class-data sharing of the current child: it maps the archive, or makes it when it exits. */
    private volatile RegistryCds cds;
    private volatile Instant startedAt;
    private volatile boolean closed;
    /** Null while the child is up; why it is not, otherwise. */
    private volatile String down;
    private int streak;

    private RegistryProcess(Path runnerJar, List<String> command, Map<String, String> environment, int port, Path home,
                            String ccompatUrl) {
        this.runnerJar = runnerJar;
        this.command = command;
        this.environment = environment;
        this.port = port;
        this.home = home;
        this.ccompatUrl = ccompatUrl;
        this.shutdownHook = new Thread(this::stopSupervisionAndChild, "rta-registry-shutdown");
        this.supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "registry-supervisor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the registry on {@link RtaOptions#REGISTRY_PORT} against {@code bootstrapServers}. */
    public static RegistryProcess start(Options options, String bootstrapServers) {
        return start(locateRunnerJar(options), options.getPath(RtaOptions.DATA_PATH),
                options.getInt(RtaOptions.REGISTRY_PORT), bootstrapServers,
                options.getString(RtaOptions.TOPIC_PREFIX));
    }

    /**
     * Starts the registry and returns when it is ready (its storage has read its Kafka journal); from then on it is
     * supervised.
     *
     * @param topicPrefix prefix of the registry's storage topics ({@code registry-journal}, ...)
     * @throws IllegalStateException when the port is taken or it does not become ready; the message holds the tail
     *                               of its log
     */
    public static RegistryProcess start(Path runnerJar, Path dataPath, int port, String bootstrapServers,
            String topicPrefix) {
        return launch(runnerJar, dataPath, port, bootstrapServers, topicPrefix).awaitReady();
    }

    /**
     * Starts the registry's JVM and returns at once, so it boots while the caller does something else (the embedded
     * broker starts meanwhile: the registry's Kafka clients retry until it answers); {@link #awaitReady} waits for it.
     */
    public static RegistryProcess launch(Path runnerJar, Path dataPath, int port, String bootstrapServers,
            String topicPrefix) {
        Path home = dataPath.resolve("registry").toAbsolutePath();
        createDirectories(home);
        stopStaleChild(home);
        RegistryProcess registry = new RegistryProcess(runnerJar, command(runnerJar, home, topicPrefix),
                environment(port, bootstrapServers), port, home, "http://" + HOST + ":" + port + CCOMPAT_PATH);
        Runtime.getRuntime().addShutdownHook(registry.shutdownHook);
        try {
            registry.launchChild();
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /**
     * Returns when the child {@link #launch}ed answers; from then on it is supervised. A child that exits before it
     * answers is launched once more: one launched next to a starting broker may have given up on it.
     *
     * @throws IllegalStateException when it does not become ready; the message holds the tail of its log (the
     *                               registry is closed then)
     */
    public RegistryProcess awaitReady() {
        Instant launched = startedAt;
        try {
            try {
                awaitChild(process);
            } catch (ExitedBeforeReady e) {
                if (closed) {
                    throw e;
                }
                LOG.warn("Schema registry (pid {}) exited before it was ready; starting it once more: {}",
                        process.pid(), e.getMessage().lines().findFirst().orElse(""));
                cds.childExited(false);
                launchAndAwaitReady();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Schema registry (pid {}) ready at {} in {} ms ({})", pid(), ccompatUrl,
                Duration.between(launched, Instant.now()).toMillis(), cds.describe());
        watch(process);
        return this;
    }

    /** The Confluent-compatible API base, e.g. {@code http://127.0.0.1:8085/apis/ccompat/v7}. */
    public String ccompatUrl() {
        return ccompatUrl;
    }

    /** The pid of the current child. */
    public long pid() {
        return process.pid();
    }

    /** Restarts of the child after it exited on its own: {@code rta_registry_restarts_total}. */
    public Meter restarts() {
        return restarts;
    }

    /** Whether the child is up (started and answered), not exited and waiting for or in a restart. */
    public boolean isUp() {
        return down == null && !closed;
    }

    /** Healthy while the child is up; unhealthy, saying why and what is being done, while it is not. */
    public HealthCheck.Result health() {
        String state = down;
        if (closed) {
            return HealthCheck.Result.unhealthy("the embedded schema registry is stopped");
        }
        return state == null
                ? HealthCheck.Result.healthy("embedded schema registry pid " + process.pid() + ", restarted "
                        + restarts.getCount() + " time(s)")
                : HealthCheck.Result.unhealthy("the embedded schema registry " + state + " (restarted "
                        + restarts.getCount() + " time(s) so far)");
    }

    /** Stops supervising, then stops the child: a graceful stop first, forcibly when it does not end in time. */
    @Override
    public void close() {
        stopSupervisionAndChild();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            LOG.debug("JVM shutdown in progress; the shutdown hook stops the registry", e);
        }
    }

    /** Also the JVM shutdown hook: a child stopped by it must not be restarted. */
    private void stopSupervisionAndChild() {
        synchronized (lifecycle) {
            closed = true;
        }
        supervisor.shutdownNow();
        try {
            supervisor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopChild();
    }

    /** Starts a child (unless closed) and waits until it answers; a child that does not is stopped again. */
    private void launchAndAwaitReady() {
        awaitChild(launchChild());
    }

    /** Starts a child unless closed. */
    private Process launchChild() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the schema registry is closed");
            }
            Ports.requireFree(port, RtaOptions.REGISTRY_PORT.name());
            RegistryCds childCds = RegistryCds.of(runnerJar);
            List<String> withCds = new ArrayList<>(command);
            withCds.addAll(1, childCds.jvmOptions());
            Process child = launch(withCds, environment, home);
            cds = childCds;
            process = child;
            startedAt = Instant.now();
            writePidFile(home, child.pid());
            return child;
        }
    }

    /** Waits until the child answers; one that does not is stopped. */
    private void awaitChild(Process child) {
        try {
            awaitReady(child);
        } catch (RuntimeException e) {
            if (child.isAlive()) {
                cds.childExited(stop(child.toHandle()));
            }
            throw e;
        }
    }

    private void watch(Process child) {
        child.onExit().thenRun(() -> exited(child));
    }

    /** Runs when a child ended: unless it was stopped on purpose, schedules its restart. */
    private void exited(Process child) {
        if (closed || child != process) {
            return;
        }
        cds.childExited(false);
        boolean wasStable = Duration.between(startedAt, Instant.now()).compareTo(STABLE) > 0;
        Duration delay = nextDelay(wasStable);
        down = "(pid " + child.pid() + ") exited with code " + child.exitValue() + " at " + Instant.now()
                + "; it is restarted in " + delay.toMillis() + " ms";
        LOG.warn("Schema registry (pid {}) exited with code {}; restarting it in {} ms (log {})", child.pid(),
                child.exitValue(), delay.toMillis(), logFile(home));
        schedule(delay);
    }

    private void schedule(Duration delay) {
        try {
            supervisor.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Not restarting the schema registry: it is being closed");
        }
    }

    private void restart() {
        if (closed) {
            return;
        }
        long started = System.nanoTime();
        restarts.mark();
        down = "is restarting (restart " + restarts.getCount() + ")";
        try {
            launchAndAwaitReady();
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            Duration delay = nextDelay(false);
            down = "could not be restarted (" + e.getMessage().lines().findFirst().orElse("") + "); trying again in "
                    + delay.toMillis() + " ms";
            LOG.warn("Restarting the schema registry failed; trying again in {} ms: {}", delay.toMillis(),
                    e.getMessage());
            schedule(delay);
            return;
        }
        down = null;
        LOG.info("Schema registry restarted (pid {}) at {} in {} ms (restart {})", process.pid(), ccompatUrl,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), restarts.getCount());
        watch(process);
    }

    /** The pause before the next restart: doubles with each restart in a row, from 1 s up to 60 s. */
    private synchronized Duration nextDelay(boolean afterStableRun) {
        if (afterStableRun) {
            streak = 0;
        }
        long millis = FIRST_RESTART_DELAY.toMillis() << Math.min(streak, 16);
        streak++;
        return Duration.ofMillis(Math.min(MAX_RESTART_DELAY.toMillis(), millis));
    }

    /** The configured {@code RegistryJar}, or the one the build unpacked (see the class comment). */
    public static Path locateRunnerJar(Options options) {
        if (!options.getString(RtaOptions.REGISTRY_JAR).isBlank()) {
            Path configured = options.getPath(RtaOptions.REGISTRY_JAR);
            if (!Files.isRegularFile(configured)) {
                throw new IllegalArgumentException("Option RegistryJar = '" + configured + "' (from "
                        + options.sourceOf(RtaOptions.REGISTRY_JAR) + ") is not a file");
            }
            return configured;
        }
        return defaultRunnerJar(codeSource(), Path.of("").toAbsolutePath());
    }

    static Path defaultRunnerJar(Optional<Path> codeSource, Path workingDir) {
        List<Path> candidates = new ArrayList<>();
        codeSource.map(Path::getParent).ifPresent(target -> candidates.add(target.resolve("apicurio")));
        candidates.add(workingDir.resolve("services/server/target/apicurio"));
        candidates.add(workingDir.resolve("target/apicurio"));
        candidates.add(workingDir.resolve("../services/server/target/apicurio").normalize());
        for (Path dir : candidates) {
            Optional<Path> jar = findRunnerJar(dir);
            if (jar.isPresent()) {
                return jar.get();
            }
        }
        throw new IllegalStateException("No " + RUNNER_GLOB + " in " + candidates + ": build the project "
                + "(mvn -DskipTests install, or ./rta) to unpack it, or set RegistryJar");
    }

    private void stopChild() {
        Process child = process;
        if (child != null && child.isAlive()) {
            LOG.info("Stopping schema registry (pid {})", child.pid());
            cds.childExited(stop(child.toHandle()));
        }
        deletePidFile(home);
    }

    private void awaitReady(Process child) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // Ready, not merely listening: until its storage has replayed the Kafka journal the registry answers from a
        // partial store (a schema registered then would be refused as already existing, or get a second id).
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + READY_PATH))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!child.isAlive()) {
                throw new ExitedBeforeReady(failure(child, "exited with code " + child.exitValue()
                        + " before it was ready"));
            }
            if (answers(http, probe)) {
                return;
            }
            if (closed) {
                throw failure(child, "was closed before it was ready");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw failure(child, "did not answer " + probe.uri() + " within " + START_TIMEOUT.toSeconds()
                        + " s");
            }
            sleep(POLL_PAUSE);
        }
    }

    private static boolean answers(HttpClient http, HttpRequest probe) {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            // Not listening yet.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
        }
    }

    /** A child that ended on its own before it answered (not one stopped because it took too long). */
    private static final class ExitedBeforeReady extends IllegalStateException {
        ExitedBeforeReady(IllegalStateException failure) {
            super(failure.getMessage());
        }
    }

    private IllegalStateException failure(Process child, String problem) {
        Path log = logFile(home);
        return new IllegalStateException("Schema registry (pid " + child.pid() + ") " + problem + "; last lines of "
                + log + ":\n" + tail(log));
    }

    private static List<String> command(Path runnerJar, Path home, String topicPrefix) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(),
                "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // the server's temporary directory, so an operator's -Djava.io.tmpdir covers the registry too
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                // Without these the journal would be deleted after the broker's default retention of 7 days.
                "-Dapicurio.kafkasql.topic.retention.ms=-1",
                "-Dapicurio.kafkasql.topic.retention.bytes=-1",
                // The first poll of the snapshots topic waits this long; the default 5 s would delay every start.
                "-Dapicurio.kafkasql.consumer.poll.timeout=1000",
                "-Dapicurio.kafkasql.topic=" + topicPrefix + "registry-journal",
                "-Dapicurio.kafkasql.snapshots.topic=" + topicPrefix + "registry-snapshots",
                "-Dapicurio.events.kafka.topic=" + topicPrefix + "registry-events",
                "-Dapicurio.storage.snapshot.location=" + home.resolve("snapshots"),
                "-Dapicurio.import.work-dir=" + home.resolve("import"),
                "-jar", runnerJar.toAbsolutePath().toString());
    }

    private static Map<String, String> environment(int port, String bootstrapServers) {
        return Map.of(
                "APICURIO_STORAGE_KIND", "kafkasql",
                "APICURIO_KAFKASQL_BOOTSTRAP_SERVERS", bootstrapServers,
                "QUARKUS_HTTP_HOST", HOST,
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_HTTP_ACCESS_LOG_ENABLED", "false");
    }

    private static Process launch(List<String> command, Map<String, String> environment, Path home) {
        Path log = logFile(home);
        rotate(log);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        LOG.info("Starting schema registry: {} (log {})", String.join(" ", command), log);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the schema registry: " + String.join(" ", command), e);
        }
    }

    /** Stops a registry left running by a previous run that did not shut down cleanly. */
    static void stopStaleChild(Path home) {
        Path pidFile = pidFile(home);
        if (!Files.exists(pidFile)) {
            return;
        }
        readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(RUNNER_MARKER)).orElse(false))
                .ifPresent(stale -> {
                    LOG.warn("Stopping schema registry pid {} left running by a previous run", stale.pid());
                    stop(stale);
                });
        deletePidFile(home);
    }

    /** Stops the process gracefully, forcibly when it does not end in time; true when it ended gracefully. */
    private static boolean stop(ProcessHandle handle) {
        handle.destroy();
        if (awaitExit(handle, STOP_TIMEOUT)) {
            return true;
        }
        LOG.warn("Schema registry pid {} did not stop within {} s; killing it", handle.pid(),
                STOP_TIMEOUT.toSeconds());
        handle.destroyForcibly();
        awaitExit(handle, STOP_TIMEOUT);
        return false;
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Waiting for pid " + handle.pid() + " to exit failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private static Optional<Path> findRunnerJar(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, RUNNER_GLOB)) {
            for (Path jar : jars) {
                return Optional.of(jar);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static Optional<Path> codeSource() {
        try {
            return Optional.ofNullable(RegistryProcess.class.getProtectionDomain().getCodeSource())
                    .map(source -> source.getLocation())
                    .map(RegistryProcess::toPath);
        } catch (SecurityException e) {
            LOG.debug("Code source of RegistryProcess not available; looking below the working directory", e);
            return Optional.empty();
        }
    }

    private static Path toPath(java.net.URL location) {
        try {
            return Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("Unexpected code source " + location, e);
        }
    }

    private static Path logFile(Path home) {
        return home.resolve("registry.log");
    }

    private static Path pidFile(Path home) {
        return home.resolve("registry.pid");
    }

    private static void writePidFile(Path home, long pid) {
        try {
            Files.writeString(pidFile(home), Long.toString(pid), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + pidFile(home), e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Ignoring unreadable pid file {}: {}", pidFile, e.toString());
            return Optional.empty();
        }
    }

    private static void deletePidFile(Path home) {
        try {
            Files.deleteIfExists(pidFile(home));
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", pidFile(home), e.toString());
        }
    }

    /** Keeps the previous run's log as {@code registry.log.1}. */
    private static void rotate(Path log) {
        try {
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rotate " + log, e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
        }
    }
}
