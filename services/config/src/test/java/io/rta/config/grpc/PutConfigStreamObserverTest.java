package io.rta.config.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.grpc.Status;
import io.rta.config.ConfigFixtures;
import io.rta.config.api.ConfigMediaTypes;
import io.rta.config.api.InMemoryConfigStore;
import io.rta.config.validation.ConfigValidator;
import io.rta.proto.toolkit.config.ConfigStreamMessage;
import io.rta.proto.toolkit.config.ConfigStreamMessage.ConfigInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PutConfigStreamObserverTest {

    private final InMemoryConfigStore store = new InMemoryConfigStore();
    private final FakeServerCall<Empty> response = new FakeServerCall<>();
    private final PutConfigStreamObserver observer = new PutConfigStreamObserver(
            new ConfigStreamAssembler(1024), new ConfigPublisher(store, new ConfigValidator()), response);

    @Test
    void shouldWriteNothingWhenTheClientCancelsMidStream() {
        observer.onNext(info("c"));
        observer.onNext(piece(100));
        observer.onError(Status.CANCELLED.asRuntimeException());

        assertThat(store.writeCount()).isZero();
        assertThat(response.sent).isEmpty();
        assertThat(response.error).isNull();
    }

    @Test
    void shouldWriteNothingWhenTheCallIsCancelledAfterTheClientCompleted() {
        observer.onNext(info("c"));
        observer.onNext(piece(100));
        response.cancelByClient();
        observer.onCompleted();

        assertThat(store.writeCount()).isZero();
    }

    @Test
    void shouldIgnoreMessagesAfterRejectingTheStream() {
        observer.onNext(piece(10));
        observer.onNext(info("c"));
        observer.onCompleted();

        assertThat(Status.fromThrowable(response.error).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(store.writeCount()).isZero();
    }

    private static ConfigStreamMessage info(String identifier) {
        return ConfigStreamMessage.newBuilder()
                .setInfo(ConfigInfo.newBuilder().setIdentifier(identifier).setContentType(ConfigMediaTypes.FFC))
                .build();
    }

    private static ConfigStreamMessage piece(int size) {
        return ConfigStreamMessage.newBuilder().setPiece(ByteString.copyFrom(ConfigFixtures.ffc(size))).build();
    }
}
