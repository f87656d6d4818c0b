package io.rta.stream.redis;

import io.rta.stream.live.LiveData;

/** Receives the entries of one {@code StreamDataBurst}, in order; entries of no interest are ignored by default. */
interface BurstVisitor {

    default void sessionJson(String json) {
    }

    default void timeRange(TimeRange range) {
    }

    default void data(LiveData item) {
    }
}
