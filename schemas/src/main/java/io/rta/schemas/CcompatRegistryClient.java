package io.rta.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Client of the Confluent-compatible registry REST API (Apicurio serves it at {@code <base>/apis/ccompat/v7}).
 * Ids and schemas are cached; connection failures are retried for a bounded time because the registry may still
 * be starting.
 */
public final class CcompatRegistryClient implements SchemaRegistryClient {

    /** How long connection failures are retried by default. */
    public static final Duration DEFAULT_CONNECT_RETRY = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(CcompatRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final String baseUrl;
    private final Duration connectRetry;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** @param baseUrl the full API base, e.g. {@code http://127.0.0.1:8085/apis/ccompat/v7} */
    public CcompatRegistryClient(String baseUrl) {
        this(baseUrl, DEFAULT_CONNECT_RETRY);
    }

    public CcompatRegistryClient(String baseUrl, Duration connectRetry) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.connectRetry = connectRetry;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        String body = toJson(Map.of("schema", schema.toString()));
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", body);
        int id = requiredField(answer, "id", "POST /subjects/" + subject + "/versions").asInt();
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        String text = requiredField(answer, "schema", "GET /schemas/ids/" + id).asText();
        Schema schema = new Schema.Parser().parse(text);
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    /** Checks that the registry answers now, without retrying (for health checks). */
    public void ping() {
        URI uri = URI.create(baseUrl + "/subjects");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new SchemaRegistryException("Schema registry GET " + uri + " answered HTTP "
                        + response.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new SchemaRegistryException("Schema registry GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while checking the schema registry", e);
        }
    }

    @Override
    public void setCompatibility(String subject, String level) {
        String body = toJson(Map.of("compatibility", CompatibilityLevel.parse(level).name()));
        send("PUT", "/config/" + encode(subject), body);
    }

    private JsonNode send(String method, String path, String body) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .header("Content-Type", CONTENT_TYPE)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = sendRetryingConnectionFailures(request);
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException("Schema registry " + method + " " + uri + " failed: HTTP "
                    + response.statusCode() + " " + response.body());
        }
        return parse(method, uri, response.body());
    }

    private HttpResponse<String> sendRetryingConnectionFailures(HttpRequest request) {
        long deadline = System.nanoTime() + connectRetry.toNanos();
        while (true) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new SchemaRegistryException("Schema registry " + request.method() + " " + request.uri()
                            + " failed: cannot connect after retrying for " + connectRetry.toSeconds() + " s: " + e,
                            e);
                }
                LOG.debug("Schema registry {} not reachable yet, retrying: {}", request.uri(), e.toString());
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted while calling schema registry " + request.uri(), e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while waiting for the schema registry", e);
        }
    }

    private JsonNode parse(String method, URI uri, String body) {
        try {
            return body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema registry " + method + " " + uri
                    + " answered with a body that is not JSON: " + body, e);
        }
    }

    private JsonNode requiredField(JsonNode answer, String field, String request) {
        JsonNode value = answer.get(field);
        if (value == null || value.isNull()) {
            throw new SchemaRegistryException("Schema registry " + baseUrl + " answered " + request
                    + " without the field '" + field + "': " + answer);
        }
        return value;
    }

    private String toJson(Map<String, String> body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
