package io.rta.topology.query;

import io.rta.topology.model.Value;
import java.util.List;

/** A condition on one property value (null when the session does not have the property). */
@FunctionalInterface
interface Condition {

    boolean test(Value value);

    /** $eq, $neq, $gt, $gte, $lt, $lte. */
    static Condition comparison(String operator, Operand operand) {
        return switch (operator) {
            case "$eq" -> operand::equalsValue;
            case "$neq" -> value -> !operand.equalsValue(value);
            case "$gt" -> ordered(operand, false, c -> c > 0);
            case "$gte" -> ordered(operand, true, c -> c >= 0);
            case "$lt" -> ordered(operand, false, c -> c < 0);
            case "$lte" -> ordered(operand, true, c -> c <= 0);
            default -> throw new IllegalArgumentException("not a comparison: " + operator);
        };
    }

    /** $startsWith, $endsWith, $contains: case-insensitive, on strings, state names and date-time texts. */
    static Condition textMatch(String operator, String needle) {
        TextMatch match = switch (operator) {
            case "$startsWith" -> (text, n) -> text.regionMatches(true, 0, n, 0, n.length());
            case "$endsWith" -> (text, n) -> text.regionMatches(true, text.length() - n.length(), n, 0, n.length());
            case "$contains" -> Condition::containsIgnoreCase;
            default -> throw new IllegalArgumentException("not a text match: " + operator);
        };
        return value -> {
            String text = value == null ? null : Value.textOf(value);
            return text != null && match.test(text, needle);
        };
    }

    /**
     * $in; $nin is its negation. A long list is looked up by the value's type in hash sets ({@link OperandSet}), so a
     * 10,000-operand $in costs a lookup per session, not 10,000 comparisons.
     */
    static Condition in(List<Operand> operands) {
        return operands.size() > OperandSet.LINEAR_MAX ? OperandSet.of(operands) : linearIn(List.copyOf(operands));
    }

    /** $in by comparing the value with each operand in turn: the reference {@link OperandSet} must agree with. */
    static Condition linearIn(List<Operand> operands) {
        return value -> {
            for (Operand operand : operands) {
                if (operand.equalsValue(value)) {
                    return true;
                }
            }
            return false;
        };
    }

    static Condition not(Condition condition) {
        return value -> !condition.test(value);
    }

    static Condition allOf(List<Condition> conditions) {
        if (conditions.size() == 1) {
            return conditions.get(0);
        }
        return value -> {
            for (Condition condition : conditions) {
                if (!condition.test(value)) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * An ordering comparison. Against null (allowed by the schema, discouraged by the guide),
     * $gte/$lte behave like $eq null and $gt/$lt match nothing, as in MongoDB.
     */
    private static Condition ordered(Operand operand, boolean inclusive, java.util.function.IntPredicate accept) {
        if (operand.isNull()) {
            return inclusive ? value -> value == null : value -> false;
        }
        return value -> {
            if (value == null) {
                return false;
            }
            int c = operand.compareTo(value);
            return c != Operand.MISMATCH && accept.test(c);
        };
    }

    /** Checks the first character cheaply before comparing the rest of each candidate position. */
    private static boolean containsIgnoreCase(String text, String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        char first = needle.charAt(0);
        char lower = Character.toLowerCase(first);
        char upper = Character.toUpperCase(first);
        int last = text.length() - needle.length();
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            boolean quick = c == lower || c == upper;
            // outside ASCII, case folding has more pairs than lower/upper: compare the whole region
            boolean slow = !quick && (c >= 128 || first >= 128);
            if (quick && text.regionMatches(true, i + 1, needle, 1, needle.length() - 1)
                    || slow && text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    /** A text predicate. */
    @FunctionalInterface
    interface TextMatch {
        boolean test(String text, String needle);
    }
}
