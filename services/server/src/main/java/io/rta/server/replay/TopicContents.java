package io.rta.server.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;

/**
 * What a compacted topic (a view's output or a store's changelog) holds: the last committed value of each key, a
 * tombstone removing it. Read from the beginning to the end offsets of the moment of the read.
 */
final class TopicContents {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

    private TopicContents() {
    }

    /** The latest value per key of the partitions, in key order. */
    static NavigableMap<Bytes, byte[]> latest(Map<String, Object> readCommittedConfig,
                                              List<TopicPartition> partitions) {
        NavigableMap<Bytes, byte[]> latest = new TreeMap<>();
        if (partitions.isEmpty()) {
            return latest;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readCommittedConfig)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<TopicPartition> reading = new ArrayList<>(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reading.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + reading + " to its end within "
                            + TimeUnit.NANOSECONDS.toSeconds(READ_TIMEOUT.toNanos()) + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // written after the read began
                    }
                    Bytes key = Bytes.wrap(record.key() == null ? new byte[0] : record.key());
                    if (record.value() == null) {
                        latest.remove(key);
                    } else {
                        latest.put(key, record.value());
                    }
                }
                reading.removeIf(p -> consumer.position(p) >= ends.get(p));
            }
        }
        return latest;
    }
}
