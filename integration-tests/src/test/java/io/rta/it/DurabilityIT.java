package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static io.rta.it.Ops.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import io.rta.proto.toolkit.config.GetConfigRequest;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.proto.toolkit.session.ConfigBinding;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.DeleteSessionsRequest;
import io.rta.proto.toolkit.session.Marker;
import io.rta.proto.toolkit.session.PutSessionFolderRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.proto.toolkit.session.SessionUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Durability: the views are rebuilt from the topics when the local state is gone, and a {@code kill -9} after
 * acknowledged writes loses none of them. Each test runs its own server on its own data directory.
 */
class DurabilityIT {

    private static final Duration PROCESS_START = Duration.ofMinutes(4);
    private static final Duration RESOLUTION = Duration.ofSeconds(60);
    private static final byte[] CONFIG = ConfigStoreIT.EXAMPLE.getBytes(StandardCharsets.UTF_8);

    /** REST resources compared before and after a restart: lists, sessions, folders, metamodel, a config. */
    private static final List<String> SNAPSHOT = List.of(
            "/rta/v2/sessions?pageSize=100",
            "/rta/v2/sessions?sort=details.Lap:desc,identity",
            "/rta/v2/sessions/dur-1",
            "/rta/v2/sessions/dur-2",
            "/rta/v2/sessions/dur-deleted",
            "/rta/v2/sessions/dur-1/data-bindings",
            "/rta/v2/session-folders/",
            "/rta/v2/session-folders/dur-a",
            "/rta/v2/session-metamodel?prop=extDetails",
            "/rta/v2/session-metamodel?folder=dur-a",
            "/rta/v2/session-metamodel/properties",
            "/rta/v2/configs/dur-config");

    @Test
    void shouldAnswerIdenticallyAfterARestartWithoutTheStreamsStateDirectory() {
        TestServer server = TestServer.create().start();
        try {
            writeWorkload(server);
            awaitChildren(server.http(), "dur-1", "[\"dur-2\"]");
            Map<String, String> before = snapshot(server.http());

            server.stop();
            deleteRecursively(server.dataPath().resolve("streams"));
            assertThat(server.dataPath().resolve("streams")).doesNotExist();
            assertThat(server.dataPath().resolve("kafka")).isDirectory();
            server.start();

            assertThat(snapshot(server.http())).isEqualTo(before);
            assertSchemaMappingsReadable(server);
            assertStateCarriesOn(server);
        } finally {
            server.stop();
            deleteRecursively(server.dataPath());
        }
    }

