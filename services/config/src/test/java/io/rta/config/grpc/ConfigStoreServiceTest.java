package io.rta.config.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.rta.config.ConfigFixtures;
import io.rta.config.api.ConfigMediaTypes;
import io.rta.config.api.ConfigReader;
import io.rta.config.api.InMemoryConfigStore;
import io.rta.service.write.WriteTimeoutException;
import io.rta.config.validation.ConfigValidator;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.ConfigStreamMessage;
import io.rta.proto.toolkit.config.ConfigStreamMessage.ConfigInfo;
import io.rta.proto.toolkit.config.DeleteConfigRequest;
import io.rta.proto.toolkit.config.GetConfigRequest;
import io.rta.proto.toolkit.config.GetConfigResponse;
import io.rta.proto.toolkit.config.HasConfigRequest;
import io.rta.proto.toolkit.config.PutConfigRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.rta.config.ConfigFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigStoreServiceTest {

    private static final int MIB = 1024 * 1024;

    private final InMemoryConfigStore store = new InMemoryConfigStore();
    private Server server;
    private ManagedChannel channel;
    private ConfigStoreGrpc.ConfigStoreBlockingStub client;
    private ConfigStoreGrpc.ConfigStoreStub asyncClient;

    @BeforeEach
    void startServer() throws IOException {
        serve(store, ConfigStoreLimits.defaults());
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldStoreAConfigAndReadItBack() {
        client.putConfig(put("demo", ConfigMediaTypes.JSON, ConfigFixtures.exampleJson()));

        assertThat(client.hasConfig(has("demo")).getValue()).isTrue();
        GetConfigResponse config = client.getConfig(get("demo"));
        assertThat(config.getContentType()).isEqualTo(ConfigMediaTypes.JSON);
        assertThat(config.getData().toByteArray()).isEqualTo(ConfigFixtures.exampleJson());
    }

    @Test
    void shouldKeepTheFirstPublicationWhenAConfigIsPutAgain() {
        client.putConfig(put("c", ConfigMediaTypes.FFC, utf8("first")));
        client.putConfig(put("c", ConfigMediaTypes.FFC, utf8("second")));

        assertThat(client.getConfig(get("c")).getData().toStringUtf8()).isEqualTo("first");
    }

    @Test
    void shouldRejectAConfigThatDoesNotMatchTheSchemaWithoutWriting() {
        StatusRuntimeException e = statusOf(() -> client.putConfig(
                put("c", ConfigMediaTypes.JSON, utf8("{\"demo\": {\"channels\": [{\"id\": \"one\"}]}}"))));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).isEqualTo(
                "config 'c' does not match config.schema.json: $.demo.channels[0].id: string found, integer expected");
        assertThat(store.writeCount()).isZero();
    }

    @Test
    void shouldRejectPutConfigWithAnUnknownContentTypeOrNoIdentifier() {
        assertInvalidArgument(() -> client.putConfig(put("c", "text/plain", utf8("x"))),
                "content_type of config 'c' must be one of");
        assertInvalidArgument(() -> client.putConfig(put("", ConfigMediaTypes.FFC, utf8("x"))),
                "identifier must not be empty");
        assertThat(store.writeCount()).isZero();
    }

    @Test
    void shouldAnswerHasConfigFalseWhenAbsent() {
        assertThat(client.hasConfig(has("absent")).getValue()).isFalse();
    }

    @Test
    void shouldAnswerNotFoundForAnAbsentConfig() {
        StatusRuntimeException unary = statusOf(() -> client.getConfig(get("absent")));
        StatusRuntimeException streamed = statusOf(() -> client.getConfigStream(get("absent")).hasNext());

        assertThat(List.of(unary, streamed)).allSatisfy(e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription()).isEqualTo("config 'absent' not found");
        });
    }

    @Test
    void shouldRejectAnEmptyIdentifierOnEveryRpc() {
        assertInvalidArgument(() -> client.hasConfig(has("")), "identifier must not be empty");
        assertInvalidArgument(() -> client.getConfig(get("")), "identifier must not be empty");
        assertInvalidArgument(() -> client.getConfigStream(get("")).hasNext(), "identifier must not be empty");
        assertInvalidArgument(() -> client.deleteConfig(delete("")), "identifier must not be empty");
        assertThat(store.writeCount()).isZero();
    }

    @Test
    void shouldRefuseAnIdentifierBreakingTheIdentityRulesOnEveryRpc() {
        String tooLong = "c".repeat(1025);
        String tooLongProblem = "identifier: the identity is 1025 bytes long; at most 1024 bytes are allowed "
                + "(MaxIdentityLength)";
        assertInvalidArgument(() -> client.putConfig(put(tooLong, ConfigMediaTypes.FFC, utf8("x"))), tooLongProblem);
        assertInvalidArgument(() -> client.hasConfig(has(tooLong)), tooLongProblem);
        assertInvalidArgument(() -> client.getConfig(get(tooLong)), tooLongProblem);
        assertInvalidArgument(() -> client.getConfigStream(get(tooLong)).hasNext(), tooLongProblem);
        assertInvalidArgument(() -> client.deleteConfig(delete(tooLong)), tooLongProblem);
        for (String control : List.of("a\r\nb", "a\u0000b", "\u001b[2J")) {
            assertInvalidArgument(() -> client.putConfig(put(control, ConfigMediaTypes.FFC, utf8("x"))),
                    "identifier: the identity holds the control character U+");
            assertInvalidArgument(() -> client.getConfig(get(control)),
                    "identifier: the identity holds the control character U+");
        }
        assertThat(putStream(streamOf(tooLong, ConfigMediaTypes.FFC, utf8("x"), 1)).join().getDescription())
                .isEqualTo(tooLongProblem);
        assertThat(store.writeCount()).isZero();
    }

    @Test
    void shouldRefuseAnOverLongIdentifierBeforeTheDataSizeSoTheAnswerNeverEchoesIt() {
        String huge = "c".repeat(1024 * 1024);
        StatusRuntimeException e = statusOf(() -> client.putConfig(put(huge, ConfigMediaTypes.FFC,
                ConfigFixtures.ffc(5 * MIB))));

        assertThat(e.getStatus().getDescription()).isEqualTo("identifier: the identity is 1048576 bytes long; at "
                + "most 1024 bytes are allowed (MaxIdentityLength)");
    }

    @Test
    void shouldRoundTripA20MiBConfigThroughTheStreams() {
        byte[] data = ConfigFixtures.ffc(20 * MIB + 123);

        assertThat(putStream(streamOf("big", ConfigMediaTypes.FFC, data, 4096)).join()).isEqualTo(Status.OK);

        List<ConfigStreamMessage> received = new ArrayList<>();
        client.getConfigStream(get("big")).forEachRemaining(received::add);
        assertThat(received.get(0).getInfo()).isEqualTo(configInfo("big", ConfigMediaTypes.FFC));
        assertThat(received.subList(1, received.size())).allSatisfy(message ->
                assertThat(message.getPiece().size()).isBetween(1, ConfigStoreLimits.DEFAULT_PIECE_BYTES));
        assertThat(piecesOf(received)).isEqualTo(data);
    }

    @Test
    void shouldRoundTripA20MiBJsonConfigThroughTheStreams() {
        byte[] json = ConfigFixtures.largeJson(20 * MIB);

        assertThat(putStream(streamOf("big", ConfigMediaTypes.JSON, json, 64 * 1024)).join()).isEqualTo(Status.OK);

        List<ConfigStreamMessage> received = new ArrayList<>();
        client.getConfigStream(get("big")).forEachRemaining(received::add);
        assertThat(received.get(0).getInfo()).isEqualTo(configInfo("big", ConfigMediaTypes.JSON));
        assertThat(piecesOf(received)).isEqualTo(json);
    }

    @Test
    void shouldValidateAJsonConfigAssembledFromAStream() {
        byte[] json = ConfigFixtures.exampleJson();

        assertThat(putStream(streamOf("demo", ConfigMediaTypes.JSON, json, 16)).join()).isEqualTo(Status.OK);
        assertThat(client.getConfig(get("demo")).getData().toByteArray()).isEqualTo(json);

        Status invalid = putStream(streamOf("bad", ConfigMediaTypes.JSON, utf8("{\"demo\": 1}"), 4)).join();
        assertThat(invalid.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(invalid.getDescription()).startsWith("config 'bad' does not match config.schema.json: $.demo");
    }

    @Test
    void shouldRefuseGetConfigOverTheUnaryLimitAndServeItAsAStream() {
        byte[] data = ConfigFixtures.ffc(5 * MIB);
        store.put("big", ConfigMediaTypes.FFC, data);

        StatusRuntimeException e = statusOf(() -> client.getConfig(get("big")));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(e.getStatus().getDescription()).isEqualTo("config 'big' is 5242880 bytes, too big for GetConfig "
                + "(responses are limited to 4194304 bytes); call GetConfigStream instead");

        List<ConfigStreamMessage> received = new ArrayList<>();
        client.getConfigStream(get("big")).forEachRemaining(received::add);
        assertThat(piecesOf(received)).isEqualTo(data);
    }

    @Test
    void shouldRejectAStreamWithoutInfo() {
        assertStreamRejected(List.of(),
                "PutConfigStream ended without info: the first message must be info with identifier and content_type");
    }

    @Test
    void shouldRejectAPieceBeforeInfo() {
        assertStreamRejected(List.of(piece(utf8("x")), info("c", ConfigMediaTypes.FFC)),
                "PutConfigStream sent a piece before info: "
                        + "the first message must be info with identifier and content_type");
    }

    @Test
    void shouldRejectInfoSentTwice() {
        ConfigStreamMessage info = info("c", ConfigMediaTypes.FFC);
        assertStreamRejected(List.of(info, piece(utf8("x")), info),
                "PutConfigStream for config 'c' sent info twice: info must be the first message and only the first");
    }

    @Test
    void shouldRejectAMessageWithNeitherInfoNorPiece() {
        assertStreamRejected(List.of(info("c", ConfigMediaTypes.FFC), ConfigStreamMessage.getDefaultInstance()),
                "PutConfigStream message after 0 bytes of config 'c' sets neither info nor piece");
    }

    @Test
    void shouldRejectStreamInfoWithAnUnknownContentType() {
        assertStreamRejected(List.of(info("c", "application/xml"), piece(utf8("<x/>"))),
                "content_type of config 'c' must be one of application/vnd.mat.config+json or "
                        + "application/vnd.mat.config+ffc, not 'application/xml'");
    }

    @Test
    void shouldRejectAStreamOverTheMaximumSize() throws Exception {
        restart(store, ConfigStoreLimits.withMaxConfigBytes(MIB));

        assertStreamRejected(streamOf("c", ConfigMediaTypes.FFC, ConfigFixtures.ffc(MIB + 1), 64 * 1024),
                "config 'c' exceeds the maximum size of 1048576 bytes (MaxConfigSize)");
    }

    @Test
    void shouldWriteNothingWhenTheStreamFailsValidation() {
        Status status = putStream(streamOf("c", ConfigMediaTypes.JSON, utf8("not json"), 3)).join();

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("config 'c' is not valid JSON: ");
        assertThat(store.writeCount()).isZero();
    }

    @Test
    void shouldDeleteAConfig() {
        client.putConfig(put("c", ConfigMediaTypes.FFC, utf8("x")));

        client.deleteConfig(delete("c"));

        assertThat(client.hasConfig(has("c")).getValue()).isFalse();
    }

    @Test
    void shouldSucceedSilentlyDeletingAnAbsentConfig() {
        assertThat(client.deleteConfig(delete("absent"))).isEqualTo(Empty.getDefaultInstance());
    }

    @Test
    void shouldFailWithDeadlineExceededWhenTheViewDoesNotShowTheWriteInTime() {
        store.failWritesWith(new WriteTimeoutException("the write of config 'c' was not visible within 5000 ms"));

        StatusRuntimeException put = statusOf(() -> client.putConfig(put("c", ConfigMediaTypes.FFC, utf8("x"))));
        StatusRuntimeException delete = statusOf(() -> client.deleteConfig(delete("c")));

        assertThat(List.of(put, delete)).allSatisfy(e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(e.getStatus().getDescription())
                    .isEqualTo("the write of config 'c' was not visible within 5000 ms");
        });
    }

    @Test
    void shouldFailWithUnavailableWhenTheWriteFails() {
        store.failWritesWith(new IllegalStateException("broker down"));

        StatusRuntimeException e = statusOf(() -> client.putConfig(put("c", ConfigMediaTypes.FFC, utf8("x"))));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(e.getStatus().getDescription())
                .isEqualTo("could not store config 'c': broker down");
    }

    @Test
    void shouldFailWithUnavailableWhenTheViewCannotBeRead() throws Exception {
        ConfigReader unavailable = identifier -> {
            throw new IllegalStateException("store is rebalancing");
        };
        restart(unavailable, ConfigStoreLimits.defaults());

        StatusRuntimeException e = statusOf(() -> client.getConfig(get("c")));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(e.getStatus().getDescription()).isEqualTo("could not read config 'c': store is rebalancing");
    }

    private void serve(ConfigReader reader, ConfigStoreLimits limits) throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(new ConfigStoreService(reader, store, new ConfigValidator(), limits))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        client = ConfigStoreGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        asyncClient = ConfigStoreGrpc.newStub(channel);
    }

    private void restart(ConfigReader reader, ConfigStoreLimits limits) throws Exception {
        stopServer();
        serve(reader, limits);
    }

    /** Sends the messages as one PutConfigStream call; completes with the call's status. */
    private CompletableFuture<Status> putStream(List<ConfigStreamMessage> messages) {
        CompletableFuture<Status> status = new CompletableFuture<>();
        StreamObserver<ConfigStreamMessage> requests = asyncClient.putConfigStream(new StreamObserver<>() {
            @Override
            public void onNext(Empty value) {
            }

            @Override
            public void onError(Throwable t) {
                status.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                status.complete(Status.OK);
            }
        });
        messages.forEach(requests::onNext);
        requests.onCompleted();
        return status.orTimeout(60, TimeUnit.SECONDS);
    }

    private void assertStreamRejected(List<ConfigStreamMessage> messages, String description) {
        Status status = putStream(messages).join();

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).isEqualTo(description);
        assertThat(store.writeCount()).isZero();
    }

    private static void assertInvalidArgument(ThrowingCallable call, String descriptionStart) {
        StatusRuntimeException e = statusOf(call);
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).startsWith(descriptionStart);
    }

    private static StatusRuntimeException statusOf(ThrowingCallable call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(e).as("the call's error").isNotNull();
        return e;
    }

    private static List<ConfigStreamMessage> streamOf(String identifier, String contentType, byte[] data,
                                                      int pieceBytes) {
        List<ConfigStreamMessage> messages = new ArrayList<>();
        messages.add(info(identifier, contentType));
        for (int offset = 0; offset < data.length; offset += pieceBytes) {
            messages.add(piece(ByteString.copyFrom(data, offset, Math.min(pieceBytes, data.length - offset))));
        }
        return messages;
    }

    private static byte[] piecesOf(List<ConfigStreamMessage> messages) {
        return messages.stream().skip(1).map(ConfigStreamMessage::getPiece)
                .reduce(ByteString.EMPTY, ByteString::concat).toByteArray();
    }

    private static ConfigStreamMessage info(String identifier, String contentType) {
        return ConfigStreamMessage.newBuilder().setInfo(configInfo(identifier, contentType)).build();
    }

    private static ConfigInfo configInfo(String identifier, String contentType) {
        return ConfigInfo.newBuilder().setIdentifier(identifier).setContentType(contentType).build();
    }

    private static ConfigStreamMessage piece(byte[] data) {
        return piece(ByteString.copyFrom(data));
    }

    private static ConfigStreamMessage piece(ByteString data) {
        return ConfigStreamMessage.newBuilder().setPiece(data).build();
    }

    private static PutConfigRequest put(String identifier, String contentType, byte[] data) {
        return PutConfigRequest.newBuilder().setIdentifier(identifier).setContentType(contentType)
                .setData(ByteString.copyFrom(data)).build();
    }

    private static HasConfigRequest has(String identifier) {
        return HasConfigRequest.newBuilder().setIdentifier(identifier).build();
    }

    private static GetConfigRequest get(String identifier) {
        return GetConfigRequest.newBuilder().setIdentifier(identifier).build();
    }

    private static DeleteConfigRequest delete(String identifier) {
        return DeleteConfigRequest.newBuilder().setIdentifier(identifier).build();
    }
}
