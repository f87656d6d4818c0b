package io.rta.service.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dropwizard.jersey.errors.ErrorMessage;
import io.rta.service.write.WriteTimeoutException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.RuntimeResource;

/**
 * Maps service errors to the REST API's JSON error body: {@code {"code": 400, "message": "..."}}. Anything not
 * expected is a 500 carrying only a correlation id ({@link InternalErrors}); its text stays in the log.
 */
public final class RestErrors implements ExceptionMapper<RuntimeException> {

    private static final String CLIENT_GONE = "the request ended early (the client closed the connection)";

    @Context
    private ExtendedUriInfo uri;
    @Context
    private Request request;
    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(RuntimeException e) {
        return answer(e);
    }

    /**
     * Every other throwable (checked exceptions, {@link Error}s): registered by {@code HttpServer} in place of
     * Dropwizard's default mappers, so even those answer with our JSON body.
     */
    public static final class Unexpected implements ExceptionMapper<Throwable> {

        @Context
        private ExtendedUriInfo uri;
        @Context
        private Request request;
        @Context
        private HttpHeaders headers;

        @Override
        public Response toResponse(Throwable e) {
            if (e instanceof RuntimeException runtime) {
                return new RestErrors(uri, request, headers).answer(runtime);
            }
            HttpException http = httpException(e);
            if (http != null) {
                return error(http.getCode(), http.getReason());
            }
            if (clientGone(e)) {
                return error(400, CLIENT_GONE);
            }
            if (e instanceof JsonProcessingException json) {
                return error(400, "the request body is not valid JSON: " + json.getOriginalMessage());
            }
            return internal(where(request, uri), e);
        }
    }

    public RestErrors() {
    }

    private RestErrors(ExtendedUriInfo uri, Request request, HttpHeaders headers) {
        this.uri = uri;
        this.request = request;
        this.headers = headers;
    }

    private Response answer(RuntimeException e) {
        HttpException http = httpException(e);
        if (http != null) {
            // refused by the server's own edge (e.g. a body over MaxRequestBodySize), seen while Jersey read it
            return error(http.getCode(), http.getReason());
        }
        if (e instanceof NotSupportedException) {
            return error(415, unsupportedType());
        }
        if (clientGone(e)) {
            return error(400, CLIENT_GONE);
        }
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status >= 500 && web.getCause() != null) {
                return internal(where(request, uri), web);
            }
            return error(status, web.getMessage());
        }
        if (e instanceof InvalidInputException || e instanceof IllegalArgumentException) {
            return error(400, e.getMessage());
        }
        if (e instanceof NotFoundException) {
            return error(404, e.getMessage());
        }
        if (e instanceof WriteTimeoutException) {
            return error(504, e.getMessage());
        }
        if (e instanceof UnavailableException) {
            return unavailable(e.getMessage());
        }
        if (e instanceof RetriableException) {
            return unavailable(InternalErrors.kafkaUnavailable(where(request, uri), e));
        }
        return internal(where(request, uri), e);
    }

    /** 415: names the request's type and the types the resource accepts for the method. */
    private String unsupportedType() {
        String sent = headers == null ? null : headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        Set<String> accepted = acceptedTypes();
        return "Content-Type " + (sent == null ? "(none)" : "'" + sent + "'") + " is not supported here"
                + (accepted.isEmpty() ? "" : "; send " + String.join(" or ", accepted));
    }

    private Set<String> acceptedTypes() {
        Set<String> accepted = new LinkedHashSet<>();
        if (uri == null || request == null) {
            return accepted;
        }
        try {
            for (RuntimeResource resource : uri.getMatchedRuntimeResources()) {
                for (ResourceMethod method : resource.getResourceMethods()) {
                    if (method.getHttpMethod().equals(request.getMethod())) {
                        method.getConsumedTypes().forEach(type -> accepted.add(type.toString()));
                    }
                }
            }
        } catch (RuntimeException outsideARequest) {
            // mapped outside Jersey's request scope (a test calling the mapper directly): no types to name
        }
        return accepted;
    }

    private static Response unavailable(String message) {
        return Response.fromResponse(error(503, message))
                .header(HttpHeaders.RETRY_AFTER, UnavailableException.RETRY_AFTER_SECONDS).build();
    }

    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status, message)).build();
    }

    private static Response internal(String where, Throwable e) {
        return error(500, InternalErrors.report(where, e));
    }

    private static String where(Request request, ExtendedUriInfo uri) {
        try {
            return request.getMethod() + " " + uri.getRequestUri().getRawPath();
        } catch (RuntimeException outsideARequest) {
            return "a REST request";
        }
    }

    /** The client closed the connection mid-request: nothing to log, and nobody reads the answer. */
    private static boolean clientGone(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof EofException) {
                return true;
            }
        }
        return false;
    }

    private static HttpException httpException(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return http;
            }
        }
        return null;
    }
}
