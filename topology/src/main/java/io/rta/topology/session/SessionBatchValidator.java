package io.rta.topology.session;

import io.rta.events.ConfigBinding;
import io.rta.events.DataBinding;
import io.rta.events.DataBindingKey;
import io.rta.events.DataChannelBinding;
import io.rta.events.Detail;
import io.rta.events.Marker;
import io.rta.events.SessionCreate;
import io.rta.events.SessionOp;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.SessionUpdateOp;
import io.rta.events.TimeRange;
import io.rta.topology.limits.InputLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Checks a session update batch before anything is written (gRPC) or applied (topology). Each message names
 * the field or op and the rule, e.g. {@code updates[3].set_quality: quality 1.5 is outside 0..1}; field names
 * follow the gRPC API (the main producer of batches), payload names the Avro event.
 */
public final class SessionBatchValidator {

    /** Largest uint32, the range of channel numbers and offsets in the gRPC API. */
    public static final long MAX_UINT32 = 4_294_967_295L;

    private SessionBatchValidator() {
    }

    /** {@link #validate(String, SessionUpdateBatch, InputLimits)} with the default limits (tests). */
    public static List<String> validate(String identity, SessionUpdateBatch batch) {
        return validate(identity, batch, InputLimits.defaults());
    }

    /**
     * All problems of the batch for the session {@code identity}; empty when it is valid. Every identity the batch
     * names (the session's, folders, ref URIs, config identifiers, data identities) must meet
     * {@link InputLimits#identityProblem}: these become record keys, store keys and log text.
     */
    public static List<String> validate(String identity, SessionUpdateBatch batch, InputLimits limits) {
        return validate(identity, batch, limits, null);
    }

    /**
     * {@link #validate(String, SessionUpdateBatch, InputLimits)}, keeping what it parsed: {@code parsed[i]} receives
     * the details of update {@code i} when it is a details op that parsed (so applying the batch does not parse its
     * JSON again). {@code parsed} is null, or as long as the batch's updates.
     */
    static List<String> validate(String identity, SessionUpdateBatch batch, InputLimits limits,
                                 List<Detail>[] parsed) {
        List<String> problems = new ArrayList<>();
        if (identity == null || identity.isEmpty()) {
            problems.add("identity: must not be empty");
        } else {
            addIfPresent(problems, limits.identityProblem("identity", identity));
        }
        if (batch == null) {
            problems.add("batch: is required");
            return problems;
        }
        if (batch.getDelete()) {
            return problems; // a delete reads nothing else
        }
        validateCreate(batch.getCreateIfNotExists(), problems);
        if (batch.getUpdates() == null) {
            problems.add("updates: is required");
            return problems;
        }
        for (int i = 0; i < batch.getUpdates().size(); i++) {
            List<Detail> details = validateOp("updates[" + i + "]", batch.getUpdates().get(i), limits, problems);
            if (parsed != null) {
                parsed[i] = details;
            }
        }
        return problems;
    }

    private static void validateCreate(SessionCreate create, List<String> problems) {
        if (create == null) {
            return;
        }
        if (create.getState() != null && !SessionStates.isValid(create.getState())) {
            problems.add("create_if_not_exists.state: " + unknownState(create.getState()));
        }
        String timestamp = create.getTimestamp();
        if (timestamp != null && !timestamp.isEmpty()) {
            checkTimestamp(timestamp, message -> problems.add("create_if_not_exists.timestamp: " + message));
        }
    }

    /** Checks one op; returns the details it parsed (details ops that parse), else null. */
    private static List<Detail> validateOp(String path, SessionUpdateOp op, InputLimits limits,
                                           List<String> problems) {
        if (op == null || op.getOp() == null) {
            problems.add(path + ": op is required");
            return null;
        }
        // the path is built only for a message: most ops are valid, and this runs for every op of every write
        Consumer<String> report = message -> problems.add(path + "." + op.getOp().name().toLowerCase(Locale.ROOT)
                + ": " + message);
        List<String> missing = OpPayloads.missing(op);
        if (!missing.isEmpty()) {
            missing.forEach(field -> report.accept(field + " is required"));
            return null;
        }
        return switch (op.getOp()) {
            case SET_DETAILS, UPDATE_DETAILS -> parseDetails(() -> Details.fromStrings(op.getStringDetails()), report);
            case SET_DETAILS_JSON, UPDATE_DETAILS_JSON -> parseDetails(() -> Details.fromJson(op.getJson()), report);
            default -> {
                validatePayload(path + "." + op.getOp().name().toLowerCase(Locale.ROOT), op, report, limits,
                        problems);
                yield null;
            }
        };
    }

