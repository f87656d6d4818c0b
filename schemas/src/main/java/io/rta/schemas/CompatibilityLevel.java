package io.rta.schemas;

import java.util.Locale;

/** The compatibility levels of the Confluent registry API, and what each one checks. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Parses a level name case-insensitively. */
    public static CompatibilityLevel parse(String level) {
        try {
            return valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown compatibility level '" + level + "': expected one of "
                    + java.util.Arrays.toString(values()), e);
        }
    }

    /** A new schema must be able to read data written with the earlier ones. */
    public boolean newReadsOld() {
        return newReadsOld;
    }

    /** Data written with a new schema must be readable by the earlier ones. */
    public boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Checked against every earlier version, not only the latest. */
    public boolean transitive() {
        return transitive;
    }
}
