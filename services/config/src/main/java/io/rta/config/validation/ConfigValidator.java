package io.rta.config.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.rta.config.api.ConfigMediaTypes;
import io.rta.topology.limits.InputLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Checks a config before it is published: a non-blank identifier within the identity rules
 * ({@link InputLimits#identityProblem}: length, no control characters), an accepted media type, and data of that type
 * (JSON valid against {@code config.schema.json}; FFC, which is opaque here, non-empty). Reads check the identifier
 * with the same rule, so every entry of the Config API refuses what none can store.
 */
public final class ConfigValidator {

    /** How many schema violations an error message lists before summarising the rest. */
    public static final int MAX_LISTED_VIOLATIONS = 5;

    private static final String SCHEMA_RESOURCE = "config.schema.json";

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final JsonSchema schema;
    private final InputLimits limits;

    /** With the default input limits (tests). */
    public ConfigValidator() {
        this(InputLimits.defaults());
    }

    public ConfigValidator(InputLimits limits) {
        this.schema = loadSchema();
        this.limits = limits;
    }

    /** Rejects a blank identifier, or one breaking the identity rules (too long, control characters). */
    public void validateIdentifier(String identifier) throws InvalidConfigException {
        if (identifier == null || identifier.isBlank()) {
            throw new InvalidConfigException("identifier must not be empty");
        }
        String problem = limits.identityProblem("identifier", identifier);
        if (problem != null) {
            throw new InvalidConfigException(problem);
        }
    }

    /** Rejects a blank identifier or a media type not in {@link ConfigMediaTypes#ALL}: what a stream's info holds. */
    public void validateInfo(String identifier, String contentType) throws InvalidConfigException {
        validateIdentifier(identifier);
        if (!ConfigMediaTypes.ALL.contains(contentType)) {
            throw new InvalidConfigException("content_type of config '" + identifier + "' must be one of "
                    + String.join(" or ", ConfigMediaTypes.ALL) + ", not '" + contentType + "'");
        }
    }

    /** Rejects anything that must not be published. */
    public void validate(String identifier, String contentType, byte[] data) throws InvalidConfigException {
        validateInfo(identifier, contentType);
        if (data.length == 0) {
            throw new InvalidConfigException("data of config '" + identifier + "' must not be empty");
        }
        if (ConfigMediaTypes.JSON.equals(contentType)) {
            validateJson(identifier, data);
        }
    }

    private void validateJson(String identifier, byte[] data) throws InvalidConfigException {
        Collection<ValidationMessage> violations = schema.validate(parse(identifier, data));
        if (!violations.isEmpty()) {
            throw new InvalidConfigException("config '" + identifier + "' does not match config.schema.json: "
                    + describe(violations));
        }
    }

    private JsonNode parse(String identifier, byte[] data) throws InvalidConfigException {
        try {
            JsonNode node = mapper.readTree(data);
            if (node == null || node.isMissingNode()) {
                throw new InvalidConfigException("config '" + identifier + "' is not valid JSON: no content");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException("config '" + identifier + "' is not valid JSON: " + e.getOriginalMessage()
                    + at(e.getLocation()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read config '" + identifier + "' from memory", e);
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? ""
                : String.format(Locale.ROOT, " (line %d, column %d)", location.getLineNr(), location.getColumnNr());
    }

    private static String describe(Collection<ValidationMessage> violations) {
        String listed = violations.stream()
                .limit(MAX_LISTED_VIOLATIONS)
                .map(ValidationMessage::getMessage)
                .collect(Collectors.joining("; "));
        int unlisted = violations.size() - MAX_LISTED_VIOLATIONS;
        return unlisted > 0 ? listed + "; and " + unlisted + " more" : listed;
    }

    private static JsonSchema loadSchema() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .locale(Locale.ENGLISH)
                .pathType(PathType.JSON_PATH)
                .build();
        try (InputStream in = ConfigValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE + " next to "
                        + ConfigValidator.class.getName());
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + SCHEMA_RESOURCE, e);
        }
    }
}
