package io.rta.topology.session;

import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.internal.RefRole;
import io.rta.events.internal.SessionRefEdge;
import io.rta.schemas.AvroSerde;
import io.rta.topology.SourcePosition;
import io.rta.topology.errors.SetAside;
import io.rta.topology.limits.InputLimits;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies update batches to the stored state of their session, emits the full state (or a tombstone) to the
 * sessions topic, and emits the anchors and refs the batch added or dropped to the ref-edges topic.
 *
 * <p>Every batch yields exactly one record on the sessions topic carrying the {@link SourcePosition#HEADER}
 * header — even a batch skipped by the sequence guard (the unchanged state) — so a writer can tell when its batch has
 * been applied by watching the sessions topic.
 *
 * <p>A batch is checked completely before anything is written, as the gRPC path checks it: the key, the applier's
 * rules and limits ({@link ApplyResult.Outcome#REJECTED}) and {@link SessionLimits}. A rejected batch still yields the
 * unchanged state (a tombstone for an absent session) with the header, and is set aside as a dead letter. A record
 * without a valid key or value names no session and is only set aside.
 */
final class SessionUpdateProcessor implements Processor<String, SessionUpdateBatch, String, Object> {

    private final InputLimits limits;
    private final SetAside<String, SessionUpdateBatch> setAside;
    private final StateEncoding encoding;
    private final String sessionsTopic;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, SessionState> sessions;

    /**
     * @param encoding      encodes the resulting state once for the size check, the sessions sink and the store
     * @param sessionsTopic the sessions topic, for which the state is encoded
     */
    SessionUpdateProcessor(InputLimits limits, SetAside<String, SessionUpdateBatch> setAside, StateEncoding encoding,
                           String sessionsTopic) {
        this.limits = limits;
        this.setAside = setAside;
        this.encoding = encoding;
        this.sessionsTopic = sessionsTopic;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.sessions = context.getStateStore(SessionTopology.SESSION_STORE);
        setAside.init(context);
    }

    @Override
    public void process(Record<String, SessionUpdateBatch> record) {
        try {
            apply(record);
        } finally {
            encoding.forget();
        }
    }

    private void apply(Record<String, SessionUpdateBatch> record) {
        String identity = record.key();
        String problem = limits.identityProblem("record key (session identity)", identity);
        if (problem == null && record.value() == null) {
            problem = "value: a session update record needs a SessionUpdateBatch (delete with delete = true, not "
                    + "a tombstone)";
        }
        if (problem != null) {
            setAside.record(record, problem);
            return;
        }
        SessionState current = sessions.get(identity);
        ApplyResult result = SessionApplier.apply(current, identity, record.value(), record.timestamp(), limits);
        if (result.outcome() == ApplyResult.Outcome.APPLIED) {
            java.util.Optional<String> tooLarge = SessionLimits.batchProblem(record.value());
            if (tooLarge.isEmpty()) {
                byte[] encoded = encoding.encode(sessionsTopic, result.state());
                tooLarge = SessionLimits.stateProblem(encoded.length - AvroSerde.HEADER_LENGTH);
            }
            if (tooLarge.isPresent()) {
                result = new ApplyResult(ApplyResult.Outcome.REJECTED, current, tooLarge.get());
            }
        }
        switch (result.outcome()) {
            case APPLIED -> store(record, identity, current, result.state());
            case DELETED, ABSENT_DELETE -> delete(record, identity, current);
            case SKIPPED_SEQUENCE -> emitState(record, identity, current);
            case REJECTED -> {
                emitState(record, identity, current);
                setAside.record(record, result.reason());
            }
        }
    }

    /*
     * The store is written last: emitting serializes the output, and should that fail (a bug, not a record's fault)
     * the processing handler sets the record aside with the stored state as it was. Output already emitted stays.
     */
    private void store(Record<String, SessionUpdateBatch> record, String identity, SessionState before,
                       SessionState after) {
        emitState(record, identity, after);
        emitEdges(record, identity, before, after);
        sessions.put(identity, after);
    }

    private void delete(Record<String, SessionUpdateBatch> record, String identity, SessionState before) {
        emitState(record, identity, null);
        emitEdges(record, identity, before, null);
        if (before != null) {
            sessions.delete(identity);
        }
    }

    private void emitState(Record<String, SessionUpdateBatch> record, String identity, SessionState state) {
        Headers headers = new RecordHeaders();
        SourcePosition.of(context).ifPresent(source -> source.addTo(headers));
        context.forward(new Record<String, Object>(identity, state, record.timestamp(), headers),
                SessionTopology.SESSIONS_SINK);
    }

    private void emitEdges(Record<String, SessionUpdateBatch> record, String identity, SessionState before,
                           SessionState after) {
        emitEdges(record, identity, RefRole.ANCHOR, refs(before, RefRole.ANCHOR), refs(after, RefRole.ANCHOR));
        emitEdges(record, identity, RefRole.CHILD_OF, refs(before, RefRole.CHILD_OF), refs(after, RefRole.CHILD_OF));
        emitEdges(record, identity, RefRole.ALTERNATE_OF, refs(before, RefRole.ALTERNATE_OF),
                refs(after, RefRole.ALTERNATE_OF));
    }

    private void emitEdges(Record<String, SessionUpdateBatch> record, String identity, RefRole role,
                           Set<String> before, Set<String> after) {
        for (String uri : before) {
            if (!after.contains(uri)) {
                emitEdge(record, uri, new SessionRefEdge(identity, role, false));
            }
        }
        for (String uri : after) {
            if (!before.contains(uri)) {
                emitEdge(record, uri, new SessionRefEdge(identity, role, true));
            }
        }
    }

    private void emitEdge(Record<String, SessionUpdateBatch> record, String uri, SessionRefEdge edge) {
        context.forward(new Record<String, Object>(uri, edge, record.timestamp(), new RecordHeaders()),
                SessionTopology.EDGES_SINK);
    }

    static Set<String> refs(SessionState state, RefRole role) {
        if (state == null) {
            return Set.of();
        }
        List<String> uris = switch (role) {
            case ANCHOR -> state.getRefAnchors();
            case CHILD_OF -> state.getChildOfRefs();
            case ALTERNATE_OF -> state.getAlternateOfRefs();
        };
        return new LinkedHashSet<>(uris);
    }
}