    @Test
    void shouldLoseNoAcknowledgedWriteWhenTheServerProcessIsKilled() {
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        restartAfterKill(server -> {
            writeWorkload(server);
            startWriting(server, acknowledged);
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 20);
        }, server -> {
            assertWorkloadReadable(server);
            assertSchemaMappingsReadable(server);
            assertThat(acknowledged).allSatisfy(identity ->
                    assertThat(server.http().get("/rta/v2/sessions/" + identity).statusCode()).isEqualTo(200));
        });
    }

    @Test
    void shouldAcceptWritesAsSoonAsAServerRestartedAfterAKillIsHealthy() {
        restartAfterKill(server -> server.sessions().createOrUpdateSession(
                create("dur-before-kill", "Before", "2021-05-08T00:00:00Z", OPEN)), server -> {
                    server.sessions().createOrUpdateSession(
                            create("dur-after-kill", "After", "2021-05-08T00:00:00Z", OPEN));
                    assertThat(server.http().get("/rta/v2/sessions/dur-after-kill").statusCode()).isEqualTo(200);
                });
    }

    /**
     * Runs a server process, does {@code beforeKill} against it, kills it with SIGKILL (its registry child is left
     * behind, as it would be), starts it again on the same data directory, and does {@code afterRestart}.
     */
    private static void restartAfterKill(Consumer<TestServer> beforeKill, Consumer<TestServer> afterRestart) {
        TestServer server = TestServer.create();
        ServerProcess first = ServerProcess.start(server, "first", PROCESS_START);
        List<ProcessHandle> registries = first.descendants();
        try {
            assertThat(registries).as("the registry child process").isNotEmpty();
            beforeKill.accept(server);
            first.kill();
            server.stop();
        } catch (RuntimeException | Error e) {
            first.close();
            throw e;
        }
        try (ServerProcess second = ServerProcess.start(server, "second", PROCESS_START)) {
            assertThat(registries).as("the registry left by the killed server is stopped")
                    .noneMatch(ProcessHandle::isAlive);
            afterRestart.accept(server);
        } finally {
            registries.forEach(ProcessHandle::destroyForcibly);
            server.stop();
            deleteRecursively(server.dataPath());
        }
    }

    /** Folders, sessions with every collection, relationships, a delete, a sequence and a config. */
    private static void writeWorkload(TestServer server) {
        SessionStoreGrpc.SessionStoreBlockingStub sessions = server.sessions();
        sessions.putSessionFolder(PutSessionFolderRequest.newBuilder().setIdentity("dur-a").setLabel("A").build());
        sessions.putSessionFolder(PutSessionFolderRequest.newBuilder().setParentIdentity("dur-a")
                .setIdentity("dur-a::b").setLabel("B").setDescription("Below A").build());
        sessions.createOrUpdateSession(create("dur-1", "Durable 1", "2021-05-06T18:58:56.20289+01:00", OPEN,
                Ops.setFolders("dur-a::b"), Ops.setType("Stream"), Ops.setQuality(0.75),
                Ops.setTimeRange(1_620_323_936_202_890_000L, 1_620_324_536_202_890_000L),
                Ops.setDetailsJson("{\"Driver\": \"SAI\", \"Lap\": 1, \"Started\": \"2021-05-06T18:58:56+01:00\"}"),
                Ops.setDetailsJson("Setup", "{\"wing\": 3}"),
                Ops.setRefAnchors("acq:dur"),
                SessionUpdate.newBuilder().setSetMarkers(SessionUpdate.MarkersMap.newBuilder()
                        .putMarkersByCategory("Laps", SessionUpdate.MarkersList.newBuilder().addMarkers(
                                Marker.newBuilder().setId("m1").setLabel("Lap 1")
                                        .setStartTime(Int64Value.of(1))).build())).build(),
                SessionUpdate.newBuilder().setSetConfigBindings(SessionUpdate.ConfigBindingsList.newBuilder()
                        .addConfigBindings(ConfigBinding.newBuilder().setIdentifier("dur-config"))).build(),
                SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                        .addDataBindings(DataBinding.newBuilder().setKey(DataBindingKey.newBuilder()
                                .setSource("influx01").setIdentity("car='1'")))).build()));
        sessions.createOrUpdateSession(create("dur-2", "Durable child", "2021-05-06T19:30:00Z", CLOSED,
                Ops.setChildOfRefs("acq:dur"), Ops.setDetailsJson("{\"Lap\": 7}")));
        sessions.createOrUpdateSession(create("dur-deleted", "Deleted", "2021-05-06T20:00:00Z", CLOSED));
        sessions.deleteSessions(DeleteSessionsRequest.newBuilder().addIdentities("dur-deleted").build());
        sessions.createOrUpdateSession(CreateOrUpdateSessionRequest.newBuilder(create("dur-sequenced",
                        "Sequence 7", "2021-05-06T21:00:00-04:00", CLOSED, Ops.setFolders("dur-a")))
                .setSequence(Int64Value.of(7)).build());
        server.configs().putConfig(PutConfigRequest.newBuilder().setIdentifier("dur-config")
                .setContentType(ConfigStoreIT.JSON).setData(ByteString.copyFrom(CONFIG)).build());
        SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub mappings = schemaMappings(server);
        mappings.putSchemaMapping(PutSchemaMappingRequest.newBuilder().setDataSource("influx01")
                .setDataIdentity("car='1'").setSchemaMapping(SchemaMappingIT.full("dur")).build());
        mappings.putSchemaMapping(PutSchemaMappingRequest.newBuilder().setDataSource("influx01")
                .setDataIdentity("car='deleted'").setSchemaMapping(SchemaMappingIT.full("deleted")).build());
        mappings.deleteSchemaMapping(DeleteSchemaMappingRequest.newBuilder().setDataSource("influx01")
                .setDataIdentity("car='deleted'").build());
    }

    private static SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub schemaMappings(TestServer server) {
        return SchemaMappingStoreGrpc.newBlockingStub(server.channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** The workload's schema mappings, as written: the kept one whole, the deleted one gone. */
    private static void assertSchemaMappingsReadable(TestServer server) {
        SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub mappings = schemaMappings(server);
        assertThat(mappings.getSchemaMapping(GetSchemaMappingRequest.newBuilder().setDataSource("influx01")
                .setDataIdentity("car='1'").build())).isEqualTo(SchemaMappingIT.full("dur"));
        assertThat(mappings.hasSchemaMapping(HasSchemaMappingRequest.newBuilder().setDataSource("influx01")
                .setDataIdentity("car='deleted'").build()).getValue()).isFalse();
    }

    /** The workload as written, including what only the rebuilt state stores know (merges, sequence, anchors). */
    private static void assertWorkloadReadable(TestServer server) {
        Http http = server.http();
        assertThat(http.getJson("/rta/v2/sessions/dur-1").get("details").get("Driver").asText()).isEqualTo("SAI");
        assertThat(http.get("/rta/v2/sessions/dur-deleted").statusCode()).isEqualTo(404);
        assertThat(Expect.identities(http.getJson("/rta/v2/sessions?folder=dur-a")))
                .containsExactly("dur-sequenced", "dur-1");
        assertThat(http.getJson("/rta/v2/session-folders/dur-a").get(0).get("description").asText())
                .isEqualTo("Below A");
        assertThat(server.configs().getConfig(GetConfigRequest.newBuilder().setIdentifier("dur-config").build())
                .getData().toByteArray()).isEqualTo(CONFIG);
        awaitChildren(http, "dur-1", "[\"dur-2\"]");
    }

    /** Writes after the restart build on the rebuilt state stores: details merge, the sequence guard, anchors. */
    private static void assertStateCarriesOn(TestServer server) {
        SessionStoreGrpc.SessionStoreBlockingStub sessions = server.sessions();
        Http http = server.http();
        sessions.createOrUpdateSession(update("dur-1", Ops.updateDetailsJson("", "{\"Lap\": 2}")));
        Expect.json(http.getJson("/rta/v2/sessions/dur-1").get("details"),
                "{\"Driver\": \"SAI\", \"Lap\": 2, \"Started\": \"2021-05-06T18:58:56+01:00\"}");
        sessions.createOrUpdateSession(CreateOrUpdateSessionRequest.newBuilder(update("dur-sequenced",
                Ops.setIdentifier("Sequence 6"))).setSequence(Int64Value.of(6)).build());
        assertThat(http.getJson("/rta/v2/sessions/dur-sequenced").get("identifier").asText()).isEqualTo("Sequence 7");
        sessions.createOrUpdateSession(create("dur-3", "Second child", "2021-05-06T19:40:00Z", CLOSED,
                Ops.setChildOfRefs("acq:dur")));
        awaitChildren(http, "dur-1", "[\"dur-2\", \"dur-3\"]");
        server.configs().putConfig(PutConfigRequest.newBuilder().setIdentifier("dur-config")
                .setContentType(ConfigStoreIT.FFC).setData(ByteString.copyFromUtf8("second")).build());
        assertThat(Http.ok(http.get("/rta/v2/configs/dur-config")).body()).isEqualTo(CONFIG);
        SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub mappings = schemaMappings(server);
        mappings.putSchemaMapping(PutSchemaMappingRequest.newBuilder().setDataSource("influx01")
                .setDataIdentity("car='1'").setSchemaMapping(SchemaMappingIT.full("after")).build());
        assertThat(mappings.getSchemaMapping(GetSchemaMappingRequest.newBuilder().setDataSource("influx01")
                .setDataIdentity("car='1'").build())).isEqualTo(SchemaMappingIT.full("after"));
    }

    /** Writes sessions one after the other until the server goes away, recording each acknowledged one. */
    private static void startWriting(TestServer server, List<String> acknowledged) {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            SessionStoreGrpc.SessionStoreBlockingStub sessions = server.sessions();
            for (int i = 0; running.get(); i++) {
                String identity = "dur-live-" + i;
                try {
                    sessions.createOrUpdateSession(create(identity, "Live " + i, "2021-05-07T00:00:00Z", OPEN,
                            Ops.setDetailsJson("{\"Index\": " + i + "}")));
                    acknowledged.add(identity);
                } catch (io.grpc.StatusRuntimeException e) {
                    running.set(false); // the server is gone: this write was not acknowledged
                }
            }
        }, "durability-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private static void awaitChildren(Http http, String parent, String children) {
        await().atMost(RESOLUTION).untilAsserted(() ->
                Expect.json(http.getJson("/rta/v2/sessions/" + parent).get("children"), children));
    }

    /** Status, media type and exact body of each snapshot resource. */
    private static Map<String, String> snapshot(Http http) {
        Map<String, String> responses = new LinkedHashMap<>();
        for (String path : SNAPSHOT) {
            HttpResponse<byte[]> response = http.get(path);
            responses.put(path, response.statusCode() + " " + response.headers().firstValue("Content-Type")
                    .orElse("") + "\n" + new String(response.body(), StandardCharsets.ISO_8859_1));
        }
        HttpResponse<byte[]> posted = http.postForm("/rta/v2/sessions", Http.form("prop", "extDetails",
                "query", "{\"details.Lap\": {\"$gte\": 1}}", "sort", "details.Lap:asc"));
        responses.put("POST /rta/v2/sessions", posted.statusCode() + "\n" + Http.text(posted));
        assertThat(responses).as("every snapshot resource answered").allSatisfy((path, response) ->
                assertThat(response).startsWith(path.endsWith("dur-deleted") ? "404" : "200"));
        return responses;
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
