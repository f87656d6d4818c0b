package io.rta.service.errors;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.rta.service.write.WriteTimeoutException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Maps service errors to the REST API's JSON error body: {@code {"code": 400, "message": "..."}}. */
public final class RestErrors implements ExceptionMapper<RuntimeException> {

    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException web) {
            return error(web.getResponse().getStatus(), web.getMessage());
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
            return Response.fromResponse(error(503, e.getMessage()))
                    .header(HttpHeaders.RETRY_AFTER, UnavailableException.RETRY_AFTER_SECONDS).build();
        }
        org.slf4j.LoggerFactory.getLogger(RestErrors.class).warn("Request failed: {}", e.toString(), e);
        return error(503, "the service could not complete the request: " + e);
    }

    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status, message)).build();
    }
}
