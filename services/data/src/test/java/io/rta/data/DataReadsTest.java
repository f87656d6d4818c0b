package io.rta.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.service.errors.InvalidInputException;
import io.rta.topology.data.DataKind;
import io.rta.topology.limits.InputLimits;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The read side's validation, shared by REST and gRPC: data identities and channels expressions within the limits. */
class DataReadsTest {

    private static final FakeChunkView VIEW = new FakeChunkView();

    private static DataReads reads(InputLimits limits) {
        return new DataReads(identity -> true, identity -> VIEW, identity -> Optional.empty(), limits);
    }

    @Test
    void shouldRefuseAChannelsExpressionWithMoreTermsThanTheLimit() {
        DataReads reads = reads(InputLimits.defaults().withMaxChannelsTerms(3));

        assertThat(reads.route(new DataQuery("s1", DataKind.PERIODIC, "1,2,3", null, null), false).isLocal())
                .isTrue();
        assertThatThrownBy(() -> reads.route(new DataQuery("s1", DataKind.PERIODIC, "1,2,3,4", null, null), false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("channels expression term count is 4; at most 3 allowed (MaxChannelsTerms)");
    }

    @Test
    void shouldRefuseDataIdentitiesBreakingTheIdentityRulesBeforeLookingThemUp() {
        DataReads reads = new DataReads(identity -> {
            throw new AssertionError("looked up " + identity);
        }, identity -> VIEW, identity -> Optional.empty(), InputLimits.defaults().withMaxIdentityLength(8));

        assertThatThrownBy(() -> reads.route(new DataQuery("123456789", DataKind.EVENTS, null, null, null), false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("data identity: the identity is 9 bytes long; at most 8 bytes are allowed "
                        + "(MaxIdentityLength)");
        assertThatThrownBy(() -> reads.route(new DataQuery("a\u0000b", DataKind.EVENTS, null, null, null), false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("data identity: the identity holds the control character U+0000");
    }
}
