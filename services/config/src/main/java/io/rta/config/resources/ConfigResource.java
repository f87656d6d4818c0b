package io.rta.config.resources;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.rta.config.api.ConfigReader;
import io.rta.config.api.StoredConfig;
import io.rta.config.validation.ConfigValidator;
import io.rta.config.validation.InvalidConfigException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The Config API: {@code HEAD} and {@code GET /rta/v2/configs/{identifier}}, answering the stored bytes as stored. An
 * identifier no write could store (too long, control characters) is a 400 naming the rule.
 */
@Path("/rta/v2/configs/{identifier}")
public final class ConfigResource {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigResource.class);

    private final ConfigReader reader;
    private final ConfigValidator validator;

    /** With the default input limits (tests). */
    public ConfigResource(ConfigReader reader) {
        this(reader, new ConfigValidator());
    }

    public ConfigResource(ConfigReader reader, ConfigValidator validator) {
        this.reader = reader;
        this.validator = validator;
    }

    /** 200 with the headers GET would answer when the config is stored, else 404. */
    @HEAD
    public Response has(@PathParam("identifier") String identifier) {
        Response invalid = invalid(identifier);
        if (invalid != null) {
            return invalid;
        }
        return find(identifier)
                .map(config -> Response.ok().type(mediaTypeOf(identifier, config))
                        .header(HttpHeaders.CONTENT_LENGTH, config.size()))
                .orElseGet(() -> notFound(identifier))
                .build();
    }

    /** The stored bytes with the stored media type as {@code Content-Type}, else 404 with a JSON error. */
    @GET
    public Response get(@PathParam("identifier") String identifier) {
        Response invalid = invalid(identifier);
        if (invalid != null) {
            return invalid;
        }
        return find(identifier)
                .map(config -> Response.ok(streamOf(config), mediaTypeOf(identifier, config))
                        .header(HttpHeaders.CONTENT_LENGTH, config.size()))
                .orElseGet(() -> notFound(identifier))
                .build();
    }

    /** A 400 for an identifier breaking the identity rules, else null. */
    private Response invalid(String identifier) {
        try {
            validator.validateIdentifier(identifier);
            return null;
        } catch (InvalidConfigException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage()).build();
        }
    }

    private Optional<StoredConfig> find(String identifier) {
        try {
            return reader.get(identifier);
        } catch (RuntimeException e) {
            // Dropwizard's exception mapper logs it and answers this message as the JSON error body
            String message = "could not read config '" + identifier + "': " + e.getMessage();
            throw new WebApplicationException(message, e,
                    error(Response.Status.SERVICE_UNAVAILABLE, message).build());
        }
    }

    private static StreamingOutput streamOf(StoredConfig config) {
        return output -> output.write(config.data());
    }

    /** The stored media type; one a producer wrote that cannot be parsed is served as opaque bytes. */
    private static MediaType mediaTypeOf(String identifier, StoredConfig config) {
        try {
            return MediaType.valueOf(config.contentType());
        } catch (IllegalArgumentException e) {
            LOG.warn("config '{}' has an unparseable content type '{}'; serving it as {}",
                    identifier, config.contentType(), MediaType.APPLICATION_OCTET_STREAM, e);
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
    }

    private static Response.ResponseBuilder notFound(String identifier) {
        return error(Response.Status.NOT_FOUND, "config '" + identifier + "' not found");
    }

    private static Response.ResponseBuilder error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status.getStatusCode(), message));
    }
}
