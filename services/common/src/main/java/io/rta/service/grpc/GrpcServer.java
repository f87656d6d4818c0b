package io.rta.service.grpc;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.lifecycle.Managed;
import io.grpc.BindableService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.rta.service.auth.Authenticator;
import io.rta.service.auth.BearerAuthInterceptor;
import io.rta.service.config.EdgeLimits;
import io.rta.service.edge.ReadLimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin lifecycle wrapper around a gRPC server: the given services plus server reflection (v1 and v1alpha, for
 * grpcurl/grpcui of any age) and the standard health service. Takes a {@link ServerBuilder} so tests can run it
 * in-process.
 * <p>
 * Every service is {@link GuardedService guarded} (an unparseable request is {@code INVALID_ARGUMENT}, a handler's
 * unexpected exception {@code INTERNAL} with a correlation id); the given services' read calls take a slot of the
 * {@link ReadLimiter} they share with REST; {@code Health.Watch} calls are at most {@code MaxHealthWatchers}. A
 * call runs on the transport's thread or on the handler pool as {@link CallPlacement} decides.
 */
public final class GrpcServer implements Managed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);

    private final Server server;
    private final HealthService healthService;
    /** Where calls run that do not run on the transport's thread ({@link CallPlacement}). */
    private final ExecutorService handlers = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "grpc-handler-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });
    private final ScheduledExecutorService healthTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "grpc-health-watch");
        thread.setDaemon(true);
        return thread;
    });

    /** With the default edge limits and read slots of its own: for tests. */
    public GrpcServer(ServerBuilder<?> builder, List<BindableService> services, HealthCheckRegistry health) {
        this(builder, services, health, EdgeLimits.defaults(), ReadLimiter.of(EdgeLimits.defaults()));
    }

    /** With meters of its own (not served anywhere): for tests. */
    public GrpcServer(ServerBuilder<?> builder, List<BindableService> services, HealthCheckRegistry health,
                      EdgeLimits limits, ReadLimiter reads) {
        this(builder, services, health, limits, reads, new SimpleMeterRegistry());
    }

    /** Without auth. */
    public GrpcServer(ServerBuilder<?> builder, List<BindableService> services, HealthCheckRegistry health,
                      EdgeLimits limits, ReadLimiter reads, MeterRegistry meters) {
        this(builder, services, health, limits, reads, meters, Authenticator.off());
    }

    /**
     * @param meters where {@code grpc_server_*} go (per service and method): every given service's and the health
     *     service's methods are registered up front, so a dashboard sees them (at zero) before the first call
     * @param auth who may call: every service but health needs a bearer token when auth is on (refused calls are
     *     counted in the metrics too)
     */
    @SuppressWarnings("deprecation")
    public GrpcServer(ServerBuilder<?> builder, List<BindableService> services, HealthCheckRegistry health,
                      EdgeLimits limits, ReadLimiter reads, MeterRegistry meters, Authenticator auth) {
        MetricCollectingServerInterceptor calls = new MetricCollectingServerInterceptor(meters);
        // server interceptors run in reverse order of adding: where the call runs first, then metrics, then auth
        builder.intercept(new BearerAuthInterceptor(auth));
        builder.intercept(calls);
        Map<String, NonBlockingCalls> nonBlocking = new HashMap<>();
        services.forEach(service -> {
            if (service instanceof NonBlockingCalls inPlace) {
                nonBlocking.put(service.bindService().getServiceDescriptor().getName(), inPlace);
            }
        });
        builder.directExecutor();
        builder.intercept(new CallPlacement(nonBlocking, auth, handlers));
        ReadLimitInterceptor readLimit = new ReadLimitInterceptor(reads);
        services.forEach(service -> builder.addService(ServerInterceptors.intercept(GuardedService.wrap(
                service.bindService(), service instanceof RequestSizeLimits sized ? sized.requestSizeLimits()
                        : Map.of()), readLimit)));
        builder.addService(GuardedService.wrap(ProtoReflectionServiceV1.newInstance().bindService()));
        builder.addService(GuardedService.wrap(ProtoReflectionService.newInstance().bindService()));
        this.healthService = new HealthService(health, services, healthTimer, limits.maxHealthWatchers());
        builder.addService(GuardedService.wrap(healthService.bindService()));
        services.forEach(calls::preregisterService);
        calls.preregisterService(healthService);
        this.server = builder.build();
    }

    /**
     * The Netty server of a real listener, with the edge limits that bound a connection: at most
     * {@code GrpcMaxConcurrentStreams} calls at once, and a fixed {@code GrpcFlowControlWindow} (per call and per
     * connection; not grown by BDP auto-tuning) of request bytes a client may have sent that the server has not read.
     */
    public static NettyServerBuilder netty(String bindAddress, int port, int maxMessageSize, EdgeLimits limits) {
        return NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port))
                .maxInboundMessageSize(maxMessageSize)
                .maxConcurrentCallsPerConnection(limits.grpcMaxConcurrentStreams())
                .initialFlowControlWindow(limits.grpcFlowControlWindow());
    }

    @Override
    public void start() {
        try {
            server.start();
            LOG.info("gRPC listening on port {}", server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gRPC server: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Open {@code Health.Watch} calls. */
    public int healthWatchers() {
        return healthService.watchers();
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        healthTimer.shutdownNow();
        server.shutdown();
        try {
            if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            handlers.shutdown();
        }
    }
}
