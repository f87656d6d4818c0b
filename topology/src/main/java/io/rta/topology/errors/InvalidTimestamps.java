package io.rta.topology.errors;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time of every record the topologies read: its own timestamp, or — for a record without a valid one (negative,
 * e.g. -1 from a producer that sets none) — its partition's time so far (0 before any record of the partition had a
 * time). Kafka Streams' default extractor fails the task on such a record, and the replaced thread reads the same
 * record again: one record from a buggy producer stopped its partition for good. The partition time is the largest
 * timestamp the task has seen on the partition, which a replay sees the same way, so views rebuilt from the topics
 * still answer identically. Logged (the first, second, fourth, ... such record), never set aside: the record's
 * content is still good.
 */
public final class InvalidTimestamps implements TimestampExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidTimestamps.class);
    private static final AtomicLong SEEN = new AtomicLong();

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long timestamp = record.timestamp();
        if (timestamp >= 0) {
            return timestamp;
        }
        long substitute = Math.max(partitionTime, 0);
        long seen = SEEN.incrementAndGet();
        if ((seen & (seen - 1)) == 0) {
            LOG.warn("The record {}-{}@{} has no valid timestamp ({}); it is processed at its partition's time {} "
                    + "({} such record(s) since start)", LogText.escape(record.topic()), record.partition(),
                    record.offset(), timestamp, substitute, seen);
        }
        return substitute;
    }
}
