package io.rta.config.grpc;

import com.google.protobuf.ByteString;
import io.rta.config.ConfigFixtures;
import io.rta.config.api.ConfigMediaTypes;
import io.rta.config.api.StoredConfig;
import io.rta.proto.toolkit.config.ConfigStreamMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigPieceSenderTest {

    private static final int PIECE = 1024;

    private final StoredConfig config = new StoredConfig(ConfigMediaTypes.FFC, ConfigFixtures.ffc(10 * PIECE + 1));
    private final FakeServerCall<ConfigStreamMessage> call = new FakeServerCall<>();

    @Test
    void shouldSendInfoFirstThenPiecesThenComplete() {
        ConfigPieceSender.start(call, "c", config, PIECE);

        assertThat(call.sent).hasSize(1 + 11);
        assertThat(call.sent.get(0).getInfo().getIdentifier()).isEqualTo("c");
        assertThat(call.sent.get(0).getInfo().getContentType()).isEqualTo(ConfigMediaTypes.FFC);
        assertThat(call.sent.subList(1, 12))
                .allSatisfy(m -> assertThat(m.getPiece().size()).isLessThanOrEqualTo(PIECE));
        assertThat(reassembled()).isEqualTo(config.data());
        assertThat(call.completed).isTrue();
    }

    @Test
    void shouldSendOnlyWhileTheTransportIsReady() {
        call.readyFor(3);
        ConfigPieceSender.start(call, "c", config, PIECE);
        assertThat(call.sent).hasSize(3);
        assertThat(call.completed).isFalse();

        call.drain(4);
        assertThat(call.sent).hasSize(7);

        call.drain(100);
        assertThat(call.sent).hasSize(12);
        assertThat(reassembled()).isEqualTo(config.data());
        assertThat(call.completed).isTrue();
    }

    @Test
    void shouldStopSendingWhenTheClientCancels() {
        call.readyFor(2);
        ConfigPieceSender.start(call, "c", config, PIECE);

        call.cancelByClient();
        call.drain(100);

        assertThat(call.sent).hasSize(2);
        assertThat(call.completed).isFalse();
    }

    @Test
    void shouldSendOnlyInfoForEmptyData() {
        ConfigPieceSender.start(call, "c", new StoredConfig(ConfigMediaTypes.FFC, new byte[0]), PIECE);

        assertThat(call.sent).singleElement().satisfies(m -> assertThat(m.hasInfo()).isTrue());
        assertThat(call.completed).isTrue();
    }

    private byte[] reassembled() {
        return call.sent.stream().skip(1).map(ConfigStreamMessage::getPiece)
                .reduce(ByteString.EMPTY, ByteString::concat).toByteArray();
    }
}
