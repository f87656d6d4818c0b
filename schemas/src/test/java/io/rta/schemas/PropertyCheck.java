package io.rta.schemas;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Property tests without a framework: {@link #forAll} runs a property on generated inputs from a fixed seed, so a run
 * is repeatable, and names the seed, the case and the input when it fails. {@code -Drta.property.seed=<n>} replays or
 * varies a run ({@code random} picks a fresh seed, reported on failure). The generators favour the values that break
 * code: bounds, 0, ±1, empty and longest, control characters; there is no shrinking.
 *
 * <p>The same class is in the test trees of {@code schemas}, {@code topology} and {@code services/stream}.
 */
public final class PropertyCheck {

    /** The system property that replaces every property's seed. */
    public static final String SEED_PROPERTY = "rta.property.seed";
    public static final long DEFAULT_SEED = 0x5EED_0011_2A7AL;

    private static final int MAX_SHOWN = 2000;
    private static final int MAX_ITEMS = 64;
    private static final int MAX_TEXT = 500;
    /** The failure's own message, in full with its stack trace, follows as the cause. */
    private static final int MAX_FAILURE = 800;
    /** A property may discard at most this many inputs per case it checks before the run fails. */
    private static final int MAX_DISCARD_RATIO = 20;

    private static final Byte[] EDGE_BYTES = {0, 1, -1, Byte.MAX_VALUE, Byte.MIN_VALUE};
    private static final Character[] EDGE_CHARS = {'\0', ' ', '\u007F', '\u0085', '\u00A0', '\u2028', '\uFEFF',
            '\uFFFD', '\uFFFF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '"', '\\', '\n', '\r', '\t'};

    private PropertyCheck() {
    }

    /** A property of one input; it fails by throwing. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Exception;
    }

    /** Thrown by {@link #assume}: the input is outside the property's domain and is not counted. */
    private static final class Discarded extends RuntimeException {
        Discarded() {
            super(null, null, false, false);
        }
    }

    /** Checks {@code property} on {@code tries} inputs from {@code generator}, from the default seed. */
    public static <T> void forAll(int tries, Function<SplittableRandom, T> generator, Property<T> property) {
        forAll(tries, DEFAULT_SEED, generator, property);
    }

    /**
     * Checks {@code property} on {@code tries} inputs from {@code generator} (the system property
     * {@value #SEED_PROPERTY}, when set, replaces {@code seed}); inputs the property {@linkplain #assume discards}
     * do not count. A failure is an {@link AssertionError} naming the seed, the case and the input.
     */
    public static <T> void forAll(int tries, long seed, Function<SplittableRandom, T> generator,
                                  Property<T> property) {
        long effectiveSeed = seed(seed);
        SplittableRandom root = new SplittableRandom(effectiveSeed);
        int checked = 0;
        int discarded = 0;
        while (checked < tries) {
            // each case from its own split, so what one case draws does not shift the next
            SplittableRandom random = root.split();
            T input = null;
            boolean generated = false;
            try {
                input = generator.apply(random);
                generated = true;
                property.check(input);
                checked++;
            } catch (Discarded ignored) {
                if (++discarded > MAX_DISCARD_RATIO * Math.max(tries, 1)) {
                    throw new AssertionError(String.format(Locale.ROOT,
                            "%d inputs discarded for %d checked (seed %d): the generator misses the property's domain",
                            discarded, checked, effectiveSeed));
                }
            } catch (Throwable failure) {
                throw new AssertionError(String.format(Locale.ROOT,
                        "property failed on case %d of %d%s (seed %d; replay with -D%s=%d)%n  input: %s%n  failure: %s",
                        checked + 1, tries, discarded == 0 ? "" : " after " + discarded + " discarded inputs",
                        effectiveSeed, SEED_PROPERTY, effectiveSeed,
                        generated ? show(input) : "(the generator failed)",
                        shorten(escape(String.valueOf(failure), true), MAX_FAILURE)),
                        failure);
            }
        }
    }

    /** Discards the current input unless {@code condition} holds. */
    public static void assume(boolean condition) {
        if (!condition) {
            throw new Discarded();
        }
    }

    private static long seed(long seed) {
        String configured = System.getProperty(SEED_PROPERTY, "").trim();
        if (configured.isEmpty()) {
            return seed;
        }
        if (configured.equalsIgnoreCase("random")) {
            return new SplittableRandom().nextLong();
        }
        return Long.parseLong(configured);
    }

    // ---- showing inputs ----

    /**
     * An input as a failure shows it: arrays, collections and records spelled out (the first {@value #MAX_ITEMS}
     * items of each, texts up to {@value #MAX_TEXT} characters), control characters escaped, shortened.
     */
    public static String show(Object input) {
        return shorten(escape(render(input), false), MAX_SHOWN);
    }

    private static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence text) {
            return "\"" + shorten(text.toString(), MAX_TEXT) + "\"";
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> shown = new ArrayList<>();
            for (int i = 0; i < Math.min(length, MAX_ITEMS); i++) {
                shown.add(Array.get(value, i));
            }
            Class<?> component = value.getClass().getComponentType();
            return (component.isPrimitive() ? component.getName() + "[" + length + "] " : "") + items(shown, length);
        }
        if (value instanceof Collection<?> items) {
            return items(items.stream().limit(MAX_ITEMS).toList(), items.size());
        }
        if (value instanceof Record) {
            return renderRecord(value);
        }
        return String.valueOf(value);
    }

    private static String items(List<?> shown, int total) {
        return shown.stream().map(PropertyCheck::render).collect(Collectors.joining(", ", "[",
                total > shown.size() ? ", ... " + (total - shown.size()) + " more]" : "]"));
    }

    /** A record's components rendered one by one (its own {@code toString} shows an array as {@code [B@1f2a}). */
    private static String renderRecord(Object record) {
        StringBuilder out = new StringBuilder(record.getClass().getSimpleName()).append('[');
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            Method accessor = components[i].getAccessor();
            try {
                accessor.setAccessible(true);
                out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=')
                        .append(render(accessor.invoke(record)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return String.valueOf(record);
            }
        }
        return out.append(']').toString();
    }

    /** Control characters as escapes; line breaks too unless {@code keepLines} (then indented, for a message). */
    private static String escape(String text, boolean keepLines) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append(keepLines ? "\n    " : "\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append(keepLines ? "\t" : "\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                            || Character.isSurrogate(c) && !pairedAt(text, i)) {
                        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static String shorten(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit) + "... (" + text.length() + " characters)";
    }

    // ---- generators: uniform draws mixed with the edges of each range ----

    /** A long in [min, max]: often an edge (min, max, their neighbours, 0, ±1), often near one, else uniform. */
    public static long longBetween(SplittableRandom random, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        int roll = random.nextInt(16);
        if (roll < 2) {
            return oneOf(random, edges(min, max));
        }
        if (roll < 6) {
            // near an edge: an offset of a random bit length, so small distances are as likely as large ones
            long anchor = oneOf(random, edges(min, max));
            long offset = random.nextLong() >>> (1 + random.nextInt(63));
            boolean down = anchor == max || anchor != min && random.nextBoolean();
            return down ? clampedMinus(anchor, offset, min) : clampedPlus(anchor, offset, max);
        }
        return uniform(random, min, max);
    }

    /** An int in [min, max], drawn as {@link #longBetween}. */
    public static int intBetween(SplittableRandom random, int min, int max) {
        return (int) longBetween(random, min, max);
    }

    public static long anyLong(SplittableRandom random) {
        return longBetween(random, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public static int anyInt(SplittableRandom random) {
        return intBetween(random, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public static byte anyByte(SplittableRandom random) {
        return (byte) intBetween(random, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    /** True with probability {@code p}. */
    public static boolean chance(SplittableRandom random, double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    public static <T> T oneOf(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    public static <T> T oneOf(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A list of {@code minSize..maxSize} (sizes drawn as {@link #intBetween}) items from {@code item}. */
    public static <T> List<T> listOf(SplittableRandom random, int minSize, int maxSize,
                                     Function<SplittableRandom, T> item) {
        int size = intBetween(random, minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(item.apply(random));
        }
        return list;
    }

    /** Up to {@code maxSize} bytes: sometimes all one edge byte, otherwise random bytes with edge bytes mixed in. */
    public static byte[] bytes(SplittableRandom random, int maxSize) {
        return bytes(random, 0, maxSize);
    }

    public static byte[] bytes(SplittableRandom random, int minSize, int maxSize) {
        byte[] bytes = new byte[intBetween(random, minSize, maxSize)];
        if (random.nextInt(8) == 0) {
            Arrays.fill(bytes, oneOf(random, EDGE_BYTES));
            return bytes;
        }
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextInt(4) == 0 ? oneOf(random, EDGE_BYTES) : (byte) random.nextInt();
        }
        return bytes;
    }

    /** Text of any UTF-16 code units up to {@code maxLength}: printable, control, BMP, pairs, lone surrogates. */
    public static String string(SplittableRandom random, int maxLength) {
        int length = intBetween(random, 0, maxLength);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int roll = random.nextInt(20);
            if (roll < 8) {
                text.append((char) random.nextInt(0x20, 0x7F));
            } else if (roll < 10) {
                text.append((char) random.nextInt(0x20));
            } else if (roll < 12) {
                text.append(oneOf(random, EDGE_CHARS));
            } else if (roll < 14 && text.length() + 1 < length) {
                text.appendCodePoint(random.nextInt(0x10000, Character.MAX_CODE_POINT + 1));
            } else {
                text.append((char) random.nextInt(0x10000));
            }
        }
        return text.toString();
    }

    /** Text of {@code minLength..maxLength} characters drawn from {@code chars}. */
    public static String stringOf(SplittableRandom random, String chars, int minLength, int maxLength) {
        int length = intBetween(random, minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(chars.charAt(random.nextInt(chars.length())));
        }
        return text.toString();
    }

    private static Long[] edges(long min, long max) {
        List<Long> edges = new ArrayList<>(List.of(min, max));
        for (long candidate : new long[] {0, 1, -1}) {
            if (min <= candidate && candidate <= max) {
                edges.add(candidate);
            }
        }
        if (min < max) {
            edges.add(min + 1);
            edges.add(max - 1);
        }
        return edges.toArray(Long[]::new);
    }

    private static long uniform(SplittableRandom random, long min, long max) {
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        if (min > Long.MIN_VALUE) {
            return random.nextLong(min - 1, max) + 1;
        }
        return random.nextLong();
    }

    /** {@code value + offset}, at most {@code max}; {@code max - value} read unsigned, as it may pass 2^63. */
    private static long clampedPlus(long value, long offset, long max) {
        return Long.compareUnsigned(offset, max - value) > 0 ? max : value + offset;
    }

    private static long clampedMinus(long value, long offset, long min) {
        return Long.compareUnsigned(offset, value - min) > 0 ? min : value - offset;
    }
}
