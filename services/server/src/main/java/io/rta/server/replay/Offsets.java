package io.rta.server.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Offsets of topics and of a consumer group, through one admin client: what a replay measures its progress by. */
final class Offsets implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;
    /** How far back from a partition's end the last record is looked for (only markers may follow it). */
    private static final long[] LOOK_BACK = {1, 4, 64, 1024};

    private final Admin admin;
    private final Map<String, Object> consumerConfig;

    Offsets(Map<String, Object> commonConfig, Map<String, Object> consumerConfig) {
        Properties props = new Properties();
        props.putAll(commonConfig);
        this.admin = Admin.create(props);
        this.consumerConfig = readCommitted(consumerConfig);
    }

    /** A consumer config reading raw bytes of committed transactions only, without a group. */
    static Map<String, Object> readCommitted(Map<String, Object> consumerConfig) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(
                java.util.Locale.ROOT));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    Map<String, Object> consumerConfig() {
        return consumerConfig;
    }

    java.util.Set<String> topicNames() {
        return get(admin.listTopics().names());
    }

    /** Every partition of the topics, which must exist. */
    List<TopicPartition> partitions(List<String> topics) {
        Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            described.get(topic).partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    Map<TopicPartition, Long> beginnings(List<TopicPartition> partitions) {
        return list(partitions, OffsetSpec.earliest());
    }

    /** The last stable offsets: records of transactions still open are not counted (they may yet abort). */
    Map<TopicPartition, Long> ends(List<TopicPartition> partitions) {
        return list(partitions, OffsetSpec.latest());
    }

    /** Per partition, the first offset whose record has a timestamp at or after {@code time}; the end when none. */
    Map<TopicPartition, Long> at(List<TopicPartition> partitions, Instant time) {
        Map<TopicPartition, Long> found = list(partitions, OffsetSpec.forTimestamp(time.toEpochMilli()));
        Map<TopicPartition, Long> ends = ends(partitions);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        partitions.forEach(p -> offsets.put(p, found.get(p) < 0 ? ends.get(p) : found.get(p)));
        return offsets;
    }

    private Map<TopicPartition, Long> list(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResultInfo> answer = get(admin.listOffsets(request,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    /**
     * Per partition, the offset just past its last committed record before {@code ends}: what a consumer that read
     * everything commits at least. (The end offset itself may lie past transaction markers, which no record fills.)
     */
    Map<TopicPartition, Long> lastRecordEnds(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> targets = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            for (Map.Entry<TopicPartition, Long> entry : ends.entrySet()) {
                TopicPartition partition = entry.getKey();
                long start = starts.get(partition);
                long end = entry.getValue();
                targets.put(partition, end <= start ? start : lastRecordEnd(consumer, partition, start, end));
            }
        }
        return targets;
    }

    private static long lastRecordEnd(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long start,
                                      long end) {
        consumer.assign(List.of(partition));
        long from = end;
        for (long back : LOOK_BACK) {
            from = Math.max(start, end - back);
            long last = lastOffset(consumer, partition, from, end);
            if (last >= 0) {
                return last + 1;
            }
            if (from == start) {
                return start; // nothing committed in [start, end)
            }
        }
        long last = lastOffset(consumer, partition, start, end);
        return last >= 0 ? last + 1 : start;
    }

    /** The offset of the last committed record in {@code [from, end)}, or -1. */
    private static long lastOffset(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long from,
                                   long end) {
        consumer.seek(partition, from);
        long last = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot read " + partition + " up to offset " + end + " within "
                        + TIMEOUT_SECONDS + " s (an open transaction?)");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end) {
                    last = Math.max(last, record.offset());
                }
            }
        }
        return last;
    }

    /** The group's committed offsets (none for a group that never committed). */
    Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((p, o) -> {
            if (o != null) {
                offsets.put(p, o.offset());
            }
        });
        return offsets;
    }

    /** Sets a group's offsets before its first member joins (where a replay from a time starts). */
    void commit(String group, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> request = new HashMap<>();
        offsets.forEach((p, o) -> request.put(p, new OffsetAndMetadata(o)));
        get(admin.alterConsumerGroupOffsets(group, request).all());
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
