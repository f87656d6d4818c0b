package io.rta.topology.data.codec;

import static io.rta.schemas.PropertyCheck.anyByte;
import static io.rta.schemas.PropertyCheck.bytes;
import static io.rta.schemas.PropertyCheck.forAll;
import static io.rta.schemas.PropertyCheck.intBetween;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Lz4Pickler} on arbitrary input (it reads Redis stream entries and client bytes): valid data round-trips;
 * any header byte, diff width, claimed diff and block, and any bytes after the LZ4 frame magic, unpickle or are an
 * {@link IllegalArgumentException} — never another exception, never an allocation of what a lie claims.
 */
class Lz4PicklerFuzzTest {

    record Framing(byte header, int diff, byte[] block) {
    }

    record Corruption(byte[] data, boolean framed, int at, byte value, boolean truncate) {
    }

    @Test
    void everyInputRoundTrips() {
        forAll(500, CodecGenerators::compressible,
                data -> assertThat(Lz4Pickler.unpickle(Lz4Pickler.pickle(data))).isEqualTo(data));
    }

    @Test
    void arbitraryBytesUnpickleOrAreRefused() {
        forAll(3000, random -> bytes(random, 300), Lz4PicklerFuzzTest::unpickleOrRefuse);
    }

    @Test
    void arbitraryFramingUnpicklesOrIsRefused() {
        forAll(3000, random -> new Framing(anyByte(random), CodecGenerators.claim(random), bytes(random, 200)),
                input -> {
                    int width = switch (input.header() >>> 6 & 0x03) {
                        case 0 -> 0;
                        case 1 -> 1;
                        case 2 -> 2;
                        default -> 4;
                    };
                    byte[] block = input.block();
                    byte[] pickled = new byte[1 + width + block.length];
                    pickled[0] = input.header();
                    for (int i = 0; i < width; i++) {
                        pickled[1 + i] = (byte) (input.diff() >>> (8 * i));
                    }
                    System.arraycopy(block, 0, pickled, 1 + width, block.length);
                    unpickleOrRefuse(pickled);
                });
    }

    @Test
    void corruptedPicklesAndFramesUnpickleOrAreRefused() {
        forAll(2000, random -> new Corruption(CodecGenerators.compressible(random), random.nextBoolean(),
                intBetween(random, 0, 100_000), anyByte(random), random.nextBoolean()), input -> {
            byte[] valid = input.framed() ? frame(input.data()) : Lz4Pickler.pickle(input.data());
            if (valid.length == 0) {
                return;
            }
            int at = input.at();
            byte[] corrupt = input.truncate() ? Arrays.copyOf(valid, at % (valid.length + 1)) : valid.clone();
            if (!input.truncate()) {
                // keep the frame magic most of the time, so the frame reader, not the pickle reader, meets the damage
                int position = input.framed() && corrupt.length > 4 ? 4 + at % (corrupt.length - 4)
                        : at % corrupt.length;
                corrupt[position] = input.value();
            }
            unpickleOrRefuse(corrupt);
        });
    }

    @Test
    void arbitraryBytesAfterTheFrameMagicUnpickleOrAreRefused() {
        forAll(2000, random -> bytes(random, 300), rest -> {
            byte[] framed = new byte[4 + rest.length];
            framed[0] = 0x04;
            framed[1] = 0x22;
            framed[2] = 0x4D;
            framed[3] = 0x18;
            System.arraycopy(rest, 0, framed, 4, rest.length);
            unpickleOrRefuse(framed);
        });
    }

    @Test
    void aClaimedLengthIsNotAllocatedBeforeItIsChecked() {
        forAll(200, random -> intBetween(random, 1 << 24, Integer.MAX_VALUE), diff -> {
            byte[] pickled = {(byte) 0xC0, (byte) (int) diff, (byte) (diff >>> 8), (byte) (diff >>> 16),
                    (byte) (diff >>> 24), 0x1F, 0x61, 0x01, 0x00};

            assertThat(Allocations.of(() -> Lz4Pickler.unpickle(pickled))).isLessThan(1 << 20);
        });
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
}
