package io.rta.config.resources;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.rta.config.api.ConfigAccess;
import io.rta.config.api.ConfigReader;
import io.rta.config.api.StoredConfig;
import io.rta.config.validation.ConfigValidator;
import io.rta.config.validation.InvalidConfigException;
import io.rta.service.auth.Access;
import io.rta.topology.view.Visibility;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Config API: {@code HEAD} and {@code GET /rta/v2/configs/{identifier}}, answering the stored bytes as stored. An
 * identifier no write could store (too long, control characters) is a 400 naming the rule.
 */
@Path("/rta/v2/configs/{identifier}")
public final class ConfigResource {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigResource.class);

    private final ConfigReader reader;
    private final ConfigValidator validator;
    private final ConfigAccess access;

    /** With the default input limits, readable by anyone (tests). */
    public ConfigResource(ConfigReader reader) {
        this(reader, new ConfigValidator(), ConfigAccess.ANY);
    }

    /** @param access which configs a caller may read: the others are 404, as if they were not stored */
    public ConfigResource(ConfigReader reader, ConfigValidator validator, ConfigAccess access) {
        this.reader = reader;
        this.validator = validator;
        this.access = access;
    }

    /** 200 with the headers GET would answer when the config is stored, else 404. */
    @HEAD
    public Response has(@PathParam("identifier") String identifier, @Context HttpServletRequest request) {
        Response invalid = invalid(identifier);
        if (invalid != null) {
            return invalid;
        }
        return find(identifier, Access.of(request))
                .map(config -> Response.ok().type(mediaTypeOf(identifier, config))
                        .header(HttpHeaders.CONTENT_LENGTH, config.size()))
                .orElseGet(() -> notFound(identifier))
                .build();
    }

    /** The stored bytes with the stored media type as {@code Content-Type}, else 404 with a JSON error. */
    @GET
    public Response get(@PathParam("identifier") String identifier, @Context HttpServletRequest request) {
        Response invalid = invalid(identifier);
        if (invalid != null) {
            return invalid;
        }
        return find(identifier, Access.of(request))
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

    private Optional<StoredConfig> find(String identifier, Visibility visibility) {
        try {
            return access.mayRead(identifier, visibility) ? reader.get(identifier) : Optional.empty();
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
