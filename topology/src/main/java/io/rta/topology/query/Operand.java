package io.rta.topology.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.rta.topology.model.DateTimes;
import io.rta.topology.session.SessionStates;
import io.rta.topology.model.Value;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * A literal from a query with the typed readings it can take, worked out once at parse time:
 * a string may also be a date-time (compared with date-time properties) or a state name.
 */
final class Operand {

    /** Result of {@link #compareTo} when the property value and the operand are of different types. */
    static final int MISMATCH = Integer.MIN_VALUE;

    private final Value value;
    private final Instant instant;
    private final OptionalInt stateCode;

    private Operand(Value value) {
        this.value = value;
        String text = value instanceof Value.Text t ? t.text() : null;
        this.instant = text == null ? null : DateTimes.parseInstant(text);
        this.stateCode = text != null ? SessionStates.code(text)
                : value instanceof Value.Int i && i.number() == (int) i.number() ? OptionalInt.of((int) i.number())
                : OptionalInt.empty();
    }

    /** Reads a scalar JSON literal (string, number, boolean or null); null when the node is not one. */
    static Operand fromJson(JsonNode node) {
        if (node.isNull()) {
            return new Operand(null);
        }
        if (node.isTextual()) {
            return new Operand(Value.of(node.textValue()));
        }
        if (node.isBoolean()) {
            return new Operand(Value.of(node.booleanValue()));
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return new Operand(Value.of(node.longValue()));
        }
        if (node.isNumber()) {
            return new Operand(Value.of(node.doubleValue()));
        }
        return null;
    }

    boolean isNull() {
        return value == null;
    }

    /** The literal; null for the JSON null. */
    Value value() {
        return value;
    }

    /** The literal as a date-time (a string that parses as one), else null. */
    Instant instant() {
        return instant;
    }

    /** The state code the literal names (a state name or an int), if any. */
    OptionalInt stateCode() {
        return stateCode;
    }

    /**
     * Compares a (non-null) property value with this operand: negative, zero or positive, or
     * {@link #MISMATCH} when the types cannot be compared or the operand is null.
     */
    int compareTo(Value property) {
        if (value == null) {
            return MISMATCH;
        }
        if (property instanceof Value.Time time) {
            return time.instant() == null || instant == null ? MISMATCH : time.instant().compareTo(instant);
        }
        if (property instanceof Value.State state) {
            return stateCode.isPresent() ? Integer.compare(state.code(), stateCode.getAsInt()) : MISMATCH;
        }
        if (Value.isNumeric(property)) {
            return Value.isNumeric(value) ? Value.compareNumbers(property, value) : MISMATCH;
        }
        if (property instanceof Value.Text text) {
            return value instanceof Value.Text t ? Integer.signum(text.text().compareTo(t.text())) : MISMATCH;
        }
        if (property instanceof Value.Bool flag) {
            return value instanceof Value.Bool b ? Boolean.compare(flag.flag(), b.flag()) : MISMATCH;
        }
        return MISMATCH;
    }

    /** Typed equality; a missing property equals only the null operand. */
    boolean equalsValue(Value property) {
        if (property == null || value == null) {
            return property == null && value == null;
        }
        return compareTo(property) == 0;
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
