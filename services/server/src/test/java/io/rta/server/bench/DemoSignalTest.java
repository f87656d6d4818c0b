package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DemoSignalTest {

    private final SplittableRandom random = new SplittableRandom(1);

    @Test
    void shouldRepeatEveryThousandSamplesAroundTheCenter() {
        DemoSignal sine = DemoSignal.named("sine");

        assertThat(sine.sample(0, 0, random)).isEqualTo(DemoSignal.CENTER);
        assertThat(sine.sample(0, 250, random)).isEqualTo(DemoSignal.CENTER + DemoSignal.AMPLITUDE);
        assertThat(sine.sample(0, 750, random)).isEqualTo(DemoSignal.CENTER - DemoSignal.AMPLITUDE);
        assertThat(sine.sample(3, 1_234, random)).isEqualTo(sine.sample(3, 234, random));
    }

    @Test
    void shouldShiftEachChannelByItsIndex() {
        DemoSignal sine = DemoSignal.named("sine");

        assertThat(sine.sample(7, 100, random)).isEqualTo(sine.sample(0, 107, random));
    }

    @Test
    void shouldEncodeBurstsAsLittleEndianUnsigned16Bit() {
        DemoSignal sine = DemoSignal.named("sine");

        ByteString burst = sine.burst(0, 250, 2, random);

        assertThat(burst.size()).isEqualTo(4);
        assertThat((burst.byteAt(0) & 0xFF) | (burst.byteAt(1) & 0xFF) << 8)
                .isEqualTo(DemoSignal.CENTER + DemoSignal.AMPLITUDE);
    }

    @Test
    void shouldStayWithinAFewLsbOfTheSineWhenNoisy() {
        DemoSignal sine = DemoSignal.named("sine");
        DemoSignal noisy = DemoSignal.named("NOISY");

        for (int i = 0; i < 2_000; i++) {
            assertThat(noisy.sample(5, i, random)).isBetween(sine.sample(5, i, random) - DemoSignal.NOISE,
                    sine.sample(5, i, random) + DemoSignal.NOISE);
        }
        assertThat(noisy.description()).startsWith("noisy").contains("+-4 LSB");
    }

    @Test
    void shouldRefuseAnUnknownSignalNamingTheOption() {
        assertThatThrownBy(() -> DemoSignal.named("square")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option Signal = 'square' must be sine or noisy");
    }
}
