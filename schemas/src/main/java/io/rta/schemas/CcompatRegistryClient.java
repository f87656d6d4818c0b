package io.rta.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Client of the Confluent-compatible registry REST API (Apicurio serves it at {@code <base>/apis/ccompat/v7}).
 * Ids and schemas are cached.
 *
 * <p>Failures come in two kinds, because a record whose schema cannot be resolved is either bad or merely early:
 * <ul>
 * <li>transient — the registry cannot be reached (connection refused or reset, a timeout), answers a server error
 *     (5xx), asks us to slow down (429, 408), refuses our credentials (401, 403), or answers something that is not the
 *     registry API (a 404 without a registry error code, a body that is not JSON): retried for a short, bounded time
 *     ({@link #DEFAULT_RETRY}), then a {@link RegistryUnavailableException}. Callers retry the record later; they
 *     never skip it. The budget is short on purpose: requests run inside Kafka Streams poll loops and the view
 *     loader, which retry with back-off of their own.
 * <li>definite — the registry answers that what was asked for does not exist (404 with an error code 404xx, such as
 *     40403 for an unknown schema id), or refuses the request itself (another 4xx, e.g. 409 for an incompatible
 *     schema): a plain {@link SchemaRegistryException}, at once — unless whoever runs the registry says it is not
 *     ready ({@link #CcompatRegistryClient(String, Duration, BooleanSupplier)}): a registry still replaying its
 *     journal answers 40403 for ids it has not loaded yet, and a record taken as undecodable then would be set aside
 *     for good, so such an answer is transient.
 * </ul>
 * At start-up the registry may still be starting: {@link #awaitAvailable} waits for it.
 */
public final class CcompatRegistryClient implements SchemaRegistryClient {

    /** How long transient failures of one request are retried by default. */
    public static final Duration DEFAULT_RETRY = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(CcompatRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    private final String baseUrl;
    /** {@code Basic ...} from the URL's user info, or null. */
    private final String authorization;
    private final Duration retry;
    /** Whether the registry is known to be ready (always, for a registry nobody here runs). */
    private final BooleanSupplier ready;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** @param baseUrl the full API base, e.g. {@code http://127.0.0.1:8085/apis/ccompat/v7} */
    public CcompatRegistryClient(String baseUrl) {
        this(baseUrl, DEFAULT_RETRY);
    }

    /**
     * @param baseUrl the API base; credentials in its user info ({@code https://user:password@registry/...}) are sent
     *                as HTTP Basic authentication and never shown ({@link #baseUrl()} is without them)
     * @param retry how long transient failures of one request are retried before it fails
     */
    public CcompatRegistryClient(String baseUrl, Duration retry) {
        this(baseUrl, retry, () -> true);
    }

    /**
     * @param ready whether the registry is ready, from whoever runs it (the embedded registry's supervisor): while it
     *              is not, a "does not exist" answer is transient, not definite
     */
    public CcompatRegistryClient(String baseUrl, Duration retry, BooleanSupplier ready) {
        this.ready = ready;
        URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        String userInfo = uri.getRawUserInfo();
        this.authorization = userInfo == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        this.baseUrl = userInfo == null ? uri.toString() : uri.toString().replace(userInfo + "@", "");
        this.retry = retry;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
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
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("Schema registry " + baseUrl + " answered GET /schemas/ids/" + id
                    + " with a schema Avro cannot parse: " + e.getMessage(), e);
        }
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    /**
     * Checks that the registry answers now, without retrying (for health checks).
     *
     * @throws RegistryUnavailableException when it does not
     */
    public void ping() {
        URI uri = URI.create(baseUrl + "/subjects");
        HttpRequest request = authorized(HttpRequest.newBuilder(uri)).timeout(PING_TIMEOUT).GET().build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new RegistryUnavailableException("Schema registry GET " + uri + " answered HTTP "
                        + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new RegistryUnavailableException("Schema registry GET " + uri + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while checking the schema registry", e);
        }
    }

    /**
     * Waits until the registry answers (at start-up it may still be starting), checking a few times a second.
     *
     * @throws RegistryUnavailableException when it does not answer within {@code timeout}
     */
    public void awaitAvailable(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                ping();
                return;
            } catch (RegistryUnavailableException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new RegistryUnavailableException("Schema registry " + baseUrl + " did not answer within "
                            + timeout.toSeconds() + " s: " + e.getMessage(), e);
                }
                LOG.debug("Schema registry {} not available yet: {}", baseUrl, e.getMessage());
            }
            pause = pause(pause);
        }
    }

    @Override
    public void setCompatibility(String subject, String level) {
        String body = toJson(Map.of("compatibility", CompatibilityLevel.parse(level).name()));
        try {
            send("PUT", "/config/" + encode(subject), body);
        } catch (RefusedException e) {
            // Apicurio creates the subject's rule on the first PUT and updates it afterwards; services starting at
            // once can both try to create it, and the later one is refused with 409 "A rule named 'COMPATIBILITY'
            // already exists". The rule exists now, so the same PUT updates it.
            if (e.status != 409) {
                throw e;
            }
            LOG.debug("Compatibility of {} was set at the same time by another client; setting it again", subject);
            send("PUT", "/config/" + encode(subject), body);
        }
    }

    /** The registry answered that a request cannot succeed (a definite answer, see {@link #isDefinite}). */
    private static final class RefusedException extends SchemaRegistryException {
        private static final long serialVersionUID = 1L;
        private final int status;

        RefusedException(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    /** Sends one request, retrying transient failures until the retry budget is spent. */
    private JsonNode send(String method, String path, String body) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest request = authorized(HttpRequest.newBuilder(uri))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .header("Content-Type", CONTENT_TYPE)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        String what = "Schema registry " + method + " " + uri;
        long deadline = System.nanoTime() + retry.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            String problem;
            Throwable cause = null;
            try {
                HttpResponse<String> response = http.send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return parse(what, response.body());
                }
                problem = "HTTP " + status + " " + excerpt(response.body());
                boolean registryReady = ready.getAsBoolean();
                if (isDefinite(status, response.body()) && registryReady) {
                    throw new RefusedException(what + " failed: " + problem, status);
                }
                if (!registryReady) {
                    problem += " (the registry is not ready yet)";
                } else if (!isRetryable(status)) {
                    throw new RegistryUnavailableException(what + " failed: " + problem, null);
                }
            } catch (IOException e) {
                problem = "cannot reach it: " + describe(e);
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("Interrupted while calling the schema registry: " + method + " "
                        + uri, e);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new RegistryUnavailableException(what + " failed (retried for " + retry.toMillis() + " ms): "
                        + problem, cause);
            }
            LOG.debug("{} failed, retrying: {}", what, problem);
            pause = pause(pause);
        }
    }

    /**
     * Whether the registry itself answered that the request cannot succeed: a 404 carrying a registry error code
     * (40401 subject, 40402 version, 40403 schema not found, ...), or a 4xx refusing the request (400, 409
     * incompatible, 422 invalid schema). A 404 without a registry error code is not the registry answering (a wrong
     * base URL, a proxy), and 401/403/408/429 are about us or the moment, not about what was asked.
     */
    private boolean isDefinite(int status, String body) {
        if (status == 404) {
            int code = errorCode(body);
            return code >= 40400 && code <= 40499;
        }
        return status / 100 == 4 && status != 401 && status != 403 && status != 408 && status != 429;
    }

    /** Server errors and "slow down" answers may pass within the retry budget; the rest will not. */
    private static boolean isRetryable(int status) {
        return status / 100 == 5 || status == 408 || status == 429;
    }

    private int errorCode(String body) {
        try {
            JsonNode code = json.readTree(body).get("error_code");
            return code != null && code.canConvertToInt() ? code.asInt() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Sleeps {@code pause} and returns the next one (doubling, at most {@link #LONGEST_PAUSE}). */
    private static Duration pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while waiting for the schema registry", e);
        }
        Duration next = pause.multipliedBy(2);
        return next.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next;
    }

    /** At most the first 200 characters of an answer, control characters escaped: answers end up in logs. */
    static String excerpt(String body) {
        String head = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        StringBuilder escaped = new StringBuilder(head.length());
        head.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                escaped.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                escaped.append((char) c);
            }
        });
        return escaped.toString();
    }

    /** An I/O failure in words; some (a timeout, a reset) have no message of their own. */
    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** A 2xx answer that is not JSON did not come from the registry API: transient, like any unreachable registry. */
    private JsonNode parse(String what, String body) {
        try {
            return body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new RegistryUnavailableException(what + " answered with a body that is not JSON: " + excerpt(body),
                    e);
        }
    }

    /** As a body that is not JSON: an answer without the field the API defines is not the registry answering. */
    private JsonNode requiredField(JsonNode answer, String field, String request) {
        JsonNode value = answer.get(field);
        if (value == null || value.isNull()) {
            throw new RegistryUnavailableException("Schema registry " + baseUrl + " answered " + request
                    + " without the field '" + field + "': " + answer, null);
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
