package io.rta.config.api;

import io.rta.events.ConfigPublication;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class StoredConfigTest {

    @Test
    void shouldShareTheArrayOfAPublicationThatSpansItWhole() {
        byte[] data = {1, 2, 3};

        StoredConfig config = StoredConfig.of(new ConfigPublication(ConfigMediaTypes.FFC, ByteBuffer.wrap(data)));

        assertThat(config.data()).isSameAs(data);
        assertThat(config.contentType()).isEqualTo(ConfigMediaTypes.FFC);
    }

    @Test
    void shouldCopyOnlyTheRemainingBytesOfASlicedPublication() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9}, 1, 3);
        ConfigPublication publication = new ConfigPublication(ConfigMediaTypes.FFC, buffer);

        assertThat(StoredConfig.of(publication).data()).containsExactly(1, 2, 3);
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void shouldCompareByContent() {
        assertThat(new StoredConfig(ConfigMediaTypes.FFC, new byte[] {1}))
                .isEqualTo(new StoredConfig(ConfigMediaTypes.FFC, new byte[] {1}))
                .hasToString("StoredConfig[contentType=application/vnd.mat.config+ffc, size=1]");
    }
}
