package io.rta.stream.redis;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.function.IntSupplier;

/** The Redis source's metrics, named in one place ({@code /metrics} shows them in Prometheus form). */
final class RedisMetrics {

    /** Stream messages read by the readers (all sessions of the followed streams). */
    final Counter messagesRead;
    /** Messages skipped because their {@code id} or {@code data} was malformed. */
    final Counter messagesMalformed;
    /** Failed reads (Redis unreachable or failing); the readers retry with back-off. */
    final Counter readErrors;
    /** Back-fills cut short by a Redis failure (their clients may miss data from before they attached). */
    final Counter backfillErrors;
    /** Entries the trimmer removed from the streams. */
    final Counter entriesTrimmed;
    /** Trimmer runs that failed. */
    final Counter trimErrors;

    RedisMetrics(MetricRegistry registry, IntSupplier streamsFollowed) {
        messagesRead = registry.counter("rta_redis_messages_read");
        messagesMalformed = registry.counter("rta_redis_messages_malformed");
        readErrors = registry.counter("rta_redis_read_errors");
        backfillErrors = registry.counter("rta_redis_backfill_errors");
        entriesTrimmed = registry.counter("rta_redis_entries_trimmed");
        trimErrors = registry.counter("rta_redis_trim_errors");
        registry.gauge("rta_redis_streams_followed", () -> streamsFollowed::getAsInt);
    }
}