    private static void validatePayload(String where, SessionUpdateOp op, Consumer<String> report,
                                        InputLimits limits, List<String> problems) {
        switch (op.getOp()) {
            case SET_STATE -> checkState(op.getState(), report);
            case SET_TIMESTAMP -> checkTimestamp(op.getText(), report);
            case SET_TIME_RANGE, EXTEND_TIME_RANGE -> checkTimeRange(op.getTimeRange(), report);
            case SET_QUALITY -> checkQuality(op.getQuality(), report);
            case SET_MARKERS, UPDATE_MARKERS -> checkMarkers(where, op.getMarkers(), problems);
            case SET_CONFIG_BINDINGS, UPDATE_CONFIG_BINDINGS ->
                    checkConfigBindings(where, op.getConfigBindings(), limits, problems);
            case DELETE_CONFIG_BINDINGS -> checkIdentities(where + ".identifiers", op.getKeys(), false, limits,
                    problems);
            case SET_DATA_BINDINGS, UPDATE_DATA_BINDINGS ->
                    checkDataBindings(where, op.getDataBindings(), limits, problems);
            case DELETE_DATA_BINDINGS -> checkDataBindingKeys(where, op.getDataBindingKeys(), limits, problems);
            case SET_FOLDERS, UPDATE_FOLDERS, DELETE_FOLDERS ->
                    checkIdentities(where + ".identities", op.getKeys(), true, limits, problems);
            case SET_REF_ANCHORS, UPDATE_REF_ANCHORS, DELETE_REF_ANCHORS,
                    SET_ALTERNATE_OF_REFS, UPDATE_ALTERNATE_OF_REFS, DELETE_ALTERNATE_OF_REFS,
                    SET_CHILD_OF_REFS, UPDATE_CHILD_OF_REFS, DELETE_CHILD_OF_REFS ->
                    checkRefUris(where, op.getKeys(), limits, problems);
            default -> {
                // the remaining ops carry no payload, or one without rules beyond being present
            }
        }
    }

    private static void checkState(int state, Consumer<String> report) {
        if (!SessionStates.isValid(state)) {
            report.accept(unknownState(state));
        }
    }

    private static String unknownState(int state) {
        return "state " + state + " is not a known session state (" + SessionStates.describe() + ")";
    }

    private static void checkTimestamp(String text, Consumer<String> report) {
        try {
            Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            report.accept(e.getMessage());
        }
    }

    private static void checkTimeRange(TimeRange range, Consumer<String> report) {
        if (range.getStartTime() > range.getEndTime()) {
            report.accept("start_time " + range.getStartTime() + " is after end_time " + range.getEndTime());
        }
    }

    private static void checkQuality(double quality, Consumer<String> report) {
        if (!(quality >= 0.0 && quality <= 1.0)) {
            report.accept("quality " + quality + " is outside 0..1");
        }
    }

