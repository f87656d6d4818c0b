package io.rta.stream.redis;

/** A session time range, inclusive, in ns since the Unix epoch. */
record TimeRange(long start, long end) {

    /** The smallest range covering both: a time range update only ever widens the session. */
    TimeRange union(TimeRange other) {
        if (other == null) {
            return this;
        }
        return new TimeRange(Math.min(start, other.start), Math.max(end, other.end));
    }
}
