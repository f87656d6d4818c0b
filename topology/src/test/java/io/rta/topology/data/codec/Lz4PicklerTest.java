package io.rta.topology.data.codec;

import static io.rta.topology.data.WorkedExamples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.topology.data.WorkedExamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;

class Lz4PicklerTest {

    /** 'a' x 20 + "12345" (25 bytes) as an 11-byte block: diff 14 fits 1 byte. */
    private static final String WIDTH_1 = "40" // version 0, width code 1
            + "0E"                                  // diff = 25 - 11 = 14
            + Lz4BlockTest.HAND_BLOCK;
    /** 'a' x 300 + "12345" (305 bytes) as a 12-byte block: match length 299 = 4 + 15 + FF + 19; diff 293 = 0x125. */
    private static final String WIDTH_2 = "80" // version 0, width code 2
            + "2501"                                // diff, little-endian
            + "1F 61 0100 FF19 50 3132333435";

    @Test
    void shouldUnpickleWidthCode1() {
        assertThat(Lz4Pickler.unpickle(hex(WIDTH_1))).isEqualTo(ascii("a".repeat(20) + "12345"));
    }

    @Test
    void shouldUnpickleWidthCode2() {
        assertThat(Lz4Pickler.unpickle(hex(WIDTH_2))).isEqualTo(ascii("a".repeat(300) + "12345"));
    }

    @Test
    void shouldUnpickleWidthCode3AsAFourByteDiff() {
        // 'a' x 70000 + "12345": match length 69999 = 4 + 15 + 274 x 255 + 110 (6E); the block is 285 bytes, so
        // diff = 70005 - 285 = 69720 = 0x00011058.
        String block = "1F 61 0100" + "FF".repeat(274) + "6E 50 3132333435";
        byte[] pickled = hex("C0" + "58100100" + block);

        assertThat(hex(block)).hasSize(285);
        assertThat(Lz4Pickler.unpickle(pickled)).isEqualTo(ascii("a".repeat(70_000) + "12345"));
    }

    @Test
    void shouldUnpickleStoredBytes() {
        assertThat(Lz4Pickler.unpickle(hex("00 68656C6C6F"))).isEqualTo(ascii("hello"));
        // a zero diff in a wider field also means stored, as in K4os
        assertThat(Lz4Pickler.unpickle(hex("40 00 68656C6C6F"))).isEqualTo(ascii("hello"));
    }

    @Test
    void shouldPickleWithTheNarrowestDiffField() {
        assertPickled(ascii("a".repeat(20) + "12345"), 0x40, 1);
        assertPickled(ascii("a".repeat(300) + "12345"), 0x80, 2);
        assertPickled(ascii("a".repeat(70_000) + "12345"), 0xC0, 4);
    }

    @Test
    void shouldStoreWhatCompressionDoesNotShrink() {
        byte[] random = new byte[1000];
        new Random(7).nextBytes(random);

        byte[] pickled = Lz4Pickler.pickle(random);

        assertThat(pickled[0]).isZero();
        assertThat(Arrays.copyOfRange(pickled, 1, pickled.length)).isEqualTo(random);
        assertThat(Lz4Pickler.pickle(ascii("hi"))).isEqualTo(hex("00 6869"));
    }

    @Test
    void shouldPickleEmptyInputAsEmptyArray() {
        assertThat(Lz4Pickler.pickle(new byte[0])).isEmpty();
        assertThat(Lz4Pickler.unpickle(new byte[0])).isEmpty();
        assertThat(Lz4Pickler.unpickle(hex("00"))).isEmpty();
    }

    @Test
    void shouldRoundTripASliceOfABurst() {
        byte[] list = WorkedExamples.periodicList().toByteArray();
        byte[] padded = new byte[list.length + 10];
        System.arraycopy(list, 0, padded, 4, list.length);

        byte[] pickled = Lz4Pickler.pickle(padded, 4, list.length);
        byte[] framed = new byte[pickled.length + 3];
        System.arraycopy(pickled, 0, framed, 3, pickled.length);

        assertThat(Lz4Pickler.unpickle(framed, 3, pickled.length)).isEqualTo(list);
    }

    @Test
    void shouldAcceptAStandardLz4Frame() throws IOException {
        byte[] data = ascii("telemetry ".repeat(500));
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (OutputStream out = new LZ4FrameOutputStream(framed)) {
            out.write(data);
        }

        byte[] bytes = framed.toByteArray();
        assertThat(Arrays.copyOf(bytes, 4)).isEqualTo(hex("04224D18"));
        assertThat(Lz4Pickler.unpickle(bytes)).isEqualTo(data);
    }

    @Test
    void shouldRejectAMalformedLz4Frame() {
        assertThatThrownBy(() -> Lz4Pickler.unpickle(hex("04224D18 FF")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed LZ4 frame of 5 bytes");
    }

    @Test
    void shouldRejectAFrameOfDependentBlocksAsMalformed() {
        // found by Lz4PicklerFuzzTest: lz4-java throws a plain RuntimeException for frame features it cannot read
        assertThatThrownBy(() -> Lz4Pickler.unpickle(hex("04224D18 40 40 00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed LZ4 frame of 7 bytes");
    }

    @Test
    void shouldRejectUnknownPickleVersions() {
        assertThatThrownBy(() -> Lz4Pickler.unpickle(hex("41 0E 00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LZ4 pickle version 1 is not supported (header byte 0x41; only version 0 is)");
    }

    @Test
    void shouldRejectAPickleShorterThanItsHeader() {
        assertThatThrownBy(() -> Lz4Pickler.unpickle(hex("C0 5810")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LZ4 pickle of 3 bytes is shorter than its 5-byte header");
    }

    @Test
    void shouldRejectADiffThatDoesNotMatchTheBlock() {
        assertThatThrownBy(() -> Lz4Pickler.unpickle(hex("40 0F" + Lz4BlockTest.HAND_BLOCK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LZ4 block of 11 bytes unpacks to 25 bytes, not the expected 26");
        assertThatThrownBy(() -> Lz4Pickler.unpickle(hex("40 0E FFFFFFFF")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectAClaimedLengthNoLz4BlockExpandsToBeforeAllocatingIt() {
        // width 4, diff 0x7FFFFF00 (~2 GiB) from a 5-byte block: corrupt, must fail fast rather than allocate
        assertThatThrownBy(() -> Lz4Pickler.unpickle(hex("C0 00FFFF7F 1068656C6C6F")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than LZ4 can expand to");
    }

    private static void assertPickled(byte[] source, int header, int width) {
        byte[] pickled = Lz4Pickler.pickle(source);

        assertThat(pickled[0] & 0xFF).isEqualTo(header);
        long diff = 0;
        for (int i = 0; i < width; i++) {
            diff |= (pickled[1 + i] & 0xFFL) << (8 * i);
        }
        assertThat(diff).isEqualTo(source.length - (pickled.length - 1 - width));
        assertThat(Lz4Pickler.unpickle(pickled)).isEqualTo(source);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
