package io.rta.topology.model;

import java.util.Map;

/**
 * A parsed reference to a session property, as written in queries, sorts and {@code prop}
 * ("identifier", "details.Driver", "extDetails.CarSetup.RideHeightFront", "timeRange.startTime").
 * Names are case-sensitive; anything else is {@link Kind#UNKNOWN} and reads as null.
 */
public record PropertyRef(Kind kind, String key) {

    /** Keys are interned so that detail lookups can compare references (see {@link SessionValues}). */
    public PropertyRef {
        key = key.intern();
    }

    public static final String DETAILS_PREFIX = "details.";
    public static final String EXT_DETAILS_PREFIX = "extDetails.";

    /** What a reference points at. */
    public enum Kind {
        IDENTITY, STATE, TIMESTAMP, START_TIMESTAMP, END_TIMESTAMP, IDENTIFIER, TYPE, QUALITY, GROUP,
        VERSION, TIME_RANGE_START, TIME_RANGE_END,
        /** key = detail key. */
        DETAIL,
        /** key = "Category.key" (the category is matched against the session's categories). */
        EXT_DETAIL,
        UNKNOWN
    }

    private static final Map<String, Kind> BUILT_INS = Map.ofEntries(
            Map.entry("identity", Kind.IDENTITY),
            Map.entry("state", Kind.STATE),
            Map.entry("timestamp", Kind.TIMESTAMP),
            Map.entry("startTimestamp", Kind.START_TIMESTAMP),
            Map.entry("endTimestamp", Kind.END_TIMESTAMP),
            Map.entry("identifier", Kind.IDENTIFIER),
            Map.entry("type", Kind.TYPE),
            Map.entry("quality", Kind.QUALITY),
            Map.entry("group", Kind.GROUP),
            Map.entry("version", Kind.VERSION),
            Map.entry("timeRange.startTime", Kind.TIME_RANGE_START),
            Map.entry("timeRange.endTime", Kind.TIME_RANGE_END));

    /** Parses a property name; never fails (unknown names give {@link Kind#UNKNOWN}). */
    public static PropertyRef parse(String name) {
        Kind builtIn = BUILT_INS.get(name);
        if (builtIn != null) {
            return new PropertyRef(builtIn, name);
        }
        if (name.startsWith(DETAILS_PREFIX) && name.length() > DETAILS_PREFIX.length()) {
            return new PropertyRef(Kind.DETAIL, name.substring(DETAILS_PREFIX.length()));
        }
        if (name.startsWith(EXT_DETAILS_PREFIX) && name.indexOf('.', EXT_DETAILS_PREFIX.length() + 1) > 0) {
            return new PropertyRef(Kind.EXT_DETAIL, name.substring(EXT_DETAILS_PREFIX.length()));
        }
        return new PropertyRef(Kind.UNKNOWN, name);
    }

    public boolean isKnown() {
        return kind != Kind.UNKNOWN;
    }
}
