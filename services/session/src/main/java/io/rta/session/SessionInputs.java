package io.rta.session;

import io.rta.events.ConfigBinding;
import io.rta.events.DataBinding;
import io.rta.events.DataBindingKey;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.service.errors.InvalidInputException;
import io.rta.topology.limits.InputLimits;
import java.util.List;
import java.util.Locale;

/**
 * The Session API's rules on identities and request sizes, in one place for every transport: session identities,
 * folder identities and parents, the identities a session update names (folder links, anchors and refs, config
 * identifiers, data identities of bindings), and how many properties a request names. Each refusal is an
 * {@link InvalidInputException} (REST 400, gRPC INVALID_ARGUMENT) naming the field; identities follow
 * {@link InputLimits#identityProblem}, counts {@link InputLimits#exceeded}.
 */
public final class SessionInputs {

    private final InputLimits limits;

    public SessionInputs(InputLimits limits) {
        this.limits = limits;
    }

    public InputLimits limits() {
        return limits;
    }

    /** A session or folder identity: not empty, not too long, no control characters. */
    public String requireIdentity(String field, String identity) {
        String problem = limits.identityProblem(field, identity);
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
        return identity;
    }

    /** A folder scope or parent: empty (or null) is the root, anything else is a folder identity. */
    public String requireFolder(String field, String folder) {
        return folder == null || folder.isEmpty() ? folder : requireIdentity(field, folder);
    }

    /** Properties a request names for rendering or the metamodel ({@code prop}, {@code json_properties}). */
    public void requireProperties(String field, List<String> properties) {
        if (properties != null && properties.size() > limits.maxProperties()) {
            throw new InvalidInputException(InputLimits.exceeded(field + " count", properties.size(),
                    limits.maxProperties(), InputLimits.MAX_PROPERTIES));
        }
    }

    /**
     * The identities a session update names. Empty values are left to the batch validator, whose messages say what
     * each op needs; a folder link may be empty (the root).
     */
    public void requireIdentities(SessionUpdateBatch batch) {
        if (batch.getUpdates() == null) {
            return;
        }
        for (int i = 0; i < batch.getUpdates().size(); i++) {
            SessionUpdateOp op = batch.getUpdates().get(i);
            if (op != null && op.getOp() != null) {
                requireIdentities("updates[" + i + "]." + op.getOp().name().toLowerCase(Locale.ROOT), op);
            }
        }
    }

    private void requireIdentities(String where, SessionUpdateOp op) {
        switch (op.getOp()) {
            case SET_FOLDERS, UPDATE_FOLDERS, DELETE_FOLDERS -> each(where + ".identities", op.getKeys());
            case SET_REF_ANCHORS, UPDATE_REF_ANCHORS, DELETE_REF_ANCHORS,
                    SET_ALTERNATE_OF_REFS, UPDATE_ALTERNATE_OF_REFS, DELETE_ALTERNATE_OF_REFS,
                    SET_CHILD_OF_REFS, UPDATE_CHILD_OF_REFS, DELETE_CHILD_OF_REFS ->
                    each(where + ".ref_uris", op.getKeys());
            case DELETE_CONFIG_BINDINGS -> each(where + ".identifiers", op.getKeys());
            case SET_CONFIG_BINDINGS, UPDATE_CONFIG_BINDINGS -> configBindings(where, op.getConfigBindings());
            case SET_DATA_BINDINGS, UPDATE_DATA_BINDINGS -> dataBindings(where, op.getDataBindings());
            case DELETE_DATA_BINDINGS -> dataBindingKeys(where + ".keys", op.getDataBindingKeys());
            default -> {
                // the other ops name no identity
            }
        }
    }

    private void each(String field, List<String> identities) {
        for (int i = 0; identities != null && i < identities.size(); i++) {
            nonEmpty(field + "[" + i + "]", identities.get(i));
        }
    }

    private void configBindings(String where, List<ConfigBinding> bindings) {
        for (int i = 0; bindings != null && i < bindings.size(); i++) {
            if (bindings.get(i) != null) {
                nonEmpty(where + ".config_bindings[" + i + "].identifier", bindings.get(i).getIdentifier());
            }
        }
    }

    private void dataBindings(String where, List<DataBinding> bindings) {
        for (int i = 0; bindings != null && i < bindings.size(); i++) {
            DataBinding binding = bindings.get(i);
            if (binding != null && binding.getKey() != null) {
                nonEmpty(where + ".data_bindings[" + i + "].key.identity", binding.getKey().getIdentity());
            }
        }
    }

    private void dataBindingKeys(String field, List<DataBindingKey> keys) {
        for (int i = 0; keys != null && i < keys.size(); i++) {
            if (keys.get(i) != null) {
                nonEmpty(field + "[" + i + "].identity", keys.get(i).getIdentity());
            }
        }
    }

    private void nonEmpty(String field, String identity) {
        if (identity != null && !identity.isEmpty()) {
            requireIdentity(field, identity);
        }
    }
}
