package io.rta.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The phases of a server's start-up and how long each took, for the one line that says when it became healthy: a
 * start that grew slower shows where at a glance. Phases are marked in order on the starting thread; each lasts from
 * the previous mark. The first, {@code JVM}, runs from the process's start (as the OS saw it) to the server's.
 */
public final class StartupPhases {

    private final long beganNanos;
    private final Duration beforeBegin;
    private final List<String> phases = new ArrayList<>();
    private long lastNanos;

    private StartupPhases(long beganNanos, Duration beforeBegin) {
        this.beganNanos = beganNanos;
        this.lastNanos = beganNanos;
        this.beforeBegin = beforeBegin;
    }

    /** Begins now: for a server started in a process that was running before (tests, benches). */
    public static StartupPhases sinceNow() {
        return new StartupPhases(System.nanoTime(), Duration.ZERO);
    }

    /**
     * Begins now; the time since the process started (when the OS tells it) is the phase {@code JVM}: for a process
     * launched to run the server ({@code ./rta server}).
     */
    public static StartupPhases sinceProcessStart() {
        long now = System.nanoTime();
        Optional<Instant> processStart = ProcessHandle.current().info().startInstant();
        Duration jvm = processStart.map(start -> Duration.between(start, Instant.now()))
                .filter(duration -> !duration.isNegative()).orElse(Duration.ZERO);
        StartupPhases phases = new StartupPhases(now, jvm);
        if (processStart.isPresent()) {
            phases.phases.add(format("JVM", jvm));
        }
        return phases;
    }

    /** Ends the phase {@code name}, which began at the previous mark. */
    synchronized void mark(String name) {
        long now = System.nanoTime();
        phases.add(format(name, Duration.ofNanos(now - lastNanos)));
        lastNanos = now;
    }

    /** Adds a fact about the phases so far (e.g. what ran in parallel), without a phase of its own. */
    synchronized void note(String text) {
        phases.add(text);
    }

    /** From the process's start to now. */
    synchronized Duration total() {
        return beforeBegin.plusNanos(System.nanoTime() - beganNanos);
    }

    /** {@code healthy after 7.9 s (JVM 0.6 s, broker 2.1 s, ...)}, up to the last mark. */
    synchronized String summary() {
        return String.format(Locale.ROOT, "healthy after %.1f s (%s)", seconds(beforeBegin.plusNanos(lastNanos
                - beganNanos)), String.join(", ", phases));
    }

    static String format(String name, Duration duration) {
        return String.format(Locale.ROOT, "%s %.1f s", name, seconds(duration));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
