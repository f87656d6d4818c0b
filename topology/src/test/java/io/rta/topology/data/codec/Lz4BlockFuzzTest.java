package io.rta.topology.data.codec;

import static io.rta.schemas.PropertyCheck.anyByte;
import static io.rta.schemas.PropertyCheck.bytes;
import static io.rta.schemas.PropertyCheck.forAll;
import static io.rta.schemas.PropertyCheck.intBetween;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Lz4Block} on arbitrary input: valid data round-trips; any block with any claimed unpacked length decodes or
 * is an {@link IllegalArgumentException}, and a claim no block of that size can unpack to is refused before anything
 * is allocated for it (this class runs on a 256 MiB heap, see the pom).
 */
class Lz4BlockFuzzTest {

    record Claimed(byte[] block, int unpackedLength) {
    }

    record Corruption(byte[] data, int claim, int at, byte value, boolean truncate) {
    }

    @Test
    void everyInputRoundTrips() {
        forAll(500, CodecGenerators::compressible, data -> {
            byte[] block = Lz4Block.compress(data, 0, data.length);

            assertThat(Lz4Block.decompress(block, 0, block.length, data.length)).isEqualTo(data);
        });
    }

    @Test
    void arbitraryBlocksWithArbitraryClaimsDecodeOrAreRefused() {
        forAll(3000, random -> new Claimed(bytes(random, 300), CodecGenerators.claim(random)),
                input -> decodeOrRefuse(input.block(), input.unpackedLength()));
    }

    @Test
    void corruptedBlocksDecodeOrAreRefused() {
        forAll(2000, random -> new Corruption(CodecGenerators.compressible(random), CodecGenerators.claim(random),
                intBetween(random, 0, 10_000), anyByte(random), random.nextBoolean()), input -> {
            byte[] data = input.data();
            int at = input.at();
            byte[] block = Lz4Block.compress(data, 0, data.length);
            byte[] corrupt = input.truncate() ? Arrays.copyOf(block, at % (block.length + 1)) : block.clone();
            if (!input.truncate()) {
                corrupt[at % corrupt.length] = input.value();
            }
            decodeOrRefuse(corrupt, input.claim() % 2 == 0 ? data.length : input.claim());
        });
    }

    @Test
    void aClaimBeyondWhatTheBlockCanHoldIsRefusedWhateverTheHeap() {
        forAll(200, random -> new Claimed(bytes(random, 64), intBetween(random, 1 << 24, Integer.MAX_VALUE)),
                input -> {
                    byte[] block = input.block();
                    int claim = input.unpackedLength();
                    assertThat((long) claim).isGreaterThan(Lz4Block.maxUnpackedLength(block.length));
                    try {
                        Lz4Block.decompress(block, 0, block.length, claim);
                        throw new AssertionError("a " + block.length + "-byte block was allowed to claim " + claim
                                + " bytes");
                    } catch (IllegalArgumentException refused) {
                        assertThat(refused).hasMessageContaining("more than");
                    }
                });
    }

    private static void decodeOrRefuse(byte[] block, int unpackedLength) {
        try {
            assertThat(Lz4Block.decompress(block, 0, block.length, unpackedLength)).hasSize(unpackedLength);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
        byte[] target = new byte[Math.max(0, Math.min(unpackedLength, 4096))];
        try {
            Lz4Block.decompress(block, 0, block.length, target, 0, target.length);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
