package io.rta.data.api;

import org.apache.kafka.common.TopicPartition;

/** Where Kafka stored a record: its topic partition and offset. */
public record RecordPosition(TopicPartition partition, long offset) {
}
