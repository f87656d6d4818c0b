package io.rta.topology.data.codec;

import static io.rta.topology.data.WorkedExamples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.topology.data.WorkedExamples;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Lz4BlockTest {

    /**
     * 'a' x 20 then "12345", by hand: token 1F (1 literal, match length 4 + 15 + extra byte 00 = 19), literal 'a',
     * offset 0001; token 50 (5 literals, no match) "12345" (a block must end in at least 5 literals).
     */
    static final String HAND_BLOCK = "1F 61 0100 00 50 3132333435";

    @Test
    void shouldDecodeAHandBuiltBlock() {
        byte[] expected = ("a".repeat(20) + "12345").getBytes(StandardCharsets.US_ASCII);

        assertThat(Lz4Block.decompress(hex(HAND_BLOCK), 0, 11, 25)).isEqualTo(expected);
    }

    @Test
    void shouldRoundTripCompressibleData() {
        byte[] list = WorkedExamples.periodicList().toByteArray();
        byte[] repeated = new byte[list.length * 50];
        for (int i = 0; i < 50; i++) {
            System.arraycopy(list, 0, repeated, i * list.length, list.length);
        }

        byte[] block = Lz4Block.compress(repeated, 0, repeated.length);

        assertThat(block.length).isLessThan(repeated.length / 10);
        assertThat(Lz4Block.decompress(block, 0, block.length, repeated.length)).isEqualTo(repeated);
    }

    @Test
    void shouldRoundTripEmptyInput() {
        byte[] block = Lz4Block.compress(new byte[0], 0, 0);

        assertThat(block).isEqualTo(hex("00")); // one token: no literals, no match
        assertThat(Lz4Block.decompress(block, 0, block.length, 0)).isEmpty();
    }

    @Test
    void shouldRoundTripIncompressibleDataWithinTheBound() {
        byte[] random = new byte[10_000];
        new Random(42).nextBytes(random);

        byte[] block = Lz4Block.compress(random, 0, random.length);

        assertThat(block.length).isGreaterThan(random.length).isLessThanOrEqualTo(Lz4Block.maxCompressedLength(10_000));
        assertThat(Lz4Block.decompress(block, 0, block.length, random.length)).isEqualTo(random);
    }

    @Test
    void shouldCompressASliceIntoTheCallersBufferAndDecompressIntoAnother() {
        byte[] source = ("xx" + "telemetry ".repeat(40) + "yy").getBytes(StandardCharsets.US_ASCII);
        int length = source.length - 4;
        byte[] target = new byte[3 + Lz4Block.maxCompressedLength(length)];

        int blockLength = Lz4Block.compress(source, 2, length, target, 3);
        byte[] unpacked = new byte[length + 5];
        Lz4Block.decompress(target, 3, blockLength, unpacked, 5, length);

        assertThat(Arrays.copyOfRange(unpacked, 5, unpacked.length))
                .isEqualTo(Arrays.copyOfRange(source, 2, source.length - 2));
    }

    @Test
    void shouldRefuseATargetThatMayBeTooSmall() {
        assertThatThrownBy(() -> Lz4Block.compress(new byte[100], 0, 100, new byte[50], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs " + Lz4Block.maxCompressedLength(100));
    }

    @Test
    void shouldRejectABlockThatUnpacksToFewerBytesThanExpected() {
        assertThatThrownBy(() -> Lz4Block.decompress(hex(HAND_BLOCK), 0, 11, 26))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LZ4 block of 11 bytes unpacks to 25 bytes, not the expected 26");
    }

    @Test
    void shouldRejectABlockThatUnpacksToMoreBytesThanExpected() {
        assertThatThrownBy(() -> Lz4Block.decompress(hex(HAND_BLOCK), 0, 11, 24))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed LZ4 block of 11 bytes (expected to unpack to 24 bytes)");
    }

    @Test
    void shouldRejectTruncatedAndGarbageBlocks() {
        byte[] block = Lz4Block.compress("abcabcabcabcabcabcabcabc".getBytes(StandardCharsets.US_ASCII), 0, 24);

        assertThatThrownBy(() -> Lz4Block.decompress(block, 0, block.length - 1, 24))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lz4Block.decompress(hex("FF FF FF FF"), 0, 4, 100))
                .isInstanceOf(IllegalArgumentException.class);
        // match offset 0x1000 points before the start of the output
        assertThatThrownBy(() -> Lz4Block.decompress(hex("1F 61 0010 00 50 3132333435"), 0, 11, 25))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectANegativeUnpackedLength() {
        assertThatThrownBy(() -> Lz4Block.decompress(hex("00"), 0, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unpacked length -1 is negative");
    }

    @Test
    void shouldRefuseAClaimNoBlockOfItsSizeCanUnpackToBeforeAllocatingIt() {
        // found by Lz4BlockFuzzTest: the claim used to be allocated first (2 GiB for a 2-byte block)
        assertThatThrownBy(() -> Lz4Block.decompress(hex("10 61"), 0, 2, Integer.MAX_VALUE - 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LZ4 block of 2 bytes claims to unpack to 2147483639 bytes, more than an LZ4 block of "
                        + "that size can expand to (765)");
    }
}
