package io.rta.it;

import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rta.it.data.Samples;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two server instances against one cluster share the chunk view by partition: each data identity has exactly one
 * owner, either instance answers any read with the same bytes (forwarding REST, relaying gRPC), and when one instance
 * stops, the survivor takes its partitions over and reads keep succeeding (503 only while ownership moves).
 */
class DataScaleOutIT {

    private static final Duration PROCESS_START = Duration.ofMinutes(4);
    private static final Duration REBALANCE = Duration.ofSeconds(60);
    private static final String FORWARDED = "X-RTA-Forwarded";
    private static final List<String> KINDS = List.of("periodic", "timestamped", "row", "events");
    private static final List<String> SESSIONS = IntStream.range(0, 12).mapToObj(i -> "dso-" + i).toList();

    @Test
    void shouldShareTheWorkAnswerIdenticallyThroughEitherInstanceAndSurviveOneStopping() {
        withTwoInstancesSharingData((first, second, secondProcess, owners, bodies) -> {
            assertThat(bodies).allSatisfy((path, body) -> assertThat(body).as(path).isNotEmpty());
            assertGrpcReadsThroughTheOtherInstance(owners, first, second);

            ContinuousReads reads = ContinuousReads.start(first.http(), bodies, false);
            secondProcess.close();
            await().atMost(REBALANCE).untilAsserted(() -> assertSameBodies(first.http(), bodies));
            reads.stop();
            assertThat(reads.unexpected()).as("reads through the survivor while the other instance stopped")
                    .isEmpty();
            assertThat(reads.succeeded()).isPositive();
        });
    }

    /**
     * A crash ({@code kill -9}) of one instance: the survivor answers 503 (or the transfer of a relayed read breaks) until
     * the group notices and it takes the partitions over, then every read again with the same bytes; never a wrong
     * or truncated {@code 200}.
     */
    @Test
    void shouldAnswerEveryReadAgainAfterAnInstanceCrashesAndNeverWrongly() {
        withTwoInstancesSharingData((first, second, secondProcess, owners, bodies) -> {
            ContinuousReads reads = ContinuousReads.start(first.http(), bodies, true);
            secondProcess.kill();
            await().atMost(REBALANCE).untilAsserted(() -> assertSameBodies(first.http(), bodies));
            reads.stop();
            assertThat(reads.unexpected()).as("reads through the survivor after the other instance crashed")
                    .isEmpty();
            assertThat(reads.succeeded()).isPositive();
        });
    }

    private interface TwoInstances {
        void run(TestServer first, TestServer second, ServerProcess secondProcess, Map<String, TestServer> owners,
                 Map<String, byte[]> bodies);
    }

    /**
     * The first instance in this JVM, the second in a process of its own against the same cluster, every session's
     * data written through either, both owning some of it and answering every read with the same bytes; then the
     * scenario; then both are stopped and their data removed.
     */
    private static void withTwoInstancesSharingData(TwoInstances scenario) {
        TestServer first = TestServer.create().option("AdvertisedHost", "127.0.0.1").start();
        TestServer second = TestServer.create().option("AdvertisedHost", "127.0.0.1")
                .option("BootstrapServers", first.bootstrapServers()).option("RegistryUrl", first.registryUrl());
        ServerProcess secondProcess = null;
        try {
            secondProcess = ServerProcess.start(second, "second", PROCESS_START);
            writeEverySession(first, second);
            Map<String, TestServer> owners = awaitOwners(first, second);
            assertThat(owners.values()).as("both instances own some data identities").contains(first, second);
            Map<String, byte[]> bodies = bodies(first.http());
            assertSameBodies(second.http(), bodies);
            scenario.run(first, second, secondProcess, owners, bodies);
        } finally {
            if (secondProcess != null) {
                secondProcess.close();
            }
            second.stop();
            first.stop();
            DurabilityIT.deleteRecursively(second.dataPath());
            DurabilityIT.deleteRecursively(first.dataPath());
        }
    }

    /** Sessions created on the first instance; their data written alternately through either instance. */
    private static void writeEverySession(TestServer first, TestServer second) {
        for (String identity : SESSIONS) {
            first.sessions().createOrUpdateSession(create(identity, identity, "2023-11-14T22:13:20Z", OPEN));
        }
        for (int i = 0; i < SESSIONS.size(); i++) {
            TestServer through = i % 2 == 0 ? first : second;
            try (WriteStreamClient stream = WriteStreamClient.open(through.channel())) {
                stream.identity(SESSIONS.get(i)).send(Telemetry.bursts(i, i + 4)).flush("done").complete();
            }
        }
        await().atMost(REBALANCE).until(() -> SESSIONS.stream().allMatch(identity ->
                second.http().get("/rta/v2/sessions/" + identity).statusCode() == 200));
    }

