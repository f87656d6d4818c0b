package io.rta.topology.limits;

import io.rta.topology.session.SessionLimits;
import java.nio.charset.StandardCharsets;

/**
 * The bounds on what an outsider may send that the views and topologies check: identities, queries, sorts, pages,
 * channels expressions, flush markers, rows and relationships. One instance per process, built from the options
 * (see {@code LimitOptions}); every check that refuses input names the option, so an operator knows what to raise.
 * The gRPC/REST edge and the topologies (for records produced straight to Kafka) check the same values here.
 *
 * @param maxIdentityLength  UTF-8 bytes of a session, folder, config or data identity ({@value #MAX_IDENTITY_LENGTH});
 *                           at most 65,535 (the chunk key stores a data identity's length in 16 bits)
 * @param maxQueryDepth      nesting of a session query ({@value #MAX_QUERY_DEPTH})
 * @param maxQueryTerms      criteria and conditions in one session query ({@value #MAX_QUERY_TERMS})
 * @param maxQueryOperands   values in one session query, {@code $in}/{@code $nin} items included
 *                           ({@value #MAX_QUERY_OPERANDS})
 * @param maxSortKeys        keys of one sort ({@value #MAX_SORT_KEYS})
 * @param maxPageSize        sessions in one page, REST {@code pageSize} and gRPC {@code page_size}
 *                           ({@value #MAX_PAGE_SIZE}); larger values are refused, not clamped
 * @param maxChannelsTerms   terms (ids and ranges) of one channels expression ({@value #MAX_CHANNELS_TERMS})
 * @param maxFlushMarkerLength UTF-8 bytes of a {@code flush_marker} ({@value #MAX_FLUSH_MARKER_LENGTH})
 * @param maxRowChannels     channel ids of one row ({@value #MAX_ROW_CHANNELS}); at most 65,535 (the chunk key
 *                           stores the count in 16 bits)
 * @param maxRelatedSessions sessions one anchor or parent relates, per role (owners, children, alternates)
 *                           ({@value #MAX_RELATED_SESSIONS})
 * @param maxProperties      properties one request names for rendering or the metamodel (REST {@code prop}, gRPC
 *                           {@code json_properties}) ({@value #MAX_PROPERTIES})
 * @param maxSubscriptionChannels channel ids of one WebSocket subscription, per request and in total
 *                           ({@value #MAX_SUBSCRIPTION_CHANNELS})
 */
