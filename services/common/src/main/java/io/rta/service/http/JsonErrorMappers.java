package io.rta.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Maps errors that would otherwise become HTML or stack traces to the JSON error body of the API. */
public final class JsonErrorMappers {

    private JsonErrorMappers() {
    }

    /** Bad JSON in a request body: 400 naming the problem. */
    public static final class JsonProcessingMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return badRequest("invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** A 400 response with the API's JSON error body. */
    public static Response badRequest(String message) {
        return error(400, message);
    }

    /** A response with the API's JSON error body: {@code {"code": status, "message": "..."}}. */
    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status, message)).build();
    }
}
