package io.rta.server.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One way's timed reads in a benchmark of two ways read in alternating rounds (the Influx and file adapters against
 * their store's own read): wall times, and the CPU this JVM and another process (the store, when it is one) used
 * meanwhile. Figures are medians over the rounds, so one pass stalled by the machine's other work does not decide
 * them.
 */
final class RoundTimes {

    /** No other process to account: its CPU is unknown. */
    static final LongSupplier NO_PROCESS = () -> -1;

    private final String otherLabel;
    private final LongSupplier otherCpuNanos;
    private final List<Double> seconds = new ArrayList<>();
    private long jvmCpuNanos;
    private long otherCpu;

    /** @param otherCpuNanos the other process's CPU time so far, -1 when unknown */
    RoundTimes(String otherLabel, LongSupplier otherCpuNanos) {
        this.otherLabel = otherLabel;
        this.otherCpuNanos = otherCpuNanos;
    }

    RoundTimes() {
        this("", NO_PROCESS);
    }

    void time(BenchReport.Step read) throws Exception {
        long jvmBefore = Machine.processCpuNanos();
        long otherBefore = otherCpuNanos.getAsLong();
        long start = System.nanoTime();
        read.run();
        seconds.add((System.nanoTime() - start) / 1e9);
        jvmCpuNanos = add(jvmCpuNanos, jvmBefore, Machine.processCpuNanos());
        otherCpu = add(otherCpu, otherBefore, otherCpuNanos.getAsLong());
    }

    private static long add(long total, long before, long after) {
        return total < 0 || before < 0 || after < 0 ? -1 : total + after - before;
    }

    double last() {
        return seconds.isEmpty() ? Double.NaN : seconds.get(seconds.size() - 1);
    }

    double median() {
        return median(seconds);
    }

    double totalSeconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    List<Double> seconds() {
        return seconds;
    }

    /** Pass times in order (median first), then the CPU used per pass, as a share of the wall time. */
    String describe() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "median %.2f s; s:", median()));
        for (double s : seconds) {
            out.append(String.format(Locale.ROOT, " %.2f", s));
        }
        out.append(cpu("; CPU of this JVM", jvmCpuNanos));
        if (!otherLabel.isEmpty()) {
            out.append(cpu("; CPU of " + otherLabel, otherCpu));
        }
        return out.toString();
    }

    private String cpu(String label, long nanos) {
        return nanos < 0 ? "" : String.format(Locale.ROOT, "%s %.2f s per pass (%.0f%% of a core)", label,
                nanos / 1e9 / seconds.size(), 100.0 * nanos / 1e9 / totalSeconds());
    }

    /** Each round's {@code over} time / {@code base} time, in round order. */
    static List<Double> ratios(List<Double> baseSeconds, List<Double> overSeconds) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(baseSeconds.size(), overSeconds.size()); i++) {
            ratios.add(overSeconds.get(i) / baseSeconds.get(i));
        }
        return ratios;
    }

    /** The middle value (the upper one of an even count), as the other benchmarks' pass medians. */
    static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** The ratios, two decimals each. */
    static String describe(List<Double> ratios) {
        return String.join(" ", ratios.stream().map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).toList());
    }
}
