package io.rta.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.errors.ErrorMessage;
import io.rta.service.errors.InternalErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error answers as the API's JSON body {@code {"code": N, "message": "..."}}, whatever the client accepts and
 * whatever the method: those Jetty gives before any of our code runs (a malformed request line 400, a URI too long
 * 414, headers too large 431) at the server level, and those of the servlet context (a servlet's {@code sendError},
 * an exception no mapper caught) through {@link Servlet}. A 5xx caused by an exception answers with a correlation id
 * only ({@link InternalErrors}).
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Error messages are Jetty's or ours, short; anything longer is cut so the answer fits Jetty's error buffer. */
    private static final int MAX_MESSAGE_CHARS = 1000;

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        if (!generateAcceptableResponse(request, response, callback, MimeTypes.Type.APPLICATION_JSON.asString(),
                List.of(StandardCharsets.UTF_8), code, describe(request, code, message, cause), null)) {
            callback.succeeded();
        }
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        writer.write(body(code, message));
    }

    /** The servlet context's error handler: the same answers for what the application's servlets send. */
    public static final class Servlet extends org.eclipse.jetty.ee10.servlet.ErrorHandler {

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) throws IOException {
            if (!generateAcceptableResponse(request, response, callback, MimeTypes.Type.APPLICATION_JSON.asString(),
                    List.of(StandardCharsets.UTF_8), code, describe(request, code, message, cause), null)) {
                callback.succeeded();
            }
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message,
                                      Throwable cause) {
            writer.write(body(code, message));
        }
    }

    /**
     * Answers an error directly from a handler (no error dispatch): status, JSON body, done.
     */
    static void write(Response response, Callback callback, int code, String message) {
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        response.write(true, ByteBuffer.wrap(body(code, message).getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** {@code value} as a JSON string literal. */
    static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String body(int code, String message) {
        try {
            return JSON.writeValueAsString(new ErrorMessage(code, message));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message to send: never an exception's text; the limit behind a 414 or 431. */
    private static String describe(Request request, int code, String message, Throwable cause) {
        if (code >= 500 && cause != null && !(cause instanceof HttpException)) {
            return InternalErrors.report(where(request), cause);
        }
        String text = message == null || (cause != null && message.equals(cause.toString()))
                ? HttpStatus.getMessage(code) : message;
        String detail = uriProblem(cause);
        if (detail != null && text.equals(HttpStatus.getMessage(code))) {
            text = text + ": " + detail;
        }
        if (code == HttpStatus.URI_TOO_LONG_414 || code == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) {
            text += ": the request line and headers may take at most "
                    + request.getConnectionMetaData().getHttpConfiguration().getRequestHeaderSize() + " bytes";
        }
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "…" : text;
    }

    /**
     * What Jetty's parser found wrong with the request URI, which its own message ("400: Bad Request") does not say:
     * a percent escape that is not two hex digits, or an illegal character (such as {@code %00}, a decoded control
     * character). Null for anything else.
     */
    private static String uriProblem(Throwable cause) {
        if (!(cause instanceof HttpException) || cause.getCause() == null) {
            return null;
        }
        Throwable inner = cause.getCause();
        if (inner instanceof NumberFormatException) {
            return "malformed request URI: a '%' must be followed by two hexadecimal digits";
        }
        if (inner instanceof IllegalArgumentException && inner.getMessage() != null) {
            return "malformed request URI: " + inner.getMessage()
                    + (inner.getMessage().contains("Illegal character") ? " (control characters such as %00 are not "
                    + "allowed)" : "");
        }
        return null;
    }

    private static String where(Request request) {
        try {
            return request.getMethod() + " " + request.getHttpURI().getPath();
        } catch (RuntimeException unparsed) {
            return "an HTTP request";
        }
    }
}
