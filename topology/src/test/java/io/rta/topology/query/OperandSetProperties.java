package io.rta.topology.query;

import static io.rta.schemas.PropertyCheck.chance;
import static io.rta.schemas.PropertyCheck.forAll;
import static io.rta.schemas.PropertyCheck.intBetween;
import static io.rta.schemas.PropertyCheck.listOf;
import static io.rta.schemas.PropertyCheck.longBetween;
import static io.rta.schemas.PropertyCheck.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.rta.topology.model.Value;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A hashed {@code $in} answers exactly as comparing the value with each operand in turn. */
class OperandSetProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TEXTS = List.of("SAI", "sai", "open", "OPEN", "closed", "2", "17",
            "2021-05-06T18:58:56Z", "2021-05-06T19:58:56+01:00", "2021-05-06", "2021-05-06T00:00:00Z", "", "x");

    record Membership(List<JsonNode> literals, Value value) {
    }

    @Test
    void shouldAgreeWithTheLinearScan() {
        forAll(2000, random -> new Membership(listOf(random, 0, 30, OperandSetProperties::operand), value(random)),
                input -> {
                    List<Operand> operands = input.literals().stream().map(Operand::fromJson).toList();
                    Value value = input.value();

                    boolean hashed = OperandSet.of(operands).test(value);

                    assertThat(hashed).as("%s in %s", value, input.literals())
                            .isEqualTo(Condition.linearIn(operands).test(value));
                });
    }

    @Test
    void shouldUseTheHashedSetOnlyForLongLists() {
        forAll(500, random -> listOf(random, 0, 20, OperandSetProperties::operand), literals -> {
            List<Operand> operands = literals.stream().map(Operand::fromJson).toList();

            assertThat(Condition.in(operands) instanceof OperandSet)
                    .isEqualTo(operands.size() > OperandSet.LINEAR_MAX);
        });
    }

    private static JsonNode operand(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.textNode(oneOf(random, TEXTS));
            case 1 -> NODES.numberNode(longBetween(random, -2, 20));
            case 2 -> NODES.numberNode(oneOf(random, 0.0, -0.0, 0.5, 2.0, 17.0, 17.5, 1e300, 9.007199254740993E15));
            case 3 -> NODES.numberNode(oneOf(random, 9_007_199_254_740_993L, Long.MAX_VALUE));
            default -> oneOf(random, NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode());
        };
    }

    /** A value of every kind a session property holds, or null (one time in ten). */
    private static Value value(SplittableRandom random) {
        if (chance(random, 0.1)) {
            return null;
        }
        return switch (random.nextInt(8)) {
            case 0 -> Value.of(oneOf(random, TEXTS));
            case 1 -> Value.of(longBetween(random, -2, 20));
            case 2 -> Value.of(oneOf(random, 9_007_199_254_740_992L, 9_007_199_254_740_993L, Long.MAX_VALUE));
            case 3 -> Value.of(oneOf(random, 0.0, -0.0, 0.5, 2.0, 17.0, Double.NaN, 1e300, 9.007199254740992E15));
            case 4 -> Value.of(random.nextBoolean());
            case 5 -> new Value.State(intBetween(random, 0, 6));
            case 6 -> Value.Time.parse(oneOf(random, TEXTS));
            default -> new Value.Time(Instant.parse("2021-05-06T18:58:56Z"), "2021-05-06T18:58:56Z");
        };
    }
}
