package io.rta.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The gateway's own error answers: the API's JSON body {@code {"code": N, "message": "..."}}. */
public final class ErrorAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorAnswers() {
    }

    /**
     * Answers {@code status} with {@code message}, dropping whatever was buffered; the response must not be committed.
     *
     * @param headers header names and values, alternately (e.g. {@code "Retry-After", "1"})
     */
    public static void send(HttpServletResponse response, int status, String message, String... headers)
            throws IOException {
        byte[] body = body(status, message);
        response.reset();
        response.setStatus(status);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response.setHeader(headers[i], headers[i + 1]);
        }
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static byte[] body(int status, String message) {
        try {
            return JSON.writeValueAsBytes(new ErrorMessage(status, message));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
