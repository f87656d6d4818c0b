package io.rta.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/** Facts about the machine and this process that figures should be read against. */
final class Machine {

    private Machine() {
    }

    /** CPU time used by this process so far, or -1 where the platform does not tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
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
}
