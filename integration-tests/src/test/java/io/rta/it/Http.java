package io.rta.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for the tests: real sockets, java.net.http. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** GET with one extra request header. */
    public HttpResponse<byte[]> get(String path, String header, String value) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header(header, value).GET());
    }

    public HttpResponse<byte[]> head(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    /** POST as application/x-www-form-urlencoded (the body is already encoded). */
    public HttpResponse<byte[]> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
    }

    /** POST as application/x-www-form-urlencoded with one extra request header. */
    public HttpResponse<byte[]> postForm(String path, String form, String header, String value) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
    }

    public JsonNode getJson(String path) {
        return json(ok(get(path)));
    }

    /** POSTs a form of name/value pairs (encoded here) and reads the 200 JSON answer. */
    public JsonNode postFormJson(String path, String... namesAndValues) {
        return json(ok(postForm(path, form(namesAndValues))));
    }

    /** Encodes name/value pairs as application/x-www-form-urlencoded (also usable as a query string). */
    public static String form(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("form needs name/value pairs");
        }
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(encode(namesAndValues[i])).append('=').append(encode(namesAndValues[i + 1]));
        }
        return form.toString();
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The response itself when it is 200, else an assertion error showing status and body. */
    public static HttpResponse<byte[]> ok(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + text(response));
        }
        return response;
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
