package io.rta.stream.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.UnknownFieldSet;
import io.rta.proto.model.net.stream.StreamRequest;
import io.rta.proto.model.net.stream.StreamSubscription;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class StreamRequestsTest {

    @Test
    void shouldReadASubscribeRequest() throws Exception {
        StreamSubscription subscribe = StreamSubscription.newBuilder().setAllEvents(true).addDataChannelIds(7).build();
        byte[] request = StreamRequest.newBuilder().setSubscribe(subscribe).build().toByteArray();

        assertThat(StreamRequests.subscription(ByteBuffer.wrap(request))).isEqualTo(subscribe);
    }

    @Test
    void shouldNameAPayloadThatIsNotProtobuf() {
        assertThatThrownBy(() -> StreamRequests.subscription(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF})))
                .isInstanceOf(InvalidStreamRequestException.class)
                .hasMessageStartingWith("StreamRequest of 2 bytes is not a valid protobuf message");
    }

    @Test
    void shouldRefuseARequestWithoutOption() {
        assertThatThrownBy(() -> StreamRequests.subscription(ByteBuffer.wrap(new byte[0])))
                .hasMessage("StreamRequest sets no option: expected subscribe (field 2)");
    }

    @Test
    void shouldNameAnOptionThisServerDoesNotKnow() {
        byte[] request = StreamRequest.newBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(3, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build()).build().toByteArray();

        assertThatThrownBy(() -> StreamRequests.subscription(ByteBuffer.wrap(request)))
                .hasMessage("StreamRequest option field [3] is not supported: only subscribe (field 2) is");
    }
}