    /**
     * The owner of each data identity: the one instance that answers a request marked as forwarded (the other
     * refuses it with 503 rather than forward it again), once the group has settled.
     */
    private static Map<String, TestServer> awaitOwners(TestServer first, TestServer second) {
        Map<String, TestServer> owners = new LinkedHashMap<>();
        await().atMost(REBALANCE).untilAsserted(() -> {
            owners.clear();
            for (String identity : SESSIONS) {
                String path = DataApi.path(identity, "events", null, null, null);
                int fromFirst = first.http().get(path, FORWARDED, "1").statusCode();
                int fromSecond = second.http().get(path, FORWARDED, "1").statusCode();
                assertThat(List.of(fromFirst, fromSecond)).as("forwarded reads of %s", identity)
                        .containsExactlyInAnyOrder(200, 503);
                owners.put(identity, fromFirst == 200 ? first : second);
            }
        });
        return owners;
    }

    /** Every kind of every session, read through one instance. */
    private static Map<String, byte[]> bodies(Http http) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String identity : SESSIONS) {
            for (String kind : KINDS) {
                String path = DataApi.path(identity, kind, kind.equals("events") ? null : DataApi.ALL, null, null);
                bodies.put(path, Http.ok(http.get(path)).body());
            }
        }
        return bodies;
    }

    private static void assertSameBodies(Http http, Map<String, byte[]> expected) {
        expected.forEach((path, body) -> {
            HttpResponse<byte[]> response = http.get(path);
            assertThat(response.statusCode()).as("%s: %s", path, Http.text(response)).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(DataApi.CHUNKED);
            assertThat(response.body()).as(path).isEqualTo(body);
        });
    }

    /** gRPC reads of data the other instance owns are relayed: the same lists as the owner's REST chunks. */
    private static void assertGrpcReadsThroughTheOtherInstance(Map<String, TestServer> owners, TestServer first,
                                                               TestServer second) {
        owners.forEach((identity, owner) -> {
            DataApi nonOwner = DataApi.of(owner == first ? second : first);
            DataApi fromOwner = DataApi.of(owner);
            int index = SESSIONS.indexOf(identity);
            assertThat(nonOwner.grpcPeriodic(identity, DataApi.ALL, null, null))
                    .containsExactlyElementsOf(DataWriteReadIT.lists(fromOwner.periodic(identity, DataApi.ALL, null,
                            null)));
            assertThat(Samples.ofPeriodicLists(nonOwner.grpcPeriodic(identity, DataApi.ALL, null, null)))
                    .containsExactlyElementsOf(Samples.inReadOrder(Samples.ofPeriodic(
                            Telemetry.periodic(Telemetry.bursts(index, index + 4)))));
            assertThat(nonOwner.grpcRow(identity, "31", null, null)).containsExactlyElementsOf(
                    DataWriteReadIT.lists(fromOwner.row(identity, "31", null, null)));
            assertThat(nonOwner.grpcEvents(identity, null, null)).containsExactlyElementsOf(
                    DataWriteReadIT.lists(fromOwner.events(identity, null, null)));
        });
    }

    /**
     * Reads every body in a loop on a thread: a 200 must carry exactly the expected bytes; 503 is retried; a broken
     * transfer is retried only where allowed (an owner that crashed mid-relay); otherwise it is unexpected (a stopping
     * instance drains its reads, the survivor's own reads ride the rebalance).
     */
    private static final class ContinuousReads {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> unexpected = new CopyOnWriteArrayList<>();
        private final List<String> succeeded = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private final boolean brokenTransfersAllowed;

        private ContinuousReads(Http http, Map<String, byte[]> expected, boolean brokenTransfersAllowed) {
            this.brokenTransfersAllowed = brokenTransfersAllowed;
            thread = new Thread(() -> {
                while (running.get()) {
                    expected.forEach((path, body) -> read(http, path, body));
                }
            }, "scale-out-reader");
        }

        static ContinuousReads start(Http http, Map<String, byte[]> expected, boolean brokenTransfersAllowed) {
            ContinuousReads reads = new ContinuousReads(http, expected, brokenTransfersAllowed);
            reads.thread.setDaemon(true);
            reads.thread.start();
            return reads;
        }

        private void read(Http http, String path, byte[] body) {
            HttpResponse<byte[]> response;
            try {
                response = http.get(path);
            } catch (UncheckedIOException e) {
                if (!brokenTransfersAllowed) {
                    unexpected.add(path + " failed: " + e);
                }
                return;
            } catch (RuntimeException e) {
                unexpected.add(path + " failed: " + e);
                return;
            }
            if (response.statusCode() == 200 && Arrays.equals(response.body(), body)) {
                succeeded.add(path);
            } else if (response.statusCode() != 503) {
                unexpected.add(path + " answered " + response.statusCode() + " with " + response.body().length
                        + " bytes " + (response.statusCode() == 200 ? "(different)" : Http.text(response)));
            }
        }

        void stop() {
            running.set(false);
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<String> unexpected() {
            return new ArrayList<>(unexpected);
        }

        int succeeded() {
            return succeeded.size();
        }
    }
}
