package io.rta.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class InvalidTimestampsTest {

    private final InvalidTimestamps extractor = new InvalidTimestamps();

    @Test
    void shouldTakeAValidTimestampAsItIs() {
        assertThat(extractor.extract(record(1_700_000_000_000L), 1_800_000_000_000L)).isEqualTo(1_700_000_000_000L);
        assertThat(extractor.extract(record(0), 5)).isZero();
    }

    @Test
    void shouldProcessARecordWithoutAValidTimestampAtItsPartitionsTimeInsteadOfFailing() {
        assertThat(extractor.extract(record(-1), 1_700_000_000_000L)).isEqualTo(1_700_000_000_000L);
        assertThat(extractor.extract(record(Long.MIN_VALUE), 42)).isEqualTo(42);
        // before the partition had a record with a time, Kafka Streams passes -1: the record is taken at 0
        assertThat(extractor.extract(record(-1), -1)).isZero();
    }

    private static ConsumerRecord<Object, Object> record(long timestamp) {
        return new ConsumerRecord<>("rta.session-updates", 0, 7, timestamp, TimestampType.CREATE_TIME, 0, 0, "key",
                "value", new RecordHeaders(), Optional.empty());
    }
}
