package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rta.it.data.ChunkedWireDecoder;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.it.data.Samples;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The chunk view survives failures: a {@code kill -9} during ingest loses nothing a flush marker acknowledged, and
 * resuming the writes (rewriting what was not acknowledged) ends with exactly the chunks of an uninterrupted run; a
 * server restarted without its Kafka Streams state rebuilds byte-identical chunks from the topics.
 *
 * <p>Only sampled data is rewritten on resumption: duplicates of it are dropped by the chunker, while the same event
 * written twice is kept (it may legitimately occur twice).
 */
class DataDurabilityIT {

    private static final Duration PROCESS_START = Duration.ofMinutes(4);
    private static final List<String> KINDS = List.of("periodic", "timestamped", "row", "events");
    private static final int BURSTS = 40;
    /** How long reads after a restart may answer 503 while the chunk store restores. */
    private static final Duration RESTORE = Duration.ofSeconds(60);

    @Test
    void shouldKeepEveryFlushedBurstThroughAKillAndEndWithTheChunksOfAnUninterruptedRun() {
        TestServer server = TestServer.create();
        ServerProcess first = ServerProcess.start(server, "first", PROCESS_START);
        List<ProcessHandle> registries = first.descendants();
        Map<String, byte[]> uninterrupted;
        int acknowledged;
        try {
            createSessions(server, "ddu-reference", "ddu-killed");
            try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
                firstBurstOneMessageARecord(stream.identity("ddu-reference"));
                IntStream.range(1, BURSTS).forEach(k -> stream.send(Telemetry.sampledBurst(k)).marker("m" + k));
                stream.flush("end").complete();
            }
            uninterrupted = bodies(server, "ddu-reference");

            acknowledged = writeUntilKilled(server, first);
            server.stop();
        } catch (RuntimeException | Error e) {
            first.close();
            throw e;
        }
        try (ServerProcess second = ServerProcess.start(server, "second", PROCESS_START)) {
            Map<String, byte[]> killed = bodies(server, "ddu-killed");
            assertThat(Samples.ofPeriodicChunks(decodePeriodic(killed.get("periodic"))))
                    .as("the samples of the %d acknowledged bursts", acknowledged)
                    .containsAll(Samples.ofPeriodic(Telemetry.periodic(sampledBursts(0, acknowledged))));
            assertThat(bodies(server, "ddu-reference")).as("data written before the kill")
                    .containsOnlyKeys(uninterrupted.keySet()).allSatisfy((kind, body) ->
                            assertThat(body).as(kind).isEqualTo(uninterrupted.get(kind)));

            try (WriteStreamClient resumed = WriteStreamClient.open(server.channel())) {
                resumed.identity("ddu-killed").send(sampledBursts(acknowledged, BURSTS)).flush("end").complete();
            }

            DataPipelineIT.assertSameBodies(bodies(server, "ddu-killed"), uninterrupted);
        } finally {
            registries.forEach(ProcessHandle::destroyForcibly);
            server.stop();
            DurabilityIT.deleteRecursively(server.dataPath());
        }
    }

    @Test
    void shouldRebuildIdenticalChunksFromTheTopicsWithoutTheStreamsStateDirectory() {
        TestServer server = TestServer.create().start();
        try {
            createSessions(server, "ddu-rebuilt");
            try (WriteStreamClient stream = WriteStreamClient.open(server.channel())) {
                stream.identity("ddu-rebuilt").send(Telemetry.bursts(0, 20)).flush("end").complete();
            }
            Map<String, byte[]> before = bodies(server, "ddu-rebuilt");

            server.stop();
            DurabilityIT.deleteRecursively(server.dataPath().resolve("streams"));
            assertThat(server.dataPath().resolve("streams")).doesNotExist();
            assertThat(server.dataPath().resolve("kafka")).isDirectory();
            server.start();

            Map<String, byte[]> after = bodies(server, "ddu-rebuilt");
            before.forEach((kind, body) -> assertThat(after.get(kind)).as(kind).isNotEmpty().isEqualTo(body));
        } finally {
            server.stop();
            DurabilityIT.deleteRecursively(server.dataPath());
        }
    }

    /**
     * Writes bursts to {@code ddu-killed}, each followed by a flush marker, and kills the server process once a few
     * are acknowledged while the writer is still going.
     *
     * @return how many bursts were acknowledged (their markers echoed, in order) before the kill
     */
    private static int writeUntilKilled(TestServer server, ServerProcess process) {
        WriteStreamClient stream = WriteStreamClient.open(server.channel()).identity("ddu-killed");
        firstBurstOneMessageARecord(stream);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int k = 1; k < BURSTS && !stream.failed(); k++) {
                    stream.send(Telemetry.sampledBurst(k)).marker("m" + k);
                    Thread.sleep(150);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                writerFailure.set(e);
            }
        }, "durability-data-writer");
        writer.setDaemon(true);
        writer.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> bursts(stream.echoed()).size() >= 5);
        process.kill();
        await().atMost(Duration.ofSeconds(30)).until(stream::failed);
        List<String> echoed = bursts(stream.echoed());
        stream.close();
        assertThat(writerFailure.get()).isNull();
        assertThat(echoed).as("markers echo in order")
                .isEqualTo(IntStream.range(1, echoed.size() + 1).mapToObj(k -> "m" + k).toList());
        assertThat(echoed).as("the kill came during ingest").hasSizeLessThan(BURSTS - 1);
        return 1 + echoed.size();
    }

    /**
     * Writes burst 0 with a flush after each message, so the first record of every series is exactly its first
     * message in every run: a series' slot duration is chosen from the rate seen in its first record, so runs
     * compared byte for byte must not depend on how the writer happened to pack (linger) that record.
     */
    private static void firstBurstOneMessageARecord(WriteStreamClient stream) {
        List<WriteDataStreamMessage> first = Telemetry.sampledBurst(0);
        for (int i = 0; i < first.size(); i++) {
            stream.send(first.get(i)).flush("first-" + i);
        }
    }

    /** The burst markers among the echoed ones. */
    private static List<String> bursts(List<String> echoed) {
        return echoed.stream().filter(marker -> marker.startsWith("m")).toList();
    }

    private static List<DecodedChunk<PeriodicDataList>> decodePeriodic(byte[] body) {
        try {
            return ChunkedWireDecoder.periodic(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<WriteDataStreamMessage> sampledBursts(int from, int to) {
        List<WriteDataStreamMessage> messages = new ArrayList<>();
        IntStream.range(from, to).forEach(k -> messages.addAll(Telemetry.sampledBurst(k)));
        return messages;
    }

    private static void createSessions(TestServer server, String... identities) {
        for (String identity : identities) {
            server.sessions().createOrUpdateSession(create(identity, identity, "2023-11-14T22:13:20Z", OPEN));
        }
    }

    private static Map<String, byte[]> bodies(TestServer server, String identity) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        KINDS.forEach(kind -> bodies.put(kind, DataApi.of(server).bodyWhenAvailable(identity, kind, RESTORE)));
        return bodies;
    }
}
