package io.rta.topology.session;

import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.topology.limits.EncodedSize;
import java.util.Optional;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Size limits of session events. A batch or a resulting state larger than these would not fit a Kafka record of the
 * session topics (created with {@link #TOPIC_MAX_MESSAGE_BYTES}), so it is rejected up front instead of failing later
 * inside the topology.
 */
public final class SessionLimits {

    public static final int MAX_BATCH_BYTES = 1024 * 1024;
    public static final int MAX_STATE_BYTES = 4 * 1024 * 1024;
    /** max.message.bytes of the session-updates and sessions topics: room for the limits plus record overhead. */
    public static final int TOPIC_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    /** Writers are thread-safe and costly to build (they resolve the schema), so each is built once. */
    private static final SpecificDatumWriter<SessionUpdateBatch> BATCH_WRITER =
            new SpecificDatumWriter<>(SessionUpdateBatch.class);
    private static final SpecificDatumWriter<SessionState> STATE_WRITER = new SpecificDatumWriter<>(SessionState.class);

    private SessionLimits() {
    }

    /** Why the batch or the state it produces is too large, if it is. */
    public static Optional<String> problem(SessionUpdateBatch batch, SessionState result) {
        Optional<String> batchProblem = batchProblem(batch);
        return batchProblem.isPresent() ? batchProblem
                : stateProblem(result == null ? 0 : EncodedSize.of(STATE_WRITER, result));
    }

    /** Why the batch is too large, if it is. */
    static Optional<String> batchProblem(SessionUpdateBatch batch) {
        long batchBytes = EncodedSize.of(BATCH_WRITER, batch);
        if (batchBytes > MAX_BATCH_BYTES) {
            return Optional.of("the update is " + batchBytes + " bytes; at most " + MAX_BATCH_BYTES
                    + " bytes are accepted in one request");
        }
        return Optional.empty();
    }

    /** Why a state of {@code stateBytes} (Avro binary, without any framing) is too large, if it is. */
    static Optional<String> stateProblem(long stateBytes) {
        if (stateBytes > MAX_STATE_BYTES) {
            return Optional.of("the session would be " + stateBytes + " bytes after this update; a session is "
                    + "limited to " + MAX_STATE_BYTES + " bytes");
        }
        return Optional.empty();
    }
}
