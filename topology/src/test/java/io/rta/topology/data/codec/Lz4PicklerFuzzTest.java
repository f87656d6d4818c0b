package io.rta.topology.data.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link Lz4Pickler} on arbitrary input (it reads Redis stream entries and client bytes): valid data round-trips;
 * any header byte, diff width, claimed diff and block, and any bytes after the LZ4 frame magic, unpickle or are an
 * {@link IllegalArgumentException} — never another exception, never an allocation of what a lie claims.
 */
class Lz4PicklerFuzzTest {

    @Property(tries = 500)
    void everyInputRoundTrips(@ForAll("compressible") byte[] data) {
        assertThat(Lz4Pickler.unpickle(Lz4Pickler.pickle(data))).isEqualTo(data);
    }

    @Property(tries = 3000)
    void arbitraryBytesUnpickleOrAreRefused(@ForAll @Size(max = 300) byte[] pickled) {
        unpickleOrRefuse(pickled);
    }

    @Property(tries = 3000)
    void arbitraryFramingUnpicklesOrIsRefused(@ForAll byte header, @ForAll("claims") int diff,
                                               @ForAll @Size(max = 200) byte[] block) {
        int width = switch (header >>> 6 & 0x03) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 2;
            default -> 4;
        };
        byte[] pickled = new byte[1 + width + block.length];
        pickled[0] = header;
        for (int i = 0; i < width; i++) {
            pickled[1 + i] = (byte) (diff >>> (8 * i));
        }
        System.arraycopy(block, 0, pickled, 1 + width, block.length);
        unpickleOrRefuse(pickled);
    }

    @Property(tries = 2000)
    void corruptedPicklesAndFramesUnpickleOrAreRefused(@ForAll("compressible") byte[] data, @ForAll boolean framed,
                                                       @ForAll @IntRange(min = 0, max = 100_000) int at,
                                                       @ForAll byte value, @ForAll boolean truncate) {
        byte[] valid = framed ? frame(data) : Lz4Pickler.pickle(data);
        if (valid.length == 0) {
            return;
        }
        byte[] corrupt = truncate ? Arrays.copyOf(valid, at % (valid.length + 1)) : valid.clone();
        if (!truncate) {
            // keep the frame magic most of the time, so the frame reader, not the pickle reader, meets the damage
            int position = framed && corrupt.length > 4 ? 4 + at % (corrupt.length - 4) : at % corrupt.length;
            corrupt[position] = value;
        }
        unpickleOrRefuse(corrupt);
    }

    @Property(tries = 2000)
    void arbitraryBytesAfterTheFrameMagicUnpickleOrAreRefused(@ForAll @Size(max = 300) byte[] rest) {
        byte[] framed = new byte[4 + rest.length];
        framed[0] = 0x04;
        framed[1] = 0x22;
        framed[2] = 0x4D;
        framed[3] = 0x18;
        System.arraycopy(rest, 0, framed, 4, rest.length);
        unpickleOrRefuse(framed);
    }

    @Property(tries = 200)
    void aClaimedLengthIsNotAllocatedBeforeItIsChecked(@ForAll @IntRange(min = 1 << 24) int diff) {
        byte[] pickled = {(byte) 0xC0, (byte) diff, (byte) (diff >>> 8), (byte) (diff >>> 16), (byte) (diff >>> 24),
                0x1F, 0x61, 0x01, 0x00};

        assertThat(Allocations.of(() -> Lz4Pickler.unpickle(pickled))).isLessThan(1 << 20);
    }

    private static void unpickleOrRefuse(byte[] pickled) {
        try {
            assertThat(Lz4Pickler.unpickle(pickled)).isNotNull();
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    private static byte[] frame(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (LZ4FrameOutputStream frame = new LZ4FrameOutputStream(out)) {
                frame.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
