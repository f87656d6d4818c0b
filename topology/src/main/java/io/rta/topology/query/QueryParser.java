package io.rta.topology.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.model.PropertyRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the JSON of the RTA query dialect (query.schema.json) into criteria, rejecting what breaks it. */
final class QueryParser {

    private static final Set<String> COMPARISONS = Set.of("$eq", "$neq", "$gt", "$gte", "$lt", "$lte");
    private static final Set<String> TEXT_MATCHES = Set.of("$startsWith", "$endsWith", "$contains");

    private QueryParser() {
    }

    /** Parses a criteria object: keys are properties (implicitly AND-ed) or $and, $or, $nor, $not. */
    static Criterion criteria(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new QueryException(where + " must be a JSON object");
        }
        List<Criterion> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            all.add(criterion(field.getKey(), field.getValue()));
        }
        return Criterion.and(all);
    }

    private static Criterion criterion(String key, JsonNode value) {
        return switch (key) {
            case "$and" -> Criterion.and(criteriaList(key, value));
            case "$or" -> Criterion.or(criteriaList(key, value));
            case "$nor" -> Criterion.not(Criterion.or(criteriaList(key, value)));
            case "$not" -> Criterion.not(criteria(value, "$not"));
            default -> {
                if (key.startsWith("$")) {
                    throw new QueryException("unknown operator " + InputLimits.excerpt(key)
                            + ": expected a property name or $and, $or, $nor, $not");
                }
                yield Criterion.property(PropertyRef.parse(key), condition(value, InputLimits.excerpt(key)));
            }
        };
    }

    private static List<Criterion> criteriaList(String operator, JsonNode value) {
        if (!value.isArray()) {
            throw new QueryException(operator + " expects an array of criteria objects");
        }
        List<Criterion> list = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            list.add(criteria(value.get(i), operator + "[" + i + "]"));
        }
        return list;
    }

    /** A literal means equality; an object holds one or more operators, all of which must hold. */
    private static Condition condition(JsonNode value, String property) {
        if (!value.isObject()) {
            return Condition.comparison("$eq", scalar(value, "value", property));
        }
        if (value.isEmpty()) {
            throw new QueryException("empty condition at " + property + ": expected a value or an operator object");
        }
        List<Condition> conditions = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> operators = value.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> operator = operators.next();
            conditions.add(operator(operator.getKey(), operator.getValue(), property));
        }
        return Condition.allOf(conditions);
    }

    private static Condition operator(String operator, JsonNode operand, String property) {
        if (COMPARISONS.contains(operator)) {
            return Condition.comparison(operator, scalar(operand, operator, property));
        }
        if (TEXT_MATCHES.contains(operator)) {
            if (!operand.isTextual()) {
                throw new QueryException(operator + " expects a string at " + property);
            }
            return Condition.textMatch(operator, operand.textValue());
        }
        return switch (operator) {
            case "$in" -> Condition.in(scalars(operand, operator, property));
            case "$nin" -> Condition.not(Condition.in(scalars(operand, operator, property)));
            case "$not" -> Condition.not(condition(operand, property));
            default -> throw new QueryException(operator.startsWith("$")
                    ? "unknown operator " + InputLimits.excerpt(operator) + " at " + property
                    : "expected an operator at " + property + " but found the key '"
                            + InputLimits.excerpt(operator) + "'");
        };
    }

    private static Operand scalar(JsonNode node, String operator, String property) {
        Operand operand = Operand.fromJson(node);
        if (operand == null) {
            throw new QueryException(("value".equals(operator) ? "the value" : operator)
                    + " expects a string, number, boolean or null at " + property + ", not " + describe(node));
        }
        return operand;
    }

    private static List<Operand> scalars(JsonNode node, String operator, String property) {
        if (!node.isArray()) {
            throw new QueryException(operator + " expects an array at " + property);
        }
        List<Operand> operands = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            Operand operand = Operand.fromJson(item);
            if (operand == null) {
                throw new QueryException(operator + " expects an array of strings, numbers, booleans or nulls at "
                        + property + ", not one holding " + describe(item));
            }
            operands.add(operand);
        }
        return operands;
    }

    private static String describe(JsonNode node) {
        return node.isArray() ? "an array" : node.isObject() ? "an object" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
