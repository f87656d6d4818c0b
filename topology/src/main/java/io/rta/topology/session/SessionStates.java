package io.rta.topology.session;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The numeric session states of the RTA session model and their camelCase JSON names. The numbers are part
 * of the RTA specification: every closed state is {@code >= CLOSED} and bitwise comparison also works.
 */
public final class SessionStates {

    public static final int UNKNOWN = 0;
    public static final int WAITING = 1;
    public static final int OPEN = 2;
    public static final int CLOSED = 4;
    public static final int TRUNCATED = 12;
    public static final int FAILED = 28;
    public static final int ABANDONED = 44;

    private static final List<Integer> NUMBERS = List.of(UNKNOWN, WAITING, OPEN, CLOSED, TRUNCATED, FAILED, ABANDONED);
    private static final List<String> NAMES =
            List.of("unknown", "waiting", "open", "closed", "truncated", "failed", "abandoned");
    private static final Map<String, Integer> BY_NAME = Map.of(
            "unknown", UNKNOWN, "waiting", WAITING, "open", OPEN, "closed", CLOSED,
            "truncated", TRUNCATED, "failed", FAILED, "abandoned", ABANDONED);

    private SessionStates() {
    }

    /** Whether {@code state} is one of the seven numeric states of the model. */
    public static boolean isValid(int state) {
        return NUMBERS.contains(state);
    }

    /** The camelCase JSON name of a numeric state; {@link IllegalArgumentException} if it is not a known state. */
    public static String name(int state) {
        int index = NUMBERS.indexOf(state);
        if (index < 0) {
            throw new IllegalArgumentException(state + " is not a known session state (" + describe() + ")");
        }
        return NAMES.get(index);
    }

    /** The numeric state of a JSON name (exact, case-sensitive); {@link IllegalArgumentException} if unknown. */
    public static int fromName(String name) {
        Integer state = name == null ? null : BY_NAME.get(name);
        if (state == null) {
            throw new IllegalArgumentException("\"" + name + "\" is not a known session state (" + describe() + ")");
        }
        return state;
    }

    /** The numeric state of a name, case-insensitive (for queries); empty when the name is not a state. */
    public static OptionalInt code(String name) {
        Integer state = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        return state == null ? OptionalInt.empty() : OptionalInt.of(state);
    }

    /** The JSON names in numeric order. */
    public static List<String> names() {
        return NAMES;
    }

    /** All states as {@code "0 unknown, 1 waiting, ..."}, for error messages. */
    public static String describe() {
        return NUMBERS.stream().map(n -> n + " " + NAMES.get(NUMBERS.indexOf(n))).collect(Collectors.joining(", "));
    }
}
