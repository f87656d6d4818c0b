package io.rta.topology.errors;

import java.util.Locale;

/**
 * Text from outside (record keys, identities, exception messages quoting input) made safe for a log line, a dead
 * letter's reason or a health check: control characters are written as {@code \\uXXXX} escapes (they would
 * corrupt terminals and log parsers, and a CR/LF could forge log lines), and long text is cut.
 */
public final class LogText {

    /** Longest text kept; the rest is replaced by a note of how much was cut. */
    public static final int MAX_LENGTH = 4096;

    private LogText() {
    }

    /** {@code text} with control characters escaped and cut at {@link #MAX_LENGTH}; "null" for null. */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int keep = Math.min(text.length(), MAX_LENGTH);
        StringBuilder out = null;
        for (int i = 0; i < keep; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(keep + 16).append(text, 0, i);
                }
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        String escaped = out == null ? text.substring(0, keep) : out.toString();
        return keep < text.length() ? escaped + "... (" + (text.length() - keep) + " more characters)" : escaped;
    }
}
