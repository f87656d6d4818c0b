package io.rta.data.grpc;

import java.util.ArrayDeque;

/**
 * One stream's view of the chunk view's pace: the bytes of this stream the view made readable in the last
 * {@code lag}. That sum is the view's measured pace for the stream times the lag, so allowing that many bytes not yet
 * readable keeps the stream about {@code lag} ahead of the view, whether the view is cold, warm or shared. Not thread
 * safe: the owning stream guards it.
 */
final class ViewPace {

    private final long lagNanos;
    private final long min;
    private final long max;
    private final ArrayDeque<long[]> releases = new ArrayDeque<>();
    private long inWindow;

    ViewPace(long lagNanos, long min, long max) {
        this.lagNanos = lagNanos;
        this.min = min;
        this.max = max;
    }

    /** The view made {@code bytes} of this stream readable at {@code now} ({@link System#nanoTime()}). */
    void readable(long bytes, long now) {
        releases.addLast(new long[] {now, bytes});
        inWindow += bytes;
        forget(now);
    }

    /** Bytes the stream may have that are not readable yet: its pace over the last lag, within [min, max]. */
    long allowance(long now) {
        forget(now);
        return Math.max(min, Math.min(max, inWindow));
    }

    private void forget(long now) {
        while (!releases.isEmpty() && now - releases.peekFirst()[0] > lagNanos) {
            inWindow -= releases.removeFirst()[1];
        }
    }
}
