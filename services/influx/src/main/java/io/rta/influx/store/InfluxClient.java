package io.rta.influx.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rta.service.errors.UnavailableException;
import io.rta.service.tls.TlsContexts;
import io.rta.service.tls.TlsSettings;
import java.io.FilterInputStream;
import io.rta.service.errors.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * InfluxDB 1.x over its HTTP API: {@code GET /query} answered with {@code epoch=ns} and {@code chunked=true}, read
 * as it arrives ({@link ChunkedResults}), and the health check path. {@code GET} is read-only by InfluxDB's own rule
 * (it refuses {@code SELECT ... INTO}, {@code DROP}, {@code CREATE} over GET), whatever a filter expression holds.
 * User info in {@code InfluxUri} ({@code http://user:password@host:8086/}) is sent as basic auth.
 *
 * <p>InfluxDB unreachable, failing or stopping part-way is {@link UnavailableException} (503 while nothing was sent);
 * a query it refuses is {@link InvalidInputException} (400) with its message.
 */
public final class InfluxClient {

    /** Rows per chunk InfluxDB sends. */
    public static final int CHUNK_SIZE = 10_000;
    /** How much of an error answer is read for its message. */
    private static final int MAX_ERROR_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String where;
    private final Optional<String> authorization;
    private final String healthPath;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param uri {@code InfluxUri}
     * @param healthPath {@code InfluxHealthCheckPath}
     * @param timeout how long to wait for a connection and for an answer's headers
     * @throws IllegalArgumentException naming {@code option} when the URI is not http(s) with a host
     */
    public InfluxClient(String option, String uri, String healthPath, Duration timeout,
                        Optional<TlsSettings.Identity> identity) {
        URI parsed = parse(option, uri);
        this.authorization = Optional.ofNullable(parsed.getRawUserInfo()).map(InfluxClient::basic);
        try {
            this.base = new URI(parsed.getScheme(), null, parsed.getHost(), parsed.getPort(),
                    parsed.getPath() == null || parsed.getPath().isEmpty() ? "/"
                            : parsed.getPath().endsWith("/") ? parsed.getPath() : parsed.getPath() + "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("option " + option + " '" + uri + "': " + e.getMessage(), e);
        }
        this.where = "InfluxDB at " + base.getHost() + ":" + base.getPort();
        this.healthPath = healthPath.startsWith("/") ? healthPath.substring(1) : healthPath;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1);
        if (base.getScheme().equals("https")) {
            builder.sslContext(TlsContexts.client(identity)).sslParameters(TlsContexts.clientParameters());
        }
        this.http = builder.build();
    }

    private static URI parse(String option, String uri) {
        try {
            URI parsed = new URI(uri.strip());
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || parsed.getHost() == null) {
                throw new IllegalArgumentException("option " + option + " '" + uri + "' is not an http:// or "
                        + "https:// URI with a host (e.g. http://localhost:8086/)");
            }
            return new URI(scheme, parsed.getRawUserInfo(), parsed.getHost(),
                    parsed.getPort() != -1 ? parsed.getPort() : scheme.equals("https") ? 443 : 80,
                    parsed.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("option " + option + " '" + uri + "' is not a URI: " + e.getMessage(),
                    e);
        }
    }

    private static String basic(String userInfo) {
        String decoded = java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
    }

    /** Where it reads from, for messages (no credentials). */
    public String describe() {
        return where;
    }

    /**
     * Runs {@code statements} against {@code database} / {@code retentionPolicy} and passes every row to
     * {@code sink} as it arrives.
     */
    public void query(String database, String retentionPolicy, String statements, RowSink sink) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("db", database);
        parameters.put("rp", retentionPolicy);
        parameters.put("epoch", "ns");
        parameters.put("chunked", "true");
        parameters.put("chunk_size", Integer.toString(CHUNK_SIZE));
        parameters.put("q", statements);
        HttpResponse<InputStream> answer = send(base.resolve("query?" + form(parameters)));
        try (InputStream body = new Unavailable(answer.body())) {
            if (answer.statusCode() != 200) {
                throw refused(answer.statusCode(), body);
            }
            ChunkedResults.parse(body, sink);
        } catch (JsonProcessingException e) {
            // only the parser throws these (never the client's output): InfluxDB's answer is broken
            throw new UnavailableException(where + " sent an answer that is not InfluxDB's JSON or broke off: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Empty when the health check path answers 2xx, else why not. */
    public Optional<String> unhealthy() {
        try {
            HttpResponse<InputStream> answer = send(base.resolve(healthPath));
            try (InputStream body = answer.body()) {
                body.readNBytes(MAX_ERROR_BYTES);
            }
            return answer.statusCode() / 100 == 2 ? Optional.empty()
                    : Optional.of(where + " answered /" + healthPath + " with " + answer.statusCode());
        } catch (UnavailableException | IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    private HttpResponse<InputStream> send(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UnavailableException(where + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for " + where, e);
        }
    }

    private RuntimeException refused(int status, InputStream body) throws IOException {
        String text = new String(body.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8);
        String message = text;
        try {
            JsonNode error = JSON.readTree(text).get("error");
            if (error != null && error.isTextual()) {
                message = error.asText();
            }
        } catch (IOException notJson) {
            message = text.strip();
        }
        if (status == 400) {
            return new InvalidInputException("InfluxDB refused the query: " + message);
        }
        return new UnavailableException(where + " answered " + status + ": " + message);
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    /** InfluxDB's body failing part-way is InfluxDB being unavailable, not a fault of ours or the client's. */
    private final class Unavailable extends FilterInputStream {

        Unavailable(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private UnavailableException failed(IOException e) {
            return new UnavailableException(where + " stopped answering part-way: " + e, e);
        }
    }
}
