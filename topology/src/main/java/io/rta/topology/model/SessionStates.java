package io.rta.topology.model;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** The numeric session states of the RTA session model and their JSON names. */
public final class SessionStates {

    public static final int UNKNOWN = 0;
    public static final int WAITING = 1;
    public static final int OPEN = 2;
    public static final int CLOSED = 4;
    public static final int TRUNCATED = 12;
    public static final int FAILED = 28;
    public static final int ABANDONED = 44;

    private static final Map<Integer, String> NAMES = Map.of(
            UNKNOWN, "unknown", WAITING, "waiting", OPEN, "open", CLOSED, "closed",
            TRUNCATED, "truncated", FAILED, "failed", ABANDONED, "abandoned");

    private static final Map<String, Integer> CODES = Map.of(
            "unknown", UNKNOWN, "waiting", WAITING, "open", OPEN, "closed", CLOSED,
            "truncated", TRUNCATED, "failed", FAILED, "abandoned", ABANDONED);

    private SessionStates() {
    }

    /** The JSON name of a numeric state; numbers outside the model render as "unknown". */
    public static String name(int code) {
        return NAMES.getOrDefault(code, "unknown");
    }

    /** The numeric state for a name, case-insensitive; empty when the name is not a state. */
    public static OptionalInt code(String name) {
        Integer code = CODES.get(name.toLowerCase(Locale.ROOT));
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** Whether a number is one of the states of the model. */
    public static boolean isValid(int code) {
        return NAMES.containsKey(code);
    }
}
