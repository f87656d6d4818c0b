package io.rta.server;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.service.lifecycle.HealthRuns;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, once every health check passes after a start (what {@code GET /health} answers 200 for), how long the start
 * took and where the time went: {@code RTA server healthy after 7.9 s (JVM 0.6 s, broker 2.1 s, ...)}. A server not
 * healthy within the start-up timeout gets a warning naming the checks that fail instead.
 */
final class StartupReport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);
    /** The checks are cheap (one Kafka and one registry round trip) and run only until the first pass. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final HealthCheckRegistry health;
    private final StartupPhases phases;
    private final long deadlineNanos;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "startup-report");
        thread.setDaemon(true);
        return thread;
    });

    private StartupReport(HealthCheckRegistry health, StartupPhases phases, Duration timeout) {
        this.health = health;
        this.phases = phases;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** Starts watching the checks; stops at the first pass, at the timeout, or when closed. */
    static StartupReport whenHealthy(HealthCheckRegistry health, StartupPhases phases, Duration timeout) {
        StartupReport report = new StartupReport(health, phases, timeout);
        report.poller.scheduleWithFixedDelay(report::check, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        return report;
    }

    private void check() {
        List<String> failing = HealthRuns.runAll(health).entrySet().stream()
                .filter(entry -> !entry.getValue().isHealthy())
                .map(entry -> entry.getKey() + ": " + message(entry.getValue()))
                .toList();
        if (failing.isEmpty()) {
            phases.mark("until healthy");
            LOG.info("RTA server {}", phases.summary());
            poller.shutdown();
        } else if (System.nanoTime() - deadlineNanos >= 0) {
            LOG.warn("RTA server not healthy {} after its start began; failing: {}",
                    String.format(Locale.ROOT, "%.1f s", phases.total().toNanos() / 1e9), failing);
            poller.shutdown();
        }
    }

    private static String message(HealthCheck.Result result) {
        return result.getError() != null ? String.valueOf(result.getError().getMessage()) : result.getMessage();
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
