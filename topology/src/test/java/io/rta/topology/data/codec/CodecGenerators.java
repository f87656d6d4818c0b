package io.rta.topology.data.codec;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators the codec fuzz tests share. */
final class CodecArbitraries {

    private CodecArbitraries() {
    }

    /** Random bytes, runs of one byte and repeated patterns, so LZ4 finds matches of every length. */
    static Arbitrary<byte[]> compressible() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        Arbitrary<byte[]> runs = Combinators.combine(Arbitraries.bytes(), Arbitraries.integers().between(0, 70_000))
                .as((value, length) -> {
                    byte[] run = new byte[length];
                    Arrays.fill(run, value);
                    return run;
                });
        Arbitrary<byte[]> patterns = Combinators.combine(
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40),
                        Arbitraries.integers().between(0, 5000))
                .as((pattern, length) -> {
                    byte[] repeated = new byte[length];
                    for (int i = 0; i < length; i++) {
                        repeated[i] = pattern[i % pattern.length];
                    }
                    return repeated;
                });
        return Arbitraries.oneOf(random, runs, patterns);
    }

    /** Claimed lengths: small, edge and absurd ones. */
    static Arbitrary<Integer> claims() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-10, 100_000), Arbitraries.integers(),
                Arbitraries.of(Integer.MAX_VALUE, Integer.MAX_VALUE - 8, 1 << 30, 64 << 20, -1, Integer.MIN_VALUE));
    }
}
