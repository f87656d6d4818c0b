package io.rta.topology.limits;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The chunk store keeps a data identity's length in 16 bits: MaxIdentityLength cannot go past it. */
class IdentityLengthCeilingTest {

    @Test
    void shouldRefuseAnIdentityLengthTheChunkKeysCannotHold() {
        assertThatThrownBy(() -> InputLimits.defaults().withMaxIdentityLength(65_536).withMaxRelatedSessions(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MaxIdentityLength 65536 is above 65535");
    }

    @Test
    void shouldAcceptTheLongestIdentityTheChunkKeysHold() {
        assertThatCode(() -> InputLimits.defaults().withMaxRelatedSessions(1).withMaxIdentityLength(65_535))
                .doesNotThrowAnyException();
    }
}
