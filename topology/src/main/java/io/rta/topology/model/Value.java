package io.rta.topology.model;

import io.rta.topology.session.SessionStates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.Comparator;

/**
 * A typed session property value: the value model shared by queries, sorts and the metamodel.
 * Integers and numbers compare numerically with each other; date-times compare as instants.
 */
public sealed interface Value permits Value.Text, Value.Int, Value.Num, Value.Bool, Value.Time, Value.State {

    /**
     * Total order used for sorting and facets: numbers, then strings, then booleans, then
     * date-times, then states (values of one property rarely mix kinds), each by its natural order.
     */
    Comparator<Value> ORDER = (a, b) -> compareTotal(a, b, true);

    /**
     * {@link #ORDER} except that date-times with the same instant are equal whatever their offset,
     * so that sorts fall through to the next key.
     */
    Comparator<Value> SORT_ORDER = (a, b) -> compareTotal(a, b, false);

    /** The kind's place in {@link #ORDER}. */
    int rank();

    /** The JSON form of the value. */
    JsonNode toJson();

    /** The metamodel type name: string, integer, number, boolean or dateTime. */
    String typeName();

    static Value of(String text) {
        return new Text(text);
    }

    static Value of(long number) {
        return new Int(number);
    }

    static Value of(double number) {
        return new Num(number);
    }

    static Value of(boolean flag) {
        return new Bool(flag);
    }

    /** A string value. */
    record Text(String text) implements Value {
        @Override
        public int rank() {
            return 1;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(text);
        }

        @Override
        public String typeName() {
            return "string";
        }
    }

    /** An integer value. */
    record Int(long number) implements Value {
        @Override
        public int rank() {
            return 0;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.numberNode(number);
        }

        @Override
        public String typeName() {
            return "integer";
        }
    }

    /** A floating-point number. */
    record Num(double number) implements Value {
        @Override
        public int rank() {
            return 0;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.numberNode(number);
        }

        @Override
        public String typeName() {
            return "number";
        }
    }

    /** A boolean value. */
    record Bool(boolean flag) implements Value {
        @Override
        public int rank() {
            return 2;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.booleanNode(flag);
        }

        @Override
        public String typeName() {
            return "boolean";
        }
    }

    /** A date-time: its instant (null when the text does not parse) and its ISO text as stored. */
    record Time(Instant instant, String text) implements Value {
        public static Time parse(String text) {
            return new Time(DateTimes.parseInstant(text), text);
        }

        @Override
        public int rank() {
            return 3;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(text);
        }

        @Override
        public String typeName() {
            return "dateTime";
        }
    }

    /** A session state: ordered by its number, named in JSON. */
    record State(int code) implements Value {
        public String name() {
            return SessionStates.name(code);
        }

        @Override
        public int rank() {
            return 4;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(name());
        }

        @Override
        public String typeName() {
            return "string";
        }
    }

    /** Numeric value of an Int or Num. */
    static double numeric(Value value) {
        return value instanceof Int i ? i.number() : ((Num) value).number();
    }

    /** Whether the value is an Int or Num. */
    static boolean isNumeric(Value value) {
        return value instanceof Int || value instanceof Num;
    }

    /** Compares two numbers exactly when both are integers, otherwise as doubles. */
    static int compareNumbers(Value a, Value b) {
        if (a instanceof Int x && b instanceof Int y) {
            return Long.compare(x.number(), y.number());
        }
        double x = numeric(a);
        double y = numeric(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }

    /** Text usable by text matches ($contains...): strings, state names and date-time texts. */
    static String textOf(Value value) {
        if (value instanceof Text t) {
            return t.text();
        }
        if (value instanceof State s) {
            return s.name();
        }
        if (value instanceof Time t) {
            return t.text();
        }
        return null;
    }

    private static int compareTotal(Value a, Value b, boolean textTieBreak) {
        int byRank = Integer.compare(a.rank(), b.rank());
        if (byRank != 0) {
            return byRank;
        }
        if (a instanceof Text x) {
            return x.text().compareTo(((Text) b).text());
        }
        if (a instanceof Bool x) {
            return Boolean.compare(x.flag(), ((Bool) b).flag());
        }
        if (a instanceof Time x) {
            return compareTimes(x, (Time) b, textTieBreak);
        }
        if (a instanceof State x) {
            return Integer.compare(x.code(), ((State) b).code());
        }
        return compareNumbers(a, b);
    }

    /** Unparseable date-times sort after all others, then by their text. */
    private static int compareTimes(Time a, Time b, boolean textTieBreak) {
        if (a.instant() == null || b.instant() == null) {
            return a.instant() != null ? -1 : b.instant() != null ? 1 : a.text().compareTo(b.text());
        }
        int byInstant = a.instant().compareTo(b.instant());
        return byInstant != 0 || !textTieBreak ? byInstant : a.text().compareTo(b.text());
    }
}
