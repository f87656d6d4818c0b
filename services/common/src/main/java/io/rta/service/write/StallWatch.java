package io.rta.service.write;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Bounds a wait on a view by the view's progress, not by the wait's age: the wait fails only once what it waits on
 * has made no progress for the timeout. A burst of writes, or a fast writer on a freshly started server, can wait
 * longer than the timeout in all while the view works through what came before them; a view that has stopped
 * (paused, stuck, its broker gone) fails them after the timeout, with a message saying so.
 */
public final class StallWatch {

    private StallWatch() {
    }

    /**
     * Fails {@code wait} with {@code stalled} once {@code timeout} has passed since the later of the call and the last
     * progress ({@code lastProgress}, a {@link System#nanoTime()} value; {@link Long#MIN_VALUE} for none yet). A
     * single check is scheduled at a time, at the earliest moment the wait could have stalled, so a wait costs one
     * timer task however long it lasts.
     */
    public static void watch(CompletableFuture<?> wait, LongSupplier lastProgress, Duration timeout,
                             ScheduledExecutorService timer, Supplier<? extends Throwable> stalled) {
        if (wait.isDone()) {
            return;
        }
        new Watch(wait, lastProgress, timeout.toNanos(), timer, stalled, System.nanoTime()).schedule(timeout.toNanos());
    }

    private static final class Watch implements Runnable {
        private final CompletableFuture<?> wait;
        private final LongSupplier lastProgress;
        private final long timeoutNanos;
        private final ScheduledExecutorService timer;
        private final Supplier<? extends Throwable> stalled;
        private final long start;
        private ScheduledFuture<?> check;

        Watch(CompletableFuture<?> wait, LongSupplier lastProgress, long timeoutNanos, ScheduledExecutorService timer,
              Supplier<? extends Throwable> stalled, long start) {
            this.wait = wait;
            this.lastProgress = lastProgress;
            this.timeoutNanos = timeoutNanos;
            this.timer = timer;
            this.stalled = stalled;
            this.start = start;
            wait.whenComplete((value, error) -> cancel());
        }

        private synchronized void schedule(long delayNanos) {
            if (!wait.isDone()) {
                check = timer.schedule(this, Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
            }
        }

        private synchronized void cancel() {
            if (check != null) {
                check.cancel(false);
            }
        }

        @Override
        public void run() {
            if (wait.isDone()) {
                return;
            }
            long progress = lastProgress.getAsLong();
            long since = progress == Long.MIN_VALUE || progress - start < 0 ? start : progress;
            long idle = System.nanoTime() - since;
            if (idle >= timeoutNanos) {
                wait.completeExceptionally(stalled.get());
            } else {
                schedule(timeoutNanos - idle);
            }
        }
    }
}
