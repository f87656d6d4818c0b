package io.rta.topology.query;

import io.rta.topology.model.Value;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The operands of a long {@code $in}, held as one hash set per type of property value they can equal, so a lookup
 * costs the same whatever the number of operands. It answers exactly as comparing with each operand in turn does
 * ({@link Operand#equalsValue}, see {@link Condition#linearIn}):
 * <ul>
 *   <li>a string equals string operands with the same text;</li>
 *   <li>a date-time equals string operands that parse to the same instant (an unparseable one equals nothing);</li>
 *   <li>a state equals operands naming it or giving its number;</li>
 *   <li>an integer equals integer operands exactly and number operands as a double; a number equals any numeric
 *       operand as a double (0.0 and -0.0 alike; NaN compares equal to every number, as the comparison does);</li>
 *   <li>a boolean equals the same boolean; a missing value equals only the null operand.</li>
 * </ul>
 */
final class OperandSet implements Condition {

    /** Up to this many operands a linear scan is cheaper than hashing (and allocates nothing). */
    static final int LINEAR_MAX = 8;

    private final boolean hasNull;
    private final boolean hasNumber;
    private final boolean hasNaN;
    private final Set<String> texts = new HashSet<>();
    private final Set<Instant> instants = new HashSet<>();
    private final Set<Integer> states = new HashSet<>();
    private final Set<Long> integers = new HashSet<>();
    /** The number (non-integer) operands, as doubles. */
    private final Set<Double> fractions = new HashSet<>();
    /** Every numeric operand, as a double. */
    private final Set<Double> numbers = new HashSet<>();
    private final Set<Boolean> flags = new HashSet<>();

    private OperandSet(List<Operand> operands) {
        boolean nulls = false;
        boolean nan = false;
        for (Operand operand : operands) {
            Value value = operand.value();
            if (value == null) {
                nulls = true;
                continue;
            }
            if (operand.instant() != null) {
                instants.add(operand.instant());
            }
            operand.stateCode().ifPresent(states::add);
            if (value instanceof Value.Text text) {
                texts.add(text.text());
            } else if (value instanceof Value.Int integer) {
                integers.add(integer.number());
                numbers.add(normalized(integer.number()));
            } else if (value instanceof Value.Num number) {
                nan |= Double.isNaN(number.number());
                fractions.add(normalized(number.number()));
                numbers.add(normalized(number.number()));
            } else if (value instanceof Value.Bool flag) {
                flags.add(flag.flag());
            }
        }
        this.hasNull = nulls;
        this.hasNaN = nan;
        this.hasNumber = !numbers.isEmpty();
    }

    static OperandSet of(List<Operand> operands) {
        return new OperandSet(operands);
    }

    @Override
    public boolean test(Value value) {
        if (value == null) {
            return hasNull;
        }
        if (value instanceof Value.Text text) {
            return texts.contains(text.text());
        }
        if (value instanceof Value.Time time) {
            return time.instant() != null && instants.contains(time.instant());
        }
        if (value instanceof Value.State state) {
            return states.contains(state.code());
        }
        if (value instanceof Value.Int integer) {
            return integers.contains(integer.number()) || hasNaN
                    || fractions.contains(normalized(integer.number()));
        }
        if (value instanceof Value.Num number) {
            return hasNumber && (hasNaN || Double.isNaN(number.number())
                    || numbers.contains(normalized(number.number())));
        }
        return value instanceof Value.Bool flag && flags.contains(flag.flag());
    }

    /** One key for equal doubles: -0.0 is 0.0 (a comparison says they are equal; {@link Double#equals} does not). */
    private static Double normalized(double number) {
        return number == 0.0 ? 0.0 : number;
    }
}
