package io.rta.server.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;

/** Where the benchmark's data ended up: sizes of a state store's RocksDB files and of topics' partition logs. */
final class StorageFacts {

    /** A store's RocksDB files: the SST files (the data) and the whole directories (with logs, manifests). */
    record StoreSize(long sstBytes, long totalBytes) {
    }

    private StorageFacts() {
    }

    /** Sums every directory named {@code store} under a Kafka Streams state directory (one per task). */
    static StoreSize storeSize(Path stateDir, String store) {
        try (Stream<Path> paths = Files.walk(stateDir)) {
            List<Path> storeDirs = paths.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals(store))
                    .toList();
            long sst = 0;
            long total = 0;
            for (Path dir : storeDirs) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        long size = sizeOrZero(file);
                        total += size;
                        sst += file.getFileName().toString().endsWith(".sst") ? size : 0;
                    }
                }
            }
            return new StoreSize(sst, total);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure the store " + store + " under " + stateDir, e);
        }
    }

    /** RocksDB deletes files as it compacts: a file gone between listing and sizing counts as nothing. */
    private static long sizeOrZero(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return 0;
        }
    }

    /**
     * The keys and values a compacted changelog leaves live (the latest value of each key, none for a tombstone):
     * what its state store holds, whether or not RocksDB has flushed its memtables to files yet.
     */
    static long liveBytes(Map<String, Object> clientConfig, String changelog) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        Map<Bytes, Integer> live = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(changelog).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        live.remove(Bytes.wrap(record.key()));
                    } else {
                        live.put(Bytes.wrap(record.key()), record.key().length + record.value().length);
                    }
                }
            }
        }
        return live.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** The bytes of every partition log (all replicas) of {@code topic}, as the brokers report them. */
    static long topicBytes(Map<String, Object> clientConfig, String topic)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(clientConfig)) {
            Collection<Node> brokers = admin.describeCluster().nodes().get();
            Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(
                    brokers.stream().map(Node::id).toList()).allDescriptions().get();
            return dirs.values().stream().flatMap(byPath -> byPath.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(replica -> replica.getKey().topic().equals(topic))
                    .mapToLong(replica -> replica.getValue().size()).sum();
        }
    }
}
