package io.rta.service.grpc;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.lifecycle.Managed;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin lifecycle wrapper around a gRPC server: the given services plus server reflection (v1 and v1alpha, for
 * grpcurl/grpcui of any age) and the standard health service. Takes a {@link ServerBuilder} so tests can run it
 * in-process.
 */
public final class GrpcServer implements Managed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);

    private final Server server;
    private final ScheduledExecutorService healthTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "grpc-health-watch");
        thread.setDaemon(true);
        return thread;
    });

    @SuppressWarnings("deprecation")
    public GrpcServer(ServerBuilder<?> builder, List<BindableService> services, HealthCheckRegistry health) {
        services.forEach(builder::addService);
        builder.addService(ProtoReflectionServiceV1.newInstance());
        builder.addService(ProtoReflectionService.newInstance());
        builder.addService(new HealthService(health, services, healthTimer));
        this.server = builder.build();
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
        }
    }
}
