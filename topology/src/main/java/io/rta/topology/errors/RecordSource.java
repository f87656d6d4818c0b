package io.rta.topology.errors;

import org.apache.kafka.common.header.Header;

/**
 * Where a record set aside came from: its topic, partition and offset (the dead letter's key), timestamp and headers.
 */
public record RecordSource(String topic, int partition, long offset, long timestamp, Iterable<Header> headers) {
}
