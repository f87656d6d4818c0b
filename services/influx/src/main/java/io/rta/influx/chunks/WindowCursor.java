package io.rta.influx.chunks;

import io.rta.service.chunks.TimeWindows;

/** Where a chunker is on the time grid: rows must come in time order, and a row past the window starts the next one. */
final class WindowCursor {

    private final TimeWindows windows;
    private long windowEnd = Long.MIN_VALUE;
    private long lastTime = Long.MIN_VALUE;

    WindowCursor(TimeWindows windows) {
        this.windows = windows;
    }

    /**
     * Moves to the row at {@code time}.
     *
     * @return whether it leaves the current window (the chunker then finishes what it holds)
     * @throws IllegalStateException when InfluxDB answered rows out of time order
     */
    boolean advance(long time) {
        if (time < lastTime) {
            throw new IllegalStateException("InfluxDB answered a row at " + time + " after one at " + lastTime
                    + ": rows out of time order");
        }
        lastTime = time;
        if (time < windowEnd) {
            return false;
        }
        windowEnd = windows.windowEnd(time);
        return true;
    }
}