public record InputLimits(int maxIdentityLength, int maxQueryDepth, int maxQueryTerms, int maxQueryOperands,
                          int maxSortKeys, int maxPageSize, int maxChannelsTerms, int maxFlushMarkerLength,
                          int maxRowChannels, int maxRelatedSessions, int maxProperties,
                          int maxSubscriptionChannels) {

    public static final String MAX_IDENTITY_LENGTH = "MaxIdentityLength";
    public static final String MAX_QUERY_DEPTH = "MaxQueryDepth";
    public static final String MAX_QUERY_TERMS = "MaxQueryTerms";
    public static final String MAX_QUERY_OPERANDS = "MaxQueryOperands";
    public static final String MAX_SORT_KEYS = "MaxSortKeys";
    public static final String MAX_PAGE_SIZE = "MaxPageSize";
    public static final String MAX_CHANNELS_TERMS = "MaxChannelsTerms";
    public static final String MAX_FLUSH_MARKER_LENGTH = "MaxFlushMarkerLength";
    public static final String MAX_ROW_CHANNELS = "MaxRowChannels";
    public static final String MAX_RELATED_SESSIONS = "MaxRelatedSessions";
    public static final String MAX_PROPERTIES = "MaxProperties";
    public static final String MAX_SUBSCRIPTION_CHANNELS = "MaxSubscriptionChannels";

    public static final int DEFAULT_MAX_IDENTITY_LENGTH = 1024;
    public static final int DEFAULT_MAX_QUERY_DEPTH = 32;
    public static final int DEFAULT_MAX_QUERY_TERMS = 1024;
    public static final int DEFAULT_MAX_QUERY_OPERANDS = 10_000;
    public static final int DEFAULT_MAX_SORT_KEYS = 16;
    public static final int DEFAULT_MAX_PAGE_SIZE = 10_000;
    public static final int DEFAULT_MAX_CHANNELS_TERMS = 4096;
    public static final int DEFAULT_MAX_FLUSH_MARKER_LENGTH = 1024;
    public static final int DEFAULT_MAX_ROW_CHANNELS = 4096;
    public static final int DEFAULT_MAX_RELATED_SESSIONS = 1000;
    public static final int DEFAULT_MAX_PROPERTIES = 256;
    public static final int DEFAULT_MAX_SUBSCRIPTION_CHANNELS = 65_536;

    /**
     * The deepest {@link #maxQueryDepth} may be set: parsing and evaluating a query recurse once per level, so a
     * deeper limit would let a query exhaust a request thread's stack.
     */
    public static final int QUERY_DEPTH_CEILING = 1000;

    /** The chunk key stores a row's channel count in 16 bits. */
    public static final int ROW_CHANNELS_CEILING = 0xFFFF;
    /** The chunk key stores a data identity's UTF-8 length in 16 bits. */
    public static final int IDENTITY_LENGTH_CEILING = 0xFFFF;

    private static final InputLimits DEFAULTS = new InputLimits(DEFAULT_MAX_IDENTITY_LENGTH, DEFAULT_MAX_QUERY_DEPTH,
            DEFAULT_MAX_QUERY_TERMS, DEFAULT_MAX_QUERY_OPERANDS, DEFAULT_MAX_SORT_KEYS, DEFAULT_MAX_PAGE_SIZE,
            DEFAULT_MAX_CHANNELS_TERMS, DEFAULT_MAX_FLUSH_MARKER_LENGTH, DEFAULT_MAX_ROW_CHANNELS,
            DEFAULT_MAX_RELATED_SESSIONS, DEFAULT_MAX_PROPERTIES, DEFAULT_MAX_SUBSCRIPTION_CHANNELS);

    public InputLimits {
        positive(MAX_IDENTITY_LENGTH, maxIdentityLength);
        positive(MAX_QUERY_DEPTH, maxQueryDepth);
        positive(MAX_QUERY_TERMS, maxQueryTerms);
        positive(MAX_QUERY_OPERANDS, maxQueryOperands);
        positive(MAX_SORT_KEYS, maxSortKeys);
        positive(MAX_PAGE_SIZE, maxPageSize);
        positive(MAX_CHANNELS_TERMS, maxChannelsTerms);
        positive(MAX_FLUSH_MARKER_LENGTH, maxFlushMarkerLength);
        positive(MAX_ROW_CHANNELS, maxRowChannels);
        positive(MAX_RELATED_SESSIONS, maxRelatedSessions);
        if (maxIdentityLength > IDENTITY_LENGTH_CEILING) {
            throw new IllegalArgumentException(MAX_IDENTITY_LENGTH + " " + maxIdentityLength + " is above "
                    + IDENTITY_LENGTH_CEILING + ": the chunk store keeps a data identity's length in 16 bits");
        }
        positive(MAX_PROPERTIES, maxProperties);
        positive(MAX_SUBSCRIPTION_CHANNELS, maxSubscriptionChannels);
        if (maxQueryDepth > QUERY_DEPTH_CEILING) {
            throw new IllegalArgumentException(MAX_QUERY_DEPTH + " " + maxQueryDepth + " is above "
                    + QUERY_DEPTH_CEILING + ": parsing and evaluating a query recurse once per level");
        }
        if (maxRowChannels > ROW_CHANNELS_CEILING) {
            throw new IllegalArgumentException(MAX_ROW_CHANNELS + " " + maxRowChannels + " is above "
                    + ROW_CHANNELS_CEILING + ": the chunk store keeps a row's channel count in 16 bits");
        }
        // A parent's state holds its children and alternates; an anchor's index its owners, children and
        // alternates. Both must still fit one record of the session topics with a full-size session beside them.
        long related = 3L * maxRelatedSessions * (maxIdentityLength + 8L);
        if (related + SessionLimits.MAX_STATE_BYTES > SessionLimits.TOPIC_MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException(MAX_RELATED_SESSIONS + " " + maxRelatedSessions + " x "
                    + MAX_IDENTITY_LENGTH + " " + maxIdentityLength + " could make a session record of over "
                    + SessionLimits.TOPIC_MAX_MESSAGE_BYTES + " bytes (the session topics' record limit): lower one");
        }
    }

    /** The documented defaults. */
    public static InputLimits defaults() {
        return DEFAULTS;
    }

    /**
     * What is wrong with an identity, or null when it is fine: not empty, at most {@link #maxIdentityLength} UTF-8
     * bytes, no control characters (C0, DEL, C1: they corrupt logs and terminals, and NUL separates key parts).
     *
     * @param field the request field or record part, e.g. {@code "identity"} or {@code "record key"}
     */
    public String identityProblem(String field, String identity) {
        if (identity == null || identity.isEmpty()) {
            return field + ": an identity must not be empty";
        }
        // a UTF-8 byte per char at least, 3 at most: only count when the char count does not decide
        if (identity.length() > maxIdentityLength
                || (identity.length() * 3L > maxIdentityLength
                && identity.getBytes(StandardCharsets.UTF_8).length > maxIdentityLength)) {
            return field + ": the identity is " + identity.getBytes(StandardCharsets.UTF_8).length
                    + " bytes long; at most " + maxIdentityLength + " bytes are allowed (" + MAX_IDENTITY_LENGTH + ")";
        }
        for (int i = 0; i < identity.length(); i++) {
            char c = identity.charAt(i);
            if (Character.isISOControl(c)) {
                return String.format(java.util.Locale.ROOT,
                        "%s: the identity holds the control character U+%04X at position %d; control characters "
                                + "are not allowed", field, (int) c, i);
            }
        }
        return null;
    }

    /**
     * The message of a refused count: {@code "<what> is <actual>; at most <limit> (<option>)"}, the one wording every
     * limit uses.
     */
    public static String exceeded(String what, long actual, long limit, String option) {
        return what + " is " + actual + "; at most " + limit + " allowed (" + option + ")";
    }

    /** Characters of a client's text a message quotes at most: an error must not echo a megabyte back. */
    public static final int EXCERPT_CHARS = 64;

    /**
     * Client text as a refusal or a log line quotes it: whole when short, else its start and its length; control
     * characters written as {@code \\uXXXX}, so a quoted CR/LF/ESC cannot forge a log line or drive a terminal.
     */
    public static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String start = text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS);
        StringBuilder quoted = new StringBuilder(start.length() + 16);
        start.chars().forEach(c -> quoted.append(Character.isISOControl(c)
                ? String.format(java.util.Locale.ROOT, "\\u%04X", c) : String.valueOf((char) c)));
        return text.length() <= EXCERPT_CHARS ? quoted.toString()
                : quoted.append("... (").append(text.length()).append(" characters)").toString();
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + value);
        }
    }

    public InputLimits withMaxIdentityLength(int value) {
        return new InputLimits(value, maxQueryDepth, maxQueryTerms, maxQueryOperands, maxSortKeys, maxPageSize,
                maxChannelsTerms, maxFlushMarkerLength, maxRowChannels, maxRelatedSessions, maxProperties,
                maxSubscriptionChannels);
    }

    public InputLimits withMaxQueryDepth(int value) {
        return new InputLimits(maxIdentityLength, value, maxQueryTerms, maxQueryOperands, maxSortKeys, maxPageSize,
                maxChannelsTerms, maxFlushMarkerLength, maxRowChannels, maxRelatedSessions, maxProperties,
                maxSubscriptionChannels);
    }

    public InputLimits withMaxQueryTerms(int value) {
        return new InputLimits(maxIdentityLength, maxQueryDepth, value, maxQueryOperands, maxSortKeys, maxPageSize,
                maxChannelsTerms, maxFlushMarkerLength, maxRowChannels, maxRelatedSessions, maxProperties,
                maxSubscriptionChannels);
    }

    public InputLimits withMaxQueryOperands(int value) {
        return new InputLimits(maxIdentityLength, maxQueryDepth, maxQueryTerms, value, maxSortKeys, maxPageSize,
                maxChannelsTerms, maxFlushMarkerLength, maxRowChannels, maxRelatedSessions, maxProperties,
                maxSubscriptionChannels);
    }

    public InputLimits withMaxSortKeys(int value) {
        return new InputLimits(maxIdentityLength, maxQueryDepth, maxQueryTerms, maxQueryOperands, value, maxPageSize,
                maxChannelsTerms, maxFlushMarkerLength, maxRowChannels, maxRelatedSessions, maxProperties,
                maxSubscriptionChannels);
    }

    public InputLimits withMaxPageSize(int value) {
        return new InputLimits(maxIdentityLength, maxQueryDepth, maxQueryTerms, maxQueryOperands, maxSortKeys, value,
                maxChannelsTerms, maxFlushMarkerLength, maxRowChannels, maxRelatedSessions, maxProperties,
                maxSubscriptionChannels);
    }

    public InputLimits withMaxChannelsTerms(int value) {
        return new InputLimits(maxIdentityLength, maxQueryDepth, maxQueryTerms, maxQueryOperands, maxSortKeys,
                maxPageSize, value, maxFlushMarkerLength, maxRowChannels, maxRelatedSessions, maxProperties,
                maxSubscriptionChannels);
    }

    public InputLimits withMaxFlushMarkerLength(int value) {
        return new InputLimits(maxIdentityLength, maxQueryDepth, maxQueryTerms, maxQueryOperands, maxSortKeys,
                maxPageSize, maxChannelsTerms, value, maxRowChannels, maxRelatedSessions, maxProperties,
                maxSubscriptionChannels);
    }

    public InputLimits withMaxRowChannels(int value) {
        return new InputLimits(maxIdentityLength, maxQueryDepth, maxQueryTerms, maxQueryOperands, maxSortKeys,
                maxPageSize, maxChannelsTerms, maxFlushMarkerLength, value, maxRelatedSessions, maxProperties,
                maxSubscriptionChannels);
    }

    public InputLimits withMaxRelatedSessions(int value) {
        return new InputLimits(maxIdentityLength, maxQueryDepth, maxQueryTerms, maxQueryOperands, maxSortKeys,
                maxPageSize, maxChannelsTerms, maxFlushMarkerLength, maxRowChannels, value, maxProperties,
                maxSubscriptionChannels);
    }

    public InputLimits withMaxProperties(int value) {
        return new InputLimits(maxIdentityLength, maxQueryDepth, maxQueryTerms, maxQueryOperands, maxSortKeys,
                maxPageSize, maxChannelsTerms, maxFlushMarkerLength, maxRowChannels, maxRelatedSessions, value,
                maxSubscriptionChannels);
    }

    public InputLimits withMaxSubscriptionChannels(int value) {
        return new InputLimits(maxIdentityLength, maxQueryDepth, maxQueryTerms, maxQueryOperands, maxSortKeys,
                maxPageSize, maxChannelsTerms, maxFlushMarkerLength, maxRowChannels, maxRelatedSessions, maxProperties,
                value);
    }
}