    /** The parsed details, or null after reporting why they do not parse. */
    private static List<Detail> parseDetails(Supplier<List<Detail>> parse, Consumer<String> report) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            report.accept(e.getMessage());
            return null;
        }
    }

    private static void checkMarkers(String where, List<Marker> markers, List<String> problems) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < markers.size(); i++) {
            Marker marker = markers.get(i);
            String path = where + ".markers[" + i + "]";
            if (marker.getId() == null || marker.getId().isEmpty()) {
                problems.add(path + ".id: must not be empty");
            } else if (!ids.add(marker.getId())) {
                problems.add(path + ".id: \"" + marker.getId()
                        + "\" is repeated (marker ids are unique within an update)");
            }
            checkMarkerDetails(path, marker.getDetailsJson(), problems);
            Long start = marker.getStartTime();
            Long end = marker.getEndTime();
            if (start != null && end != null && start > end) {
                problems.add(path + ": start_time " + start + " is after end_time " + end);
            }
        }
    }

    private static void checkMarkerDetails(String path, String json, List<String> problems) {
        if (json == null || json.isEmpty()) {
            return;
        }
        try {
            Details.readObject(json, "details_json");
        } catch (IllegalArgumentException e) {
            problems.add(path + ".details_json: " + e.getMessage());
        }
    }

    private static void checkConfigBindings(String where, List<ConfigBinding> bindings, InputLimits limits,
                                            List<String> problems) {
        for (int i = 0; i < bindings.size(); i++) {
            ConfigBinding binding = bindings.get(i);
            String path = where + ".config_bindings[" + i + "]";
            if (binding.getIdentifier() == null || binding.getIdentifier().isEmpty()) {
                problems.add(path + ".identifier: must not be empty");
            } else {
                addIfPresent(problems, limits.identityProblem(path + ".identifier", binding.getIdentifier()));
            }
            checkUint32(path + ".channel_offset", binding.getChannelOffset(), problems);
        }
    }

    private static void checkDataBindings(String where, List<DataBinding> bindings, InputLimits limits,
                                          List<String> problems) {
        for (int i = 0; i < bindings.size(); i++) {
            DataBinding binding = bindings.get(i);
            String path = where + ".data_bindings[" + i + "]";
            if (binding.getKey() == null) {
                problems.add(path + ".key: is required");
            } else {
                checkDataIdentity(path + ".key.identity", binding.getKey(), limits, problems);
            }
            List<DataChannelBinding> channels = binding.getDataChannelBindings();
            for (int c = 0; channels != null && c < channels.size(); c++) {
                checkChannelBinding(path + ".data_channel_bindings[" + c + "]", channels.get(c), problems);
            }
        }
    }

    private static void checkChannelBinding(String path, DataChannelBinding binding, List<String> problems) {
        checkUint32(path + ".first_data_channel", binding.getFirstDataChannel(), problems);
        checkUint32(path + ".first_session_channel", binding.getFirstSessionChannel(), problems);
        checkUint32(path + ".last_session_channel", binding.getLastSessionChannel(), problems);
        if (binding.getFirstSessionChannel() > binding.getLastSessionChannel()) {
            problems.add(path + ": first_session_channel " + binding.getFirstSessionChannel()
                    + " is after last_session_channel " + binding.getLastSessionChannel());
        }
    }

    private static void checkUint32(String path, long value, List<String> problems) {
        if (value < 0 || value > MAX_UINT32) {
            problems.add(path + ": " + value + " is outside 0.." + MAX_UINT32);
        }
    }

    private static void checkRefUris(String where, List<String> uris, InputLimits limits, List<String> problems) {
        for (int i = 0; i < uris.size(); i++) {
            if (uris.get(i) == null || uris.get(i).isEmpty()) {
                problems.add(where + ".ref_uris[" + i + "]: must not be empty");
            } else {
                addIfPresent(problems, limits.identityProblem(where + ".ref_uris[" + i + "]", uris.get(i)));
            }
        }
    }

    private static void checkDataBindingKeys(String where, List<DataBindingKey> keys, InputLimits limits,
                                             List<String> problems) {
        for (int i = 0; i < keys.size(); i++) {
            checkDataIdentity(where + ".keys[" + i + "].identity", keys.get(i), limits, problems);
        }
    }

    /** A data identity may be left empty (the binding's source decides); when given it is an identity. */
    private static void checkDataIdentity(String path, DataBindingKey key, InputLimits limits,
                                          List<String> problems) {
        if (key != null && key.getIdentity() != null && !key.getIdentity().isEmpty()) {
            addIfPresent(problems, limits.identityProblem(path, key.getIdentity()));
        }
    }

    /** Identities of folders ({@code rootAllowed}: the empty identity is the root) or configs. */
    private static void checkIdentities(String path, List<String> identities, boolean rootAllowed,
                                        InputLimits limits, List<String> problems) {
        for (int i = 0; i < identities.size(); i++) {
            String identity = identities.get(i);
            if (!(rootAllowed && identity != null && identity.isEmpty())) {
                addIfPresent(problems, limits.identityProblem(path + "[" + i + "]", identity));
            }
        }
    }

    private static void addIfPresent(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** The payload fields each op reads; they must be present (the Avro defaults make most of them so). */
    private static final class OpPayloads {

        static List<String> missing(SessionUpdateOp op) {
            List<String> missing = new ArrayList<>();
            for (String field : fields(op.getOp())) {
                if (op.get(field) == null) {
                    missing.add(field);
                }
            }
            return missing;
        }

        static List<String> fields(SessionOp op) {
            return switch (op) {
                case UPDATE_HEARTBEAT, CLEAR_TIME_RANGE, CLEAR_TYPE, CLEAR_QUALITY, CLEAR_GROUP, CLEAR_VERSION ->
                        List.of();
                case SET_STATE -> List.of("state");
                case SET_TIMESTAMP, SET_IDENTIFIER, SET_TYPE, SET_GROUP, SET_VERSION -> List.of("text");
                case SET_TIME_RANGE, EXTEND_TIME_RANGE -> List.of("timeRange");
                case SET_QUALITY -> List.of("quality");
                case SET_DETAILS, UPDATE_DETAILS -> List.of("category", "stringDetails");
                case SET_DETAILS_JSON, UPDATE_DETAILS_JSON -> List.of("category", "json");
                case DELETE_DETAILS -> List.of("category", "keys");
                case SET_MARKERS, UPDATE_MARKERS -> List.of("markers");
                case SET_CONFIG_BINDINGS, UPDATE_CONFIG_BINDINGS -> List.of("configBindings");
                case SET_DATA_BINDINGS, UPDATE_DATA_BINDINGS -> List.of("dataBindings");
                case DELETE_DATA_BINDINGS -> List.of("dataBindingKeys");
                case DELETE_MARKERS, DELETE_CONFIG_BINDINGS, SET_FOLDERS, UPDATE_FOLDERS, DELETE_FOLDERS,
                        SET_REF_ANCHORS, UPDATE_REF_ANCHORS, DELETE_REF_ANCHORS,
                        SET_ALTERNATE_OF_REFS, UPDATE_ALTERNATE_OF_REFS, DELETE_ALTERNATE_OF_REFS,
                        SET_CHILD_OF_REFS, UPDATE_CHILD_OF_REFS, DELETE_CHILD_OF_REFS -> List.of("keys");
            };
        }
    }
}
