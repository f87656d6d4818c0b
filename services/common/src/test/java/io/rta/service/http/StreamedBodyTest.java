package io.rta.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamedBodyTest {

    /** The client's stream: what it took, and the size of each write it was given. */
    private static final class ClientStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();

        @Override
        public void write(int b) {
            writes.add(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(len);
            bytes.write(b, off, len);
        }
    }

    @Test
    void shouldGatherManySmallWritesIntoFewLargeOnes() throws IOException {
        byte[] piece = new byte[1000];
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ClientStream client = new ClientStream();

        StreamedBody.gathered(null, out -> {
            for (int i = 0; i < 300; i++) {
                java.util.Arrays.fill(piece, (byte) i);
                out.write(piece);
                expected.write(piece);
            }
        }).write(client);

        assertThat(client.bytes.toByteArray()).isEqualTo(expected.toByteArray());
        // 300,000 bytes in writes of the buffer's size, the rest on the final flush
        assertThat(client.writes).hasSize(3).allSatisfy(size ->
                assertThat(size).isLessThanOrEqualTo(StreamedBody.WRITE_BUFFER_BYTES));
    }

    @Test
    void shouldSendEachWriteAsItComesUnlessGathered() throws IOException {
        ClientStream client = new ClientStream();

        StreamedBody.of(null, out -> {
            for (int i = 0; i < 3; i++) {
                out.write(new byte[100]);
            }
        }).write(client);

        assertThat(client.writes).containsExactly(100, 100, 100);
    }

    @Test
    void shouldThrowAFailureOnWithNothingSentWhileTheBodyStillFitsTheBuffer() {
        ClientStream client = new ClientStream();
        IOException failure = new IOException("the store broke off");

        assertThatThrownBy(() -> StreamedBody.gathered(null, out -> {
            out.write(new byte[StreamedBody.WRITE_BUFFER_BYTES - 1]);
            throw failure;
        }).write(client)).isSameAs(failure);
        assertThat(client.writes).isEmpty();
    }

    @Test
    void shouldHaveSentWhatFilledTheBufferBeforeAFailure() {
        ClientStream client = new ClientStream();

        assertThatThrownBy(() -> StreamedBody.gathered(null, out -> {
            out.write(new byte[StreamedBody.WRITE_BUFFER_BYTES + 10]);
            throw new IllegalStateException("late");
        }).write(client)).hasMessage("late");
        assertThat(client.bytes.size()).isEqualTo(StreamedBody.WRITE_BUFFER_BYTES + 10);
    }
}
