package io.rta.topology.data.codec;

import static io.rta.schemas.PropertyCheck.anyByte;
import static io.rta.schemas.PropertyCheck.anyInt;
import static io.rta.schemas.PropertyCheck.bytes;
import static io.rta.schemas.PropertyCheck.intBetween;
import static io.rta.schemas.PropertyCheck.oneOf;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Generators the codec fuzz tests share. */
final class CodecGenerators {

    private CodecGenerators() {
    }

    /** Random bytes, runs of one byte and repeated patterns, so LZ4 finds matches of every length. */
    static byte[] compressible(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> bytes(random, 2000);
            case 1 -> {
                byte[] run = new byte[intBetween(random, 0, 70_000)];
                Arrays.fill(run, anyByte(random));
                yield run;
            }
            default -> {
                byte[] pattern = bytes(random, 1, 40);
                byte[] repeated = new byte[intBetween(random, 0, 5000)];
                for (int i = 0; i < repeated.length; i++) {
                    repeated[i] = pattern[i % pattern.length];
                }
                yield repeated;
            }
        };
    }

    /** Claimed lengths: small, edge and absurd ones. */
    static int claim(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> intBetween(random, -10, 100_000);
            case 1 -> anyInt(random);
            default -> oneOf(random, Integer.MAX_VALUE, Integer.MAX_VALUE - 8, 1 << 30, 64 << 20, -1,
                    Integer.MIN_VALUE);
        };
    }
}
