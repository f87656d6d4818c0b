package io.rta.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamConnectionAccessTest {

    @Test
    void shouldAdmitACallerWhoSeesEverythingWithoutATokenForever() {
        assertThat(StreamConnection.Access.ALWAYS.revoked("s1", Long.MAX_VALUE - 1)).isNull();
    }

    @Test
    void shouldRevokeOnceTheSessionIsNoLongerVisible() {
        Set<String> visible = new java.util.HashSet<>(Set.of("s1"));
        StreamConnection.Access access = new StreamConnection.Access(visible::contains, Long.MAX_VALUE,
                Duration.ZERO);

        assertThat(access.revoked("s1", 0)).isNull();
        visible.clear();
        assertThat(access.revoked("s1", 0)).isEqualTo("session 's1' is no longer visible to this token "
                + "(Auth:Policies)");
    }

    @Test
    void shouldRevokeOnceTheTokenHasExpiredBeyondTheClockSkew() {
        StreamConnection.Access access = new StreamConnection.Access(null, 10_000, Duration.ofSeconds(30));

        assertThat(access.revoked("s1", 39_999)).isNull();
        assertThat(access.revoked("s1", 40_000)).isNull();
        assertThat(access.revoked("s1", 40_001)).isEqualTo("the bearer token has expired: connect again with a new "
                + "one");
    }
}
