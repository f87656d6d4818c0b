package io.rta.topology.session;

import io.rta.events.SessionState;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes a session state once per processed record. A processor {@linkplain #encode encodes} the state it is about
 * to emit (its size is checked on those bytes), and the sessions sink and the session store's changelog then take the
 * same bytes instead of encoding the state twice more; {@link #forget} ends the record. Outside that window (or for
 * another object) the serializer encodes as usual.
 *
 * <p>Stream threads share the topology's serializers, so the remembered encoding is per thread. Identity, not
 * equality, picks the bytes: the processor does not change a state between encoding it and forgetting it.
 */
final class StateEncoding {

    private final Serializer<SessionState> delegate;
    private final ThreadLocal<Remembered> remembered = ThreadLocal.withInitial(Remembered::new);
    private final Serializer<SessionState> serializer = this::serialize;

    StateEncoding(Serializer<SessionState> delegate) {
        this.delegate = delegate;
    }

    /** Encodes {@code state} for {@code topic} and remembers the bytes until {@link #forget}. */
    byte[] encode(String topic, SessionState state) {
        byte[] bytes = delegate.serialize(topic, state);
        Remembered slot = remembered.get();
        slot.state = state;
        slot.bytes = bytes;
        return bytes;
    }

    /** Drops the remembered encoding (call when the record is done, whatever its outcome). */
    void forget() {
        Remembered slot = remembered.get();
        slot.state = null;
        slot.bytes = null;
    }

    /** The serializer for the sessions sink and the session store: the remembered bytes for the remembered state. */
    Serializer<SessionState> serializer() {
        return serializer;
    }

    private byte[] serialize(String topic, SessionState state) {
        Remembered slot = remembered.get();
        return state != null && state == slot.state ? slot.bytes : delegate.serialize(topic, state);
    }

    private static final class Remembered {
        private SessionState state;
        private byte[] bytes;
    }
}
