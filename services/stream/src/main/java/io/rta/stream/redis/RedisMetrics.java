package io.rta.stream.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/** The Redis source's metrics, named in one place ({@code /metrics} shows them as {@code rta_redis_*}). */
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

    RedisMetrics(MeterRegistry registry, IntSupplier streamsFollowed) {
        messagesRead = registry.counter("rta.redis.messages.read");
        messagesMalformed = registry.counter("rta.redis.messages.malformed");
        readErrors = registry.counter("rta.redis.read.errors");
        backfillErrors = registry.counter("rta.redis.backfill.errors");
        entriesTrimmed = registry.counter("rta.redis.entries.trimmed");
        trimErrors = registry.counter("rta.redis.trim.errors");
        Gauge.builder("rta.redis.streams.followed", streamsFollowed::getAsInt).register(registry);
    }
}
