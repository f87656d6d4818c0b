package io.rta.topology.data.codec;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates while running something (HotSpot's per-thread allocation counter). */
final class Allocations {

    private Allocations() {
    }

    interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action}, ignoring what it throws, and returns the bytes this thread allocated meanwhile. */
    static long of(Action action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            action.run();
        } catch (Exception expected) {
            // the refusal is what the callers expect; only the allocation is measured
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
