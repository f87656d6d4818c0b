package io.rta.service.grpc;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthCheckResponse;
import io.rta.proto.health.HealthCheckResponse.ServingStatus;
import io.rta.proto.health.HealthGrpc;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The standard gRPC health service ({@code grpc.health.v1.Health}), answering from the same health checks as
 * {@code GET /health}. The empty service name is the whole server; each gRPC service is known by its full name.
 */
final class HealthService extends HealthGrpc.HealthImplBase {

    private final HealthCheckRegistry health;
    private final Set<String> services;
    private final ScheduledExecutorService timer;

    HealthService(HealthCheckRegistry health, List<BindableService> services, ScheduledExecutorService timer) {
        this.health = health;
        this.timer = timer;
        this.services = services.stream().map(s -> s.bindService().getServiceDescriptor().getName())
                .collect(Collectors.toSet());
    }

    @Override
    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        if (!known(request.getService())) {
            observer.onError(Status.NOT_FOUND.withDescription("unknown service '" + request.getService() + "'")
                    .asRuntimeException());
            return;
        }
        observer.onNext(HealthCheckResponse.newBuilder().setStatus(status()).build());
        observer.onCompleted();
    }

    @Override
    public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        ServerCallStreamObserver<HealthCheckResponse> call = (ServerCallStreamObserver<HealthCheckResponse>) observer;
        AtomicReference<ServingStatus> last = new AtomicReference<>();
        ScheduledFuture<?> poll = timer.scheduleWithFixedDelay(() -> {
            ServingStatus now = known(request.getService()) ? status() : ServingStatus.SERVICE_UNKNOWN;
            if (now != last.getAndSet(now) && !call.isCancelled()) {
                synchronized (call) {
                    call.onNext(HealthCheckResponse.newBuilder().setStatus(now).build());
                }
            }
        }, 0, 1, TimeUnit.SECONDS);
        call.setOnCancelHandler(() -> poll.cancel(false));
    }

    private boolean known(String service) {
        return service.isEmpty() || services.contains(service);
    }

    private ServingStatus status() {
        boolean healthy = health.runHealthChecks().values().stream().allMatch(r -> r.isHealthy());
        return healthy ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    }
}
