package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.ConfigStreamMessage;
import io.rta.proto.toolkit.config.DeleteConfigRequest;
import io.rta.proto.toolkit.config.GetConfigRequest;
import io.rta.proto.toolkit.config.GetConfigResponse;
import io.rta.proto.toolkit.config.HasConfigRequest;
import io.rta.proto.toolkit.config.PutConfigRequest;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Configuration over the ConfigStore gRPC API and the Config REST API: store unless it exists, stream configs far
 * over gRPC's 4 MiB, serve the stored bytes with the stored media type, delete, and validate JSON configs.
 */
class ConfigStoreIT {

    static final String JSON = "application/vnd.mat.config+json";
    static final String FFC = "application/vnd.mat.config+ffc";

    /** The example of api.yaml, laid out by hand: the bytes must come back exactly, whitespace included. */
    static final String EXAMPLE = """
            {
              "demo": {
                "tree": {"params": ["param:demo"]},
                "parameters": [
                  {"id": "param:demo", "name": "param", "desc": "Example Parameter", "min": -1500, "max": 1500,
                   "warnMin": -1000, "warnMax": 1000, "conv": "1to1:demo", "channels": [1]}
                ],
                "channels": [{"id": 1, "source": "timestamped"}],
                "conversions": [{"name": "1to1:demo", "unit": "", "format": "%5.3f"}],
                "events": [{"id": 8, "code": "0008", "desc": "0008:demo Example Event", "pri": "high", "convs": []}]
              }
            }
            """;

    private static final int MIB = 1024 * 1024;

    private final TestServer server = TestServer.shared();
    private final Http http = server.http();
    private final ConfigStoreGrpc.ConfigStoreBlockingStub configs = server.configs();

    @Test
    void shouldStoreAJsonConfigAndServeItsExactBytesWithItsMediaTypeOverGrpcAndRest() {
        byte[] data = EXAMPLE.getBytes(StandardCharsets.UTF_8);

        put("cfg-json", JSON, data);

        assertThat(has("cfg-json")).isTrue();
        GetConfigResponse stored = configs.getConfig(GetConfigRequest.newBuilder().setIdentifier("cfg-json").build());
        assertThat(stored.getContentType()).isEqualTo(JSON);
        assertThat(stored.getData().toByteArray()).isEqualTo(data);
        assertServed("cfg-json", JSON, data);
    }

    @Test
    void shouldServeAnFfcConfigAsFfc() {
        byte[] data = random(64 * 1024 + 7, 1);

        put("cfg-ffc", FFC, data);

        assertServed("cfg-ffc", FFC, data);
    }

    @Test
    void shouldKeepTheFirstPublicationOfAnIdentifier() {
        byte[] first = random(1000, 2);
        put("cfg-first", FFC, first);

        put("cfg-first", FFC, random(1000, 3));
        putStream("cfg-first", JSON, EXAMPLE.getBytes(StandardCharsets.UTF_8), MIB);

        GetConfigResponse stored = configs.getConfig(GetConfigRequest.newBuilder().setIdentifier("cfg-first").build());
        assertThat(stored.getContentType()).isEqualTo(FFC);
        assertThat(stored.getData().toByteArray()).isEqualTo(first);
    }

    /**
     * Publications of one identifier racing each other: every call succeeds (none waits for a view change that never
     * comes), exactly one content is stored, and it is one of theirs. Deletes of absent configs succeed too.
     */
    @Test
    void shouldAnswerEveryRacingPublicationAndKeepExactlyOneOfThem() throws Exception {
        ConfigStoreGrpc.ConfigStoreFutureStub async = ConfigStoreGrpc.newFutureStub(server.channel());
        for (int round = 0; round < 5; round++) {
            String identifier = "cfg-race-" + round;
            List<byte[]> contents = new ArrayList<>();
            List<ListenableFuture<Empty>> calls = new ArrayList<>();
            for (int writer = 0; writer < 8; writer++) {
                byte[] data = random(500 + writer, 100L * round + writer);
                contents.add(data);
                calls.add(async.withDeadlineAfter(60, TimeUnit.SECONDS).putConfig(PutConfigRequest.newBuilder()
                        .setIdentifier(identifier).setContentType(FFC).setData(ByteString.copyFrom(data)).build()));
                calls.add(async.withDeadlineAfter(60, TimeUnit.SECONDS).deleteConfig(DeleteConfigRequest.newBuilder()
                        .setIdentifier("cfg-race-absent-" + round + "-" + writer).build()));
            }
            for (ListenableFuture<Empty> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }

            byte[] stored = configs.getConfig(GetConfigRequest.newBuilder().setIdentifier(identifier).build())
                    .getData().toByteArray();
            assertThat(contents).anySatisfy(content -> assertThat(content).isEqualTo(stored));
        }
    }

    @Test
    void shouldDeleteAConfigAndSucceedForOneThatDoesNotExist() {
        put("cfg-deleted", FFC, random(100, 4));

        configs.deleteConfig(DeleteConfigRequest.newBuilder().setIdentifier("cfg-deleted").build());

        assertThat(has("cfg-deleted")).isFalse();
        Expect.status(() -> configs.getConfig(GetConfigRequest.newBuilder().setIdentifier("cfg-deleted").build()),
                Status.Code.NOT_FOUND, "cfg-deleted");
        Expect.restError(http.get("/rta/v2/configs/cfg-deleted"), 404, "cfg-deleted");
        assertThat(http.head("/rta/v2/configs/cfg-deleted").statusCode()).isEqualTo(404);
        configs.deleteConfig(DeleteConfigRequest.newBuilder().setIdentifier("cfg-deleted").build());
        configs.deleteConfig(DeleteConfigRequest.newBuilder().setIdentifier("cfg-never-existed").build());

        byte[] again = random(200, 5);
        put("cfg-deleted", FFC, again);
        assertServed("cfg-deleted", FFC, again);
    }

