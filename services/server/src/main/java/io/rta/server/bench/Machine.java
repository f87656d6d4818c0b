package io.rta.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
