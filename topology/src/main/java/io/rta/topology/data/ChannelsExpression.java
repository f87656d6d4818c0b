package io.rta.topology.data;

import io.rta.topology.limits.InputLimits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A parsed RTA channels expression: comma-separated hexadecimal channel ids or ranges, ranges open-ended on either
 * side ({@code -5,7,B-D,14-}). Held as sorted, merged, inclusive ranges of uint32 ids.
 */
public final class ChannelsExpression {

    public static final long MAX_CHANNEL_ID = 0xFFFF_FFFFL;
    /** Every channel ({@code 0-}). */
    public static final ChannelsExpression ALL = new ChannelsExpression(List.of(new Range(0, MAX_CHANNEL_ID)), "0-");

    private final List<Range> ranges;
    private final String text;

    private ChannelsExpression(List<Range> ranges, String text) {
        this.ranges = List.copyOf(ranges);
        this.text = text;
    }

    /** An inclusive range of channel ids. */
    public record Range(long from, long to) {
        public boolean contains(long channelId) {
            return channelId >= from && channelId <= to;
        }
    }

    /** {@link #parse(String, InputLimits)} with the default limits. */
    public static ChannelsExpression parse(String expression) {
        return parse(expression, InputLimits.defaults());
    }

    /**
     * Parses an expression in one pass over its text (then a sort of its ranges): more than
     * {@link InputLimits#maxChannelsTerms} terms are refused before any is parsed, and messages quote at most the start
     * of a long expression.
     *
     * @throws IllegalArgumentException naming the offending term when the expression is malformed, or the limit
     */
    public static ChannelsExpression parse(String expression, InputLimits limits) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("channels expression is empty");
        }
        long terms = 1 + expression.chars().filter(c -> c == ',').count();
        if (terms > limits.maxChannelsTerms()) {
            throw new IllegalArgumentException(InputLimits.exceeded("channels expression term count", terms,
                    limits.maxChannelsTerms(), InputLimits.MAX_CHANNELS_TERMS));
        }
        String quoted = InputLimits.excerpt(expression);
        List<Range> parsed = new ArrayList<>((int) terms);
        int start = 0;
        while (start <= expression.length()) {
            int comma = expression.indexOf(',', start);
            int end = comma < 0 ? expression.length() : comma;
            parsed.add(parseTerm(expression.substring(start, end).trim(), quoted));
            start = end + 1;
        }
        return new ChannelsExpression(merge(parsed), expression);
    }

    /** Exactly the given channel ids (for callers that already hold ids, e.g. a row data channel set). */
    public static ChannelsExpression of(long... channelIds) {
        List<Range> ranges = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (long id : channelIds) {
            checkId(id, Long.toString(id));
            ranges.add(new Range(id, id));
            text.append(text.length() == 0 ? "" : ",").append(Long.toHexString(id).toUpperCase(Locale.ROOT));
        }
        return new ChannelsExpression(merge(ranges), text.toString());
    }

    private static Range parseTerm(String term, String quoted) {
        if (term.isEmpty()) {
            throw new IllegalArgumentException("channels expression '" + quoted + "' has an empty term");
        }
        int dash = term.indexOf('-');
        if (dash < 0) {
            long id = parseId(term, quoted);
            return new Range(id, id);
        }
        if (term.indexOf('-', dash + 1) >= 0 || term.length() == 1) {
            throw new IllegalArgumentException("channels expression '" + quoted + "' has a malformed range '"
                    + InputLimits.excerpt(term) + "'");
        }
        long from = dash == 0 ? 0 : parseId(term.substring(0, dash), quoted);
        long to = dash == term.length() - 1 ? MAX_CHANNEL_ID : parseId(term.substring(dash + 1), quoted);
        if (from > to) {
            throw new IllegalArgumentException("channels expression '" + quoted + "' has a range '"
                    + InputLimits.excerpt(term) + "' whose start is after its end");
        }
        return new Range(from, to);
    }

    private static long parseId(String hex, String quoted) {
        String digits = hex.trim();
        if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(ChannelsExpression::isHexDigit)) {
            throw new IllegalArgumentException("channels expression '" + quoted + "': '"
                    + InputLimits.excerpt(hex) + "' is not a hexadecimal channel id (0-FFFFFFFF)");
        }
        return Long.parseLong(digits, 16);
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void checkId(long id, String text) {
        if (id < 0 || id > MAX_CHANNEL_ID) {
            throw new IllegalArgumentException("channel id " + text + " is outside 0..4294967295");
        }
    }

    private static List<Range> merge(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::from));
        List<Range> merged = new ArrayList<>();
        for (Range range : sorted) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range.from() <= last.to() + 1) {
                merged.set(merged.size() - 1, new Range(last.from(), Math.max(last.to(), range.to())));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    /**
     * Whether the expression selects {@code channelId}: a binary search of its sorted, disjoint ranges (an expression
     * may hold thousands, and row reads ask once per stored row set).
     */
    public boolean matches(long channelId) {
        int low = 0;
        int high = ranges.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Range range = ranges.get(middle);
            if (channelId < range.from()) {
                high = middle - 1;
            } else if (channelId > range.to()) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Whether any of the ids matches (row data is returned when any channel of its set is requested). */
    public boolean matchesAny(long[] channelIds) {
        for (long id : channelIds) {
            if (matches(id)) {
                return true;
            }
        }
        return false;
    }

    /** Sorted, non-overlapping, non-adjacent inclusive ranges. */
    public List<Range> ranges() {
        return ranges;
    }

    @Override
    public String toString() {
        return text;
    }
}