    @Test
    void shouldStreamAConfigOfTwentyMebibytesInAndOutByteForByte() {
        byte[] data = random(20 * MIB + 123, 6);

        putStream("cfg-large", FFC, data, MIB);

        Iterator<ConfigStreamMessage> messages = configs.getConfigStream(GetConfigRequest.newBuilder()
                .setIdentifier("cfg-large").build());
        ConfigStreamMessage first = messages.next();
        assertThat(first.getInfo().getIdentifier()).isEqualTo("cfg-large");
        assertThat(first.getInfo().getContentType()).isEqualTo(FFC);
        ByteArrayOutputStream received = new ByteArrayOutputStream(data.length);
        messages.forEachRemaining(message -> {
            assertThat(message.getTypeCase()).isEqualTo(ConfigStreamMessage.TypeCase.PIECE);
            received.writeBytes(message.getPiece().toByteArray());
        });
        assertThat(received.toByteArray()).isEqualTo(data);
        assertServed("cfg-large", FFC, data);
        Expect.status(() -> configs.getConfig(GetConfigRequest.newBuilder().setIdentifier("cfg-large").build()),
                Status.Code.RESOURCE_EXHAUSTED, "GetConfigStream");
    }

    @Test
    void shouldRejectPutConfigOverFourMebibytesNamingPutConfigStream() {
        Expect.status(() -> put("cfg-too-big", FFC, random(4 * MIB + 1, 7)), Status.Code.INVALID_ARGUMENT,
                "PutConfigStream");
        assertThat(has("cfg-too-big")).isFalse();
    }

    @Test
    void shouldRejectJsonConfigsThatDoNotMatchTheConfigSchemaAndStoreNothing() {
        Expect.status(() -> put("cfg-invalid", JSON,
                        "{\"demo\": {\"parameters\": [{\"id\": \"p:demo\"}]}}".getBytes(StandardCharsets.UTF_8)),
                Status.Code.INVALID_ARGUMENT, "cfg-invalid", "config.schema.json", "name");
        Expect.status(() -> put("cfg-invalid", JSON, "{\"demo\": ".getBytes(StandardCharsets.UTF_8)),
                Status.Code.INVALID_ARGUMENT, "cfg-invalid", "not valid JSON");
        Expect.status(() -> putStream("cfg-invalid", JSON, "[1, 2, 3]".getBytes(StandardCharsets.UTF_8), 4),
                Status.Code.INVALID_ARGUMENT, "cfg-invalid", "config.schema.json");

        assertThat(has("cfg-invalid")).isFalse();
        assertThat(http.head("/rta/v2/configs/cfg-invalid").statusCode()).isEqualTo(404);
    }

    /** GET answers the bytes with the media type; HEAD the same headers without a body. */
    private void assertServed(String identifier, String mediaType, byte[] data) {
        HttpResponse<byte[]> get = Http.ok(http.get("/rta/v2/configs/" + identifier));
        assertThat(get.headers().firstValue("Content-Type")).hasValue(mediaType);
        assertThat(get.body()).isEqualTo(data);
        HttpResponse<byte[]> head = Http.ok(http.head("/rta/v2/configs/" + identifier));
        assertThat(head.headers().firstValue("Content-Type")).hasValue(mediaType);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(data.length));
        assertThat(head.body()).isEmpty();
    }

    private void put(String identifier, String contentType, byte[] data) {
        configs.putConfig(PutConfigRequest.newBuilder().setIdentifier(identifier).setContentType(contentType)
                .setData(ByteString.copyFrom(data)).build());
    }

    private boolean has(String identifier) {
        return configs.hasConfig(HasConfigRequest.newBuilder().setIdentifier(identifier).build()).getValue();
    }

    /** PutConfigStream: the info, then the data in pieces; waits for the answer and rethrows its error. */
    static void putStream(TestServer server, String identifier, String contentType, byte[] data, int pieceBytes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<ConfigStreamMessage> stream = ConfigStoreGrpc.newStub(server.channel())
                .withDeadlineAfter(2, TimeUnit.MINUTES).putConfigStream(new StreamObserver<>() {
                    @Override
                    public void onNext(Empty value) {
                        // the answer carries nothing
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        stream.onNext(ConfigStreamMessage.newBuilder().setInfo(ConfigStreamMessage.ConfigInfo.newBuilder()
                .setIdentifier(identifier).setContentType(contentType)).build());
        for (int offset = 0; offset < data.length; offset += pieceBytes) {
            stream.onNext(ConfigStreamMessage.newBuilder().setPiece(ByteString.copyFrom(data, offset,
                    Math.min(pieceBytes, data.length - offset))).build());
        }
        stream.onCompleted();
        try {
            done.get(2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("PutConfigStream did not answer", e);
        }
    }

    private void putStream(String identifier, String contentType, byte[] data, int pieceBytes) {
        putStream(server, identifier, contentType, data, pieceBytes);
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
