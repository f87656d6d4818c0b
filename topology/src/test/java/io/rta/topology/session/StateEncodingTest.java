package io.rta.topology.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.SessionState;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class StateEncodingTest {

    private final AtomicInteger encodings = new AtomicInteger();
    private final Serializer<SessionState> counting = (topic, state) -> {
        if (state == null) {
            return null;
        }
        encodings.incrementAndGet();
        return new byte[] {(byte) topic.length(), (byte) state.getIdentity().length()};
    };
    private final StateEncoding encoding = new StateEncoding(counting);

    private static SessionState state(String identity) {
        return SessionApplier.defaults(identity, SessionStates.OPEN, "2021-03-14T12:15:30Z", identity,
                "2021-03-14T12:15:30Z");
    }

    @Test
    void shouldHandTheSinkAndTheStoreTheBytesOfTheEncodedState() {
        SessionState state = state("s1");
        byte[] bytes = encoding.encode("sessions", state);
        assertThat(encoding.serializer().serialize("sessions", state)).isSameAs(bytes);
        assertThat(encoding.serializer().serialize("changelog", state)).isSameAs(bytes);
        assertThat(encodings).hasValue(1);
    }

    @Test
    void shouldEncodeOtherStatesAndEverythingAfterForget() {
        SessionState state = state("s1");
        encoding.encode("sessions", state);
        assertThat(encoding.serializer().serialize("sessions", state("s22"))).containsExactly(8, 3);
        encoding.forget();
        assertThat(encoding.serializer().serialize("sessions", state)).containsExactly(8, 2);
        assertThat(encodings).hasValue(3);
        assertThat(encoding.serializer().serialize("sessions", null)).isNull();
    }

    @Test
    void shouldRememberPerThread() throws InterruptedException {
        SessionState state = state("s1");
        encoding.encode("sessions", state);
        Thread other = new Thread(() -> encoding.serializer().serialize("sessions", state));
        other.start();
        other.join();
        assertThat(encodings).hasValue(2);
    }
}
