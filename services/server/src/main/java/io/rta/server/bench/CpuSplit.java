package io.rta.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where this process's CPU went between two {@link #snapshot snapshots}, by component. The embedded server and the
 * benchmark's clients share one JVM, so a thread's component is told by its name ({@link Component}); CPU the Java
 * threads do not account for (JIT compiler and GC threads, threads that ended in between) is the process total less
 * theirs.
 */
final class CpuSplit {

    /** A part of the write path and the names of its threads. */
    enum Component {
        CLIENT("client (bench gRPC writers)", "bench-grpc-client-.*"),
        GRPC_TRANSPORT("gRPC server transport (Netty)", "grpc-default-(worker|boss)-.*|grpc-nio-.*|grpc-epoll-.*"),
        GRPC_CALLS("gRPC server calls (parse, checks, packing, Avro)",
                "grpc-handler-.*|grpc-default-executor-.*"),
        WRITER("writer to Kafka (timer, kafka-send, producer)",
                "write-timer-.*|kafka-send|committed-offsets|kafka-producer-network-thread \\| producer-.*"),
        BROKER("broker (requests, log, raft, coordinators)",
                "data-plane-kafka-.*|kafka-request-handler-.*|kafka-log-cleaner-.*|kafka-\\d+-.*|kafka-scheduler-.*"
                        + "|ExpirationReaper-.*|group-coordinator-.*|executor-.*|TxnMarkerSenderThread-.*"
                        + "|AddPartitionsToTxnSenderThread-.*|transaction-log-manager-.*|quorum-controller-.*"
                        + "|broker-\\d+-.*|controller-\\d+-.*|share-.*|PersisterStateManager|LogDirFailureHandler"
                        + "|raft-.*|client-metrics-reaper|SensorExpiryThread|ShareGroupDLQSendThread"),
        STREAMS("chunk topology (Kafka Streams threads)", ".*-StreamThread-\\d+|.*-StateUpdater-\\d+"),
        CHANGELOG("changelog producer (Streams producers)", "kafka-producer-network-thread \\| .*-StreamThread-.*"),
        LIVE_TAIL("live telemetry tail (stream service)", "live-telemetry-tail|live-kafka-timer-.*"),
        OTHER("other Java threads", ".*"),
        JIT("JVM: JIT compiler threads", "(?!)"),
        GC("JVM: GC and VM threads", "(?!)"),
        JVM("JVM: not accounted to a thread (threads that ended)", "(?!)");

        private final String label;
        private final Pattern threadNames;

        Component(String label, String threadNames) {
            this.label = label;
            this.threadNames = Pattern.compile(threadNames);
        }

        String label() {
            return label;
        }

        static Component of(String threadName) {
            for (Component component : values()) {
                if (component.threadNames.matcher(threadName).matches()) {
                    return component;
                }
            }
            return OTHER;
        }
    }

    /**
     * CPU time per live thread id (with its name), of the JVM's own JIT and GC threads (which ThreadMXBean does not
     * list; -1 where {@code /proc} does not tell) and of the whole process, at one moment.
     */
    record Snapshot(Map<Long, ThreadCpu> threads, long jitNanos, long gcNanos, long processNanos) {
    }

    record ThreadCpu(String name, long nanos) {
    }


    private CpuSplit() {
    }

    /** Whether this JVM measures thread CPU time (then {@link #snapshot} is meaningful). */
    static boolean isSupported() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!bean.isThreadCpuTimeSupported()) {
            return false;
        }
        if (!bean.isThreadCpuTimeEnabled()) {
            bean.setThreadCpuTimeEnabled(true);
        }
        return Machine.processCpuNanos() >= 0;
    }

    static Snapshot snapshot() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long[] ids = bean.getAllThreadIds();
        long[] nanos = bean instanceof com.sun.management.ThreadMXBean bulk ? bulk.getThreadCpuTime(ids) : null;
        ThreadInfo[] infos = bean.getThreadInfo(ids);
        Map<Long, ThreadCpu> threads = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            long cpu = nanos != null ? nanos[i] : bean.getThreadCpuTime(ids[i]);
            if (infos[i] != null && cpu >= 0) {
                threads.put(ids[i], new ThreadCpu(infos[i].getThreadName(), cpu));
            }
        }
        long[] jvm = Machine.jvmThreadNanos();
        return new Snapshot(threads, jvm[0], jvm[1], Machine.processCpuNanos());
    }

    /**
     * CPU nanoseconds per component from {@code before} to {@code after}, in {@link Component} order; a thread
     * started in between counts from zero, one that ended in between falls into {@link Component#JVM}.
     */
    static Map<Component, Long> between(Snapshot before, Snapshot after) {
        Map<Component, Long> split = new LinkedHashMap<>();
        for (Component component : Component.values()) {
            split.put(component, 0L);
        }
        long threads = 0;
        for (Map.Entry<Long, ThreadCpu> entry : after.threads().entrySet()) {
            ThreadCpu earlier = before.threads().get(entry.getKey());
            long used = entry.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
            threads += used;
            split.merge(Component.of(entry.getValue().name()), used, Long::sum);
        }
        if (before.jitNanos() >= 0 && after.jitNanos() >= 0) {
            split.put(Component.JIT, after.jitNanos() - before.jitNanos());
            split.put(Component.GC, after.gcNanos() - before.gcNanos());
            threads += split.get(Component.JIT) + split.get(Component.GC);
        }
        split.put(Component.JVM, Math.max(0, after.processNanos() - before.processNanos() - threads));
        return split;
    }

    /** The {@code count} busiest threads of {@code component} between the snapshots, e.g. "name 12.3 s". */
    static String busiest(Snapshot before, Snapshot after, Component component, int count) {
        Map<String, Long> byName = new HashMap<>();
        for (Map.Entry<Long, ThreadCpu> entry : after.threads().entrySet()) {
            if (Component.of(entry.getValue().name()) == component) {
                ThreadCpu earlier = before.threads().get(entry.getKey());
                byName.merge(entry.getValue().name(),
                        entry.getValue().nanos() - (earlier == null ? 0 : earlier.nanos()), Long::sum);
            }
        }
        return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
                .map(e -> String.format(java.util.Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue() / 1e9))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Adds one row per component: CPU per sample in ns, and its share of the process's CPU in %. */
    static void report(BenchReport report, String name, Map<Component, Long> split, long samples) {
        long total = split.values().stream().mapToLong(Long::longValue).sum();
        report.row(name + " CPU: all", Math.rint((double) total / samples), "ns/sample", null);
        for (Map.Entry<Component, Long> entry : split.entrySet()) {
            String label = name + " CPU: " + entry.getKey().label();
            report.row(label, Math.rint((double) entry.getValue() / samples), "ns/sample", null)
                    .row(label + " share", total == 0 ? 0 : Math.rint(1000.0 * entry.getValue() / total) / 10,
                            "%", null);
        }
    }
}
