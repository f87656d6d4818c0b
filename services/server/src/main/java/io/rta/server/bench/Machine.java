package io.rta.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Facts about the machine and this process that figures should be read against. */
final class Machine {

    private Machine() {
    }

    /** CPU time used by this process so far, or -1 where the platform does not tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Linux reports task times in clock ticks of 1/100 s (USER_HZ: 100 on Linux for x86 and arm). */
    private static final long NANOS_PER_TICK = 10_000_000L;
    /** Thread names as Linux keeps them (15 characters at most). */
    private static final Pattern JIT_THREADS = Pattern.compile("C[12] CompilerThre.*");
    private static final Pattern GC_THREADS = Pattern.compile("GC Thread#.*|G1 .*|VM Thread|VM Periodic Tas.*");

    /**
     * CPU time used so far by this JVM's just-in-time compiler threads, read from {@code /proc/self/task}, or -1
     * where the platform does not tell (not Linux). It is CPU, not the compilers' elapsed time, which on a busy
     * machine counts the time they waited for a core.
     */
    static long compilerCpuNanos() {
        return jvmThreadNanos()[0];
    }

    /**
     * Linux: CPU used so far by this JVM's JIT compiler threads and by its GC and VM threads, from
     * {@code /proc/self/task} (threads Java's thread beans do not see); {-1, -1} elsewhere. A thread that has ended
     * no longer counts.
     */
    static long[] jvmThreadNanos() {
        Path tasks = Path.of("/proc/self/task");
        long jit = 0;
        long gc = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
            for (Path task : dirs) {
                String comm;
                String stat;
                try {
                    comm = Files.readString(task.resolve("comm")).strip();
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                boolean isJit = JIT_THREADS.matcher(comm).matches();
                if (isJit || GC_THREADS.matcher(comm).matches()) {
                    // fields after the command's closing parenthesis: state is field 3, utime 14, stime 15
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
                    if (isJit) {
                        jit += nanos;
                    } else {
                        gc += nanos;
                    }
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return new long[] {-1, -1};
        }
        return new long[] {jit, gc};
    }

    /**
     * Waits until this process has used less than {@code cores} of CPU over a whole second (background work after a
     * load: RocksDB compactions, log cleaning, just-in-time compilation), or {@code maxWait} has passed.
     *
     * @return how long it waited, in ms; -1 where the platform does not tell the process's CPU
     */
    static long awaitQuiet(double cores, Duration maxWait) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + maxWait.toNanos();
        long cpu = processCpuNanos();
        if (cpu < 0) {
            return -1;
        }
        while (System.nanoTime() < deadline) {
            long before = System.nanoTime();
            Thread.sleep(1000);
            long now = processCpuNanos();
            double used = (now - cpu) / (double) (System.nanoTime() - before);
            cpu = now;
            if (used < cores) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A process "at rest": under this share of one core over a second. */
    static final double SETTLED_CORES = 0.2;

    /**
     * Waits, as {@link #awaitQuiet}, until this process is at rest (under {@link #SETTLED_CORES} of a core over a
     * second, at most {@code maxWait}) before {@code next}, and records how long that took as the fact {@code fact}.
     */
    static void settle(BenchReport report, Progress steps, String fact, String next, Duration maxWait)
            throws InterruptedException {
        steps.phase("waiting for the server to settle before " + next + " ...");
        long waited = awaitQuiet(SETTLED_CORES, maxWait);
        report.fact(fact, waited < 0 ? "unknown (the platform does not tell the process's CPU)"
                : String.format(Locale.ROOT, "%s started after %.1f s: once the process used under %.0f%% of a core "
                        + "over a second (at most %d s)", next, waited / 1000.0, SETTLED_CORES * 100,
                        maxWait.toSeconds()));
    }

    /** The 1-minute system load average: the machine may be shared. */
    static String loadAverage() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double load = os.getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f (1-minute average)", load);
    }

    /** Facts about the machine and the JVM. */
    static BenchReport describe(BenchReport report) {
        Runtime runtime = Runtime.getRuntime();
        return report
                .fact("machine", String.format(Locale.ROOT, "%d cores, %s %s", runtime.availableProcessors(),
                        System.getProperty("os.name"), System.getProperty("os.arch")))
                .fact("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .fact("heap", String.format(Locale.ROOT, "max %,d MiB", runtime.maxMemory() / (1024 * 1024)));
    }

    /** The same facts as JSON, as numbers where they are numbers: for {@code --Json}. */
    static ObjectNode json(ObjectMapper mapper) {
        Runtime runtime = Runtime.getRuntime();
        ObjectNode json = mapper.createObjectNode()
                .put("cores", runtime.availableProcessors())
                .put("os", System.getProperty("os.name"))
                .put("arch", System.getProperty("os.arch"))
                .put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .put("maxHeapBytes", runtime.maxMemory());
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            json.put("loadAverage", load);
        } else {
            json.putNull("loadAverage");
        }
        return json;
    }
}
