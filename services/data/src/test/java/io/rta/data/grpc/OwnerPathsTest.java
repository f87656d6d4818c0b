package io.rta.data.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.ChunkRead;
import io.rta.topology.data.DataKind;
import io.rta.topology.limits.InputLimits;
import org.junit.jupiter.api.Test;

/** A gRPC read relayed to the owner asks its route by data identity, the identity encoded as one path segment. */
class OwnerPathsTest {

    @Test
    void shouldAskTheOwnersDataIdentityRouteWithTheIdentityInOneEncodedSegment() {
        ChunkRead read = new ChunkRead("/data/run 1 'x'=100%", DataKind.PERIODIC,
                ChannelsExpression.parse("A-C", InputLimits.defaults()), 5, 9);

        assertThat(OwnerPaths.restPath(read))
                .isEqualTo("/rta/v2/data/%2Fdata%2Frun%201%20%27x%27%3D100%25/periodic/A-C?start=5&end=9");
    }

    @Test
    void shouldLeaveOpenBoundsAndTheChannelsOfEventsOut() {
        ChunkRead read = new ChunkRead("s1", DataKind.EVENTS, ChannelsExpression.ALL, Long.MIN_VALUE,
                Long.MAX_VALUE);

        assertThat(OwnerPaths.restPath(read)).isEqualTo("/rta/v2/data/s1/events");
    }
}
