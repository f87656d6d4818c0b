package io.rta.topology.view;

import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.SessionOp;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.schemas.AvroSerde;
import io.rta.schemas.InMemorySchemaRegistryClient;
import io.rta.topology.session.SessionApplier;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactStatesTest {

    private final AvroSerde<SessionState> serde = new AvroSerde<>(new InMemorySchemaRegistryClient(),
            SessionState.class, false);

    private SessionState decoded(SessionState state) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));
    }

    private SessionState sample(String identity) {
        return decoded(session(identity).detail("Driver", "Alice").detail("Run", 3L).extDetail("Car", "Wing", 2.5)
                .folders("f1").build());
    }

    @Test
    void shouldKeepTheStateEqualAndItsEncodingTheSame() {
        SessionState original = sample("s1");
        byte[] before = serde.serializer().serialize("t", original);
        SessionState compacted = CompactStates.compact(sample("s1"));
        assertThat(compacted).isEqualTo(original);
        assertThat(serde.serializer().serialize("t", compacted)).isEqualTo(before);
    }

    @Test
    void shouldShareDetailKeysFolderLinksAndEmptyLists() {
        SessionState a = CompactStates.compact(sample("a"));
        SessionState b = CompactStates.compact(sample("b"));
        assertThat(a.getDetails().get(0).getKey()).isSameAs(b.getDetails().get(0).getKey());
        assertThat(a.getExtDetails().get(0).getDetails().get(0).getKey())
                .isSameAs(b.getExtDetails().get(0).getDetails().get(0).getKey());
        assertThat(a.getFolders().get(0)).isSameAs(b.getFolders().get(0));
        assertThat(a.getMarkers()).isSameAs(b.getMarkers()).isEmpty();
        assertThat(a.getChildren()).isSameAs(b.getAlternates());
    }

    @Test
    void shouldCompactAStateTwiceAndStatesBuiltWithImmutableLists() {
        SessionState built = session("s1").detail("Driver", "Alice").folders("f1", "f2").build();
        built.setFolders(List.of("f1", "f2"));
        SessionState once = CompactStates.compact(built);
        SessionState twice = CompactStates.compact(once);
        assertThat(twice.getFolders()).containsExactly("f1", "f2");
        assertThat(twice).isEqualTo(session("s1").detail("Driver", "Alice").folders("f1", "f2").build());
    }

    @Test
    void shouldLeaveACompactedStateUpdatableThroughACopy() {
        SessionState stored = CompactStates.compact(sample("s1"));
        SessionUpdateBatch batch = SessionUpdateBatch.newBuilder().setUpdates(List.of(
                SessionUpdateOp.newBuilder().setOp(SessionOp.UPDATE_CHILD_OF_REFS).setKeys(List.of("rta://p")).build(),
                SessionUpdateOp.newBuilder().setOp(SessionOp.UPDATE_DETAILS_JSON).setCategory("")
                        .setJson("{\"Tyre\":\"Soft\"}").build())).build();
        SessionState next = SessionApplier.apply(stored, "s1", batch, 1_615_724_130_000L).state();
        assertThat(next.getChildOfRefs()).containsExactly("rta://p");
        assertThat(next.getDetails()).hasSize(3);
        assertThat(stored.getChildOfRefs()).isEmpty();
        assertThat(stored.getDetails()).hasSize(2);
    }
}
