package io.rta.topology.model;

import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.Marker;
import io.rta.events.SessionState;
import org.junit.jupiter.api.Test;

/** The cheap size estimate that tells a small stored session from a large one. */
class SessionValuesSizeTest {

    @Test
    void shouldCountDetailTextAndListElements() {
        SessionState small = session("s").detail("Driver", "Someone").detail("Run", 17L).build();
        SessionState longText = session("t").detail("Notes", "n".repeat(100_000)).build();
        SessionState manyChildren = session("c").children(children(5_000)).build();
        SessionState extText = session("e").extDetail("Setup", "Comment", "x".repeat(70_000)).build();

        assertThat(SessionValues.of(small).approximateBytes()).isBetween(1L, 1_000L);
        assertThat(SessionValues.of(longText).approximateBytes()).isGreaterThanOrEqualTo(100_000L);
        assertThat(SessionValues.of(manyChildren).approximateBytes())
                .isGreaterThanOrEqualTo(5_000L * SessionValues.ITEM_BYTES);
        assertThat(SessionValues.of(extText).approximateBytes()).isGreaterThanOrEqualTo(70_000L);
    }

    @Test
    void shouldCountTheTextOfMarkersBindingsAndReferencesToo() {
        Marker marker = Marker.newBuilder().setId("lap-1").setDescription("d".repeat(80_000)).build();
        SessionState longMarker = session("m").marker(marker).build();
        SessionState longBinding = session("b").configBinding("c".repeat(90_000), 0).build();
        SessionState longChild = session("k").children("k".repeat(75_000)).build();

        assertThat(SessionValues.of(longMarker).approximateBytes()).isGreaterThanOrEqualTo(80_000L);
        assertThat(SessionValues.of(longBinding).approximateBytes()).isGreaterThanOrEqualTo(90_000L);
        assertThat(SessionValues.of(longChild).approximateBytes()).isGreaterThanOrEqualTo(75_000L);
    }

    @Test
    void shouldCountTheStatesOwnStringFields() {
        SessionState longVersion = SessionState.newBuilder(session("v").build()).setVersion("v".repeat(85_000))
                .build();
        SessionState longGroup = SessionState.newBuilder(session("g").build()).setGroup("g".repeat(65_000)).build();

        assertThat(SessionValues.of(longVersion).approximateBytes()).isGreaterThanOrEqualTo(85_000L);
        assertThat(SessionValues.of(longGroup).approximateBytes()).isGreaterThanOrEqualTo(65_000L);
    }

    private static String[] children(int n) {
        String[] children = new String[n];
        for (int i = 0; i < n; i++) {
            children[i] = "child-" + i;
        }
        return children;
    }
}
