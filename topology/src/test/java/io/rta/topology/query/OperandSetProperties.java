package io.rta.topology.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.rta.topology.model.Value;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A hashed {@code $in} answers exactly as comparing the value with each operand in turn. */
class OperandSetProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TEXTS = List.of("SAI", "sai", "open", "OPEN", "closed", "2", "17",
            "2021-05-06T18:58:56Z", "2021-05-06T19:58:56+01:00", "2021-05-06", "2021-05-06T00:00:00Z", "", "x");

    @Property(tries = 2000)
    void shouldAgreeWithTheLinearScan(@ForAll("longLists") List<JsonNode> literals,
                                      @ForAll("values") Value value) {
        List<Operand> operands = literals.stream().map(Operand::fromJson).toList();

        boolean hashed = OperandSet.of(operands).test(value);

        assertThat(hashed).as("%s in %s", value, literals).isEqualTo(Condition.linearIn(operands).test(value));
    }

    @Property(tries = 500)
    void shouldUseTheHashedSetOnlyForLongLists(@ForAll("shortLists") List<JsonNode> literals) {
        List<Operand> operands = literals.stream().map(Operand::fromJson).toList();

        assertThat(Condition.in(operands) instanceof OperandSet).isEqualTo(operands.size() > OperandSet.LINEAR_MAX);
    }

    @Provide
    Arbitrary<List<JsonNode>> longLists() {
        return operands().list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<JsonNode>> shortLists() {
        return operands().list().ofMaxSize(20);
    }

    private static Arbitrary<JsonNode> operands() {
        return Arbitraries.oneOf(
                Arbitraries.of(TEXTS).map(NODES::textNode),
                Arbitraries.longs().between(-2, 20).map(NODES::numberNode),
                Arbitraries.of(0.0, -0.0, 0.5, 2.0, 17.0, 17.5, 1e300, 9.007199254740993E15).map(NODES::numberNode),
                Arbitraries.of(9_007_199_254_740_993L, Long.MAX_VALUE).map(NODES::numberNode),
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()));
    }

    @Provide
    Arbitrary<Value> values() {
        return Arbitraries.oneOf(
                Arbitraries.of(TEXTS).map(Value::of),
                Arbitraries.longs().between(-2, 20).map(Value::of),
                Arbitraries.of(9_007_199_254_740_992L, 9_007_199_254_740_993L, Long.MAX_VALUE).map(Value::of),
                Arbitraries.of(0.0, -0.0, 0.5, 2.0, 17.0, Double.NaN, 1e300, 9.007199254740992E15).map(Value::of),
                Arbitraries.of(true, false).map(Value::of),
                Arbitraries.integers().between(0, 6).map(Value.State::new),
                Arbitraries.of(TEXTS).map(Value.Time::parse),
                Arbitraries.just(new Value.Time(Instant.parse("2021-05-06T18:58:56Z"), "2021-05-06T18:58:56Z")))
                .injectNull(0.1);
    }
}
