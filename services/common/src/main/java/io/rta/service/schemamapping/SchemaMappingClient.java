package io.rta.service.schemamapping;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthCheckResponse;
import io.rta.proto.health.HealthGrpc;
import io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.service.auth.AuthException;
import io.rta.service.auth.ServiceToken;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.errors.NotFoundException;
import io.rta.service.errors.UnavailableException;
import io.rta.service.grpc.GrpcChannels;
import io.rta.service.tls.TlsSettings;
import jakarta.ws.rs.ForbiddenException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A client of the Schema Mapping Service ({@code SchemaMappingStore} over gRPC), shared by the data adapters that
 * read a store through a schema mapping (InfluxDB, files). Each call has a deadline and carries the caller's bearer
 * token ("bearer tokens are forwarded to the configured services") — or, when the adapter has a client of its own
 * ({@code Auth:ClientId}), its own token: a partner reading through the gateway, whose token the schema mapping
 * service's access policies restrict, could not read the mapping, and the adapter checked the caller's token itself. Answers are cached for a short time (mappings
 * may be updated, so never long), by request and token: a cached answer never reaches a caller whose token the
 * service did not accept. The gRPC status becomes what the REST layer answers: {@code NOT_FOUND} 404,
 * {@code INVALID_ARGUMENT} 400, a refused token 403, the service unreachable or slow 503 naming it.
 */
public final class SchemaMappingClient implements AutoCloseable {

    /** How long an answer is reused. */
    public static final Duration CACHE_TIME = Duration.ofSeconds(5);
    /** Most answers cached at once; beyond it the cache is emptied (cheap, and rare: one entry per identity read). */
    public static final int CACHE_SIZE = 1000;

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String target;
    private final ManagedChannel channel;
    private final Duration deadline;
    private final LongSupplier nanoClock;
    /** The adapter's own token, used instead of the caller's when present. */
    private final ServiceToken own;
    private final ConcurrentHashMap<Key, Cached> cache = new ConcurrentHashMap<>();

    private record Key(String source, String identity, String channels, boolean events, String token) {
    }

    private record Cached(SchemaMapping mapping, long expiresAtNanos) {
    }

    private SchemaMappingClient(String target, ManagedChannel channel, Duration deadline, LongSupplier nanoClock,
                                ServiceToken own) {
        this.own = own;
        this.target = target;
        this.channel = channel;
        this.deadline = deadline;
        this.nanoClock = nanoClock;
    }

    /**
     * A client of the service at {@code uri} ({@code http://host:2682/}; {@code https://} for TLS, trusting the
     * JDK's CAs and {@code Tls:ClientCaPath}, presenting our certificate when TLS is mutual).
     *
     * @param option the option that named the URI, for messages
     * @throws IllegalArgumentException naming {@code option} when the URI is not an http(s) URI with a host and port
     */
    public static SchemaMappingClient of(String option, String uri, Duration deadline,
                                         Optional<TlsSettings.Identity> identity) {
        return of(option, uri, deadline, identity, Optional.empty());
    }

    /** As {@link #of(String, String, Duration, Optional)}, calling with {@code own}'s token instead of the caller's. */
    public static SchemaMappingClient of(String option, String uri, Duration deadline,
                                         Optional<TlsSettings.Identity> identity, Optional<ServiceToken> own) {
        GrpcChannels.Target target = GrpcChannels.of(option, uri, identity);
        return new SchemaMappingClient(target.target(), target.channel(), deadline, System::nanoTime,
                own.orElse(null));
    }

    /** Where it calls, host:port. */
    public String target() {
        return target;
    }

    /**
     * {@code QuerySchemaMapping}: the mapping of ({@code source}, {@code identity}) with only the field mappings of
     * {@code channels} and, when {@code events}, the event mappings.
     *
     * @param channels a channels expression (e.g. {@code 1,4-7}); the service filters by it
     * @param bearerToken the caller's token (without "Bearer "), or null when the caller sent none
     * @throws NotFoundException when there is no mapping for (source, identity)
     * @throws UnavailableException when the service cannot be reached or does not answer within the deadline
     */
    public SchemaMapping query(String source, String identity, String channels, boolean events, String callerToken) {
        String bearerToken = callerToken;
        // only in place of a caller's token (the adapter checked it): with auth off at the adapter, an anonymous
        // caller must not read with the service's own rights
        if (own != null && callerToken != null && !callerToken.isEmpty()) {
            try {
                bearerToken = own.authorization().substring("Bearer ".length());
            } catch (AuthException e) {
                throw new UnavailableException("the schema mapping service at " + target + " cannot be asked: no "
                        + "token of this service's own client (" + own.clientId() + "): " + e.getMessage(), e);
            }
        }
        Key key = new Key(source, identity, channels, events, bearerToken == null ? "" : bearerToken);
        long now = nanoClock.getAsLong();
        Cached cached = cache.get(key);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.mapping();
        }
        String token = bearerToken;
        SchemaMapping mapping = call(source, identity, token, () -> store(token).querySchemaMapping(
                QuerySchemaMappingRequest.newBuilder().setDataSource(source).setDataIdentity(identity)
                        .setSelectChannels(channels).setSelectEvents(events).build()));
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        cache.put(key, new Cached(mapping, now + CACHE_TIME.toNanos()));
        return mapping;
    }

    /**
     * Whether the service says it serves ({@code grpc.health.v1}, the whole server; our services answer it without
     * a token).
     *
     * @return empty when it serves, else why not
     */
    public Optional<String> unhealthy() {
        try {
            HealthCheckResponse answer = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            return answer.getStatus() == HealthCheckResponse.ServingStatus.SERVING ? Optional.empty()
                    : Optional.of("the schema mapping service at " + target + " reports " + answer.getStatus());
        } catch (StatusRuntimeException e) {
            return Optional.of("the schema mapping service at " + target + " did not answer a health check: "
                    + e.getStatus().getCode() + describe(e.getStatus()));
        }
    }

    private SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub store(String bearerToken) {
        var stub = SchemaMappingStoreGrpc.newBlockingStub(channel)
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (bearerToken == null || bearerToken.isEmpty()) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + bearerToken);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(String source, String identity, String token, Call<T> call) {
        try {
            return call.run();
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            String what = "(source '" + source + "', identity '" + identity + "')";
            throw switch (status.getCode()) {
                case NOT_FOUND -> new NotFoundException("no schema mapping for " + what);
                case INVALID_ARGUMENT -> new InvalidInputException("the schema mapping service refused the query for "
                        + what + describe(status), e);
                case UNAUTHENTICATED, PERMISSION_DENIED -> {
                    if (own != null) {
                        own.refused("Bearer " + token); // fetched anew next time
                        yield new UnavailableException("the schema mapping service at " + target + " refused this "
                                + "service's own token (client " + own.clientId() + ") for " + what
                                + describe(status), e);
                    }
                    yield new ForbiddenException("the schema mapping service at " + target + " refused the "
                            + "caller's token for " + what + describe(status), e);
                }
                default -> new UnavailableException("the schema mapping service at " + target + " did not answer "
                        + "the mapping of " + what + ": " + status.getCode() + describe(status), e);
            };
        }
    }

    private static String describe(Status status) {
        return status.getDescription() == null ? "" : ": " + status.getDescription();
    }

    /** Closes the channel. */
    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
