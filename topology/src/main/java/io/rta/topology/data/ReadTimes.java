package io.rta.topology.data;

/**
 * The {@code start} and {@code end} query parameters of the data routes, parsed and checked once for every service
 * that takes them (the data service's routes, the gateway's session data routes): inclusive nanoseconds since the
 * Unix epoch, at least 0, absent or empty meaning unbounded, {@code start <= end}. Messages name the parameter and
 * the rule.
 */
public final class ReadTimes {

    private ReadTimes() {
    }

    /**
     * Parses a raw parameter.
     *
     * @return the time, or null when the parameter is absent or empty (unbounded)
     * @throws IllegalArgumentException when it is not an integer
     */
    public static Long parse(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value
                    + "' is not an integer: times are nanoseconds since the Unix epoch", e);
        }
    }

    /**
     * A parsed parameter as a bound.
     *
     * @param open the bound an absent parameter stands for ({@link Long#MIN_VALUE} or {@link Long#MAX_VALUE})
     * @throws IllegalArgumentException when it is negative
     */
    public static long bound(String name, Long value, long open) {
        if (value == null) {
            return open;
        }
        if (value < 0) {
            throw new IllegalArgumentException(name + " is " + value
                    + ": times are nanoseconds since the Unix epoch, at least 0");
        }
        return value;
    }

    /** @throws IllegalArgumentException when {@code start} is after {@code end} */
    public static void checkOrder(long start, long end) {
        if (start > end) {
            throw new IllegalArgumentException("start " + start + " is after end " + end);
        }
    }
}
