package io.rta.topology.data.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link Lz4Block} on arbitrary input: valid data round-trips; any block with any claimed unpacked length decodes or
 * is an {@link IllegalArgumentException}, and a claim no block of that size can unpack to is refused before anything
 * is allocated for it (this class runs on a 256 MiB heap, see the pom).
 */
class Lz4BlockFuzzTest {

    @Property(tries = 500)
    void everyInputRoundTrips(@ForAll("compressible") byte[] data) {
        byte[] block = Lz4Block.compress(data, 0, data.length);

        assertThat(Lz4Block.decompress(block, 0, block.length, data.length)).isEqualTo(data);
    }

    @Property(tries = 3000)
    void arbitraryBlocksWithArbitraryClaimsDecodeOrAreRefused(@ForAll @Size(max = 300) byte[] block,
                                                              @ForAll("claims") int unpackedLength) {
        decodeOrRefuse(block, unpackedLength);
    }

    @Property(tries = 2000)
    void corruptedBlocksDecodeOrAreRefused(@ForAll("compressible") byte[] data, @ForAll("claims") int claim,
                                           @ForAll @IntRange(min = 0, max = 10_000) int at,
                                           @ForAll byte value, @ForAll boolean truncate) {
        byte[] block = Lz4Block.compress(data, 0, data.length);
        byte[] corrupt = truncate ? Arrays.copyOf(block, at % (block.length + 1)) : block.clone();
        if (!truncate) {
            corrupt[at % corrupt.length] = value;
        }
        decodeOrRefuse(corrupt, claim % 2 == 0 ? data.length : claim);
    }

    @Property(tries = 200)
    void aClaimBeyondWhatTheBlockCanHoldIsRefusedWhateverTheHeap(@ForAll @Size(max = 64) byte[] block,
                                                                  @ForAll @IntRange(min = 1 << 24) int claim) {
        assertThat((long) claim).isGreaterThan(Lz4Block.maxUnpackedLength(block.length));
        try {
            Lz4Block.decompress(block, 0, block.length, claim);
            throw new AssertionError("a " + block.length + "-byte block was allowed to claim " + claim + " bytes");
        } catch (IllegalArgumentException refused) {
            assertThat(refused).hasMessageContaining("more than");
        }
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

    @Provide
    Arbitrary<byte[]> compressible() {
        return CodecArbitraries.compressible();
    }

    @Provide
    Arbitrary<Integer> claims() {
        return CodecArbitraries.claims();
    }
}
