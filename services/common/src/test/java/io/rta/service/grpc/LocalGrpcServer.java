package io.rta.service.grpc;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rta.service.auth.Authenticator;
import io.rta.service.config.EdgeLimits;
import io.rta.service.edge.ReadLimiter;
import java.util.List;

/**
 * A {@link GrpcServer} on a free loopback port (default edge limits, one read slot) with a plaintext channel to it,
 * for tests of what the server does with real calls over a real socket.
 */
public final class LocalGrpcServer implements AutoCloseable {

    private final GrpcServer server;
    private final ManagedChannel channel;

    private LocalGrpcServer(GrpcServer server) {
        this.server = server;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    /** Serves {@code service}, checking tokens as {@code auth} says. */
    public static LocalGrpcServer start(BindableService service, Authenticator auth) {
        EdgeLimits limits = EdgeLimits.defaults();
        GrpcServer server = new GrpcServer(GrpcServer.netty("127.0.0.1", 0, 4 * 1024 * 1024, limits),
                List.of(service), new HealthCheckRegistry(), limits, new ReadLimiter(1, 0), new SimpleMeterRegistry(),
                auth);
        server.start();
        return new LocalGrpcServer(server);
    }

    public ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.close();
    }
}
