package io.rta.schemamapping.api;

import io.rta.events.SchemaMapping;
import io.rta.service.errors.InvalidInputException;
import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.schemamapping.SchemaMappingKeys.MappingKey;
import io.rta.topology.schemamapping.SchemaMappingRules;

/**
 * Checks requests by the rules the schema mapping view applies to every record ({@link SchemaMappingRules}), so what
 * the API accepts the view applies; each refusal is an {@link InvalidInputException} naming the field and the rule.
 *
 * @param limits the input limits (identities, channels expressions)
 * @param maxSchemaMappingBytes the MaxSchemaMappingSize option
 */
public record SchemaMappingValidator(InputLimits limits, int maxSchemaMappingBytes) {

    /** The pair a request names. */
    public MappingKey key(String dataSource, String dataIdentity) {
        String problem = SchemaMappingRules.keyProblem(dataSource, dataIdentity, limits);
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
        return new MappingKey(dataSource, dataIdentity);
    }

    /** Refuses a mapping the view would set aside. */
    public SchemaMapping check(SchemaMapping mapping) {
        String problem = SchemaMappingRules.problem(mapping, limits, maxSchemaMappingBytes);
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
        return mapping;
    }

    /** A query's selection; an empty (or blank) {@code selectChannels} selects no field mapping. */
    public MappingSelection selection(String selectChannels, boolean selectEvents) {
        if (selectChannels == null || selectChannels.isBlank()) {
            return new MappingSelection(null, selectEvents);
        }
        try {
            return new MappingSelection(ChannelsExpression.parse(selectChannels, limits), selectEvents);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("select_channels: " + e.getMessage(), e);
        }
    }
}
