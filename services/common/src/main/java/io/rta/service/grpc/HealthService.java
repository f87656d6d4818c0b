package io.rta.service.grpc;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthCheckResponse;
import io.rta.proto.health.HealthCheckResponse.ServingStatus;
import io.rta.proto.health.HealthGrpc;
import io.rta.service.config.EdgeLimits;
import io.rta.service.lifecycle.HealthRuns;
import io.rta.topology.limits.InputLimits;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard gRPC health service ({@code grpc.health.v1.Health}), answering from the same health checks as
 * {@code GET /health}. The empty service name is the whole server; each gRPC service is known by its full name.
 * <p>
 * The checks are not cheap (they reach Kafka and the registry), so callers share their results: {@code Check} reuses
 * a result at most a second old, and all {@code Watch} calls share one loop on the timer thread that runs the checks
 * at most once a second while anyone watches and tells each watcher when its status changed. At most
 * {@code MaxHealthWatchers} watches are open at once; more get {@code RESOURCE_EXHAUSTED}.
 */
final class HealthService extends HealthGrpc.HealthImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);
    /** How old a result may be and still be answered, and the watch loop's period. */
    static final long FRESH_MILLIS = 1000;

    private final HealthCheckRegistry health;
    private final Set<String> services;
    private final ScheduledExecutorService timer;
    private final int maxWatchers;
    private final LongSupplier nanoClock;
    private final Set<Watcher> watchers = new HashSet<>();
    private final Object checking = new Object();
    private volatile Result last;
    private boolean looping;

    HealthService(HealthCheckRegistry health, List<BindableService> services, ScheduledExecutorService timer,
                  int maxWatchers) {
        this(health, services, timer, maxWatchers, System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime()}, or a test's clock */
    HealthService(HealthCheckRegistry health, List<BindableService> services, ScheduledExecutorService timer,
                  int maxWatchers, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.health = health;
        this.timer = timer;
        this.maxWatchers = maxWatchers;
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
        observer.onNext(HealthCheckResponse.newBuilder().setStatus(status(healthy())).build());
        observer.onCompleted();
    }

    @Override
    public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        ServerCallStreamObserver<HealthCheckResponse> call = (ServerCallStreamObserver<HealthCheckResponse>) observer;
        Watcher watcher = new Watcher(call, known(request.getService()));
        synchronized (watchers) {
            if (watchers.size() >= maxWatchers) {
                call.onError(Status.RESOURCE_EXHAUSTED.withDescription(InputLimits.exceeded("open Health.Watch calls",
                        watchers.size() + 1L, maxWatchers, EdgeLimits.MAX_HEALTH_WATCHERS)).asRuntimeException());
                return;
            }
            watchers.add(watcher);
            if (!looping) {
                looping = true;
                timer.scheduleWithFixedDelay(this::tellWatchers, FRESH_MILLIS, FRESH_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        call.setOnCancelHandler(() -> {
            synchronized (watchers) {
                watchers.remove(watcher);
            }
        });
        // the first answer promptly, from the same thread as every later one
        timer.execute(() -> watcher.tell(healthy()));
    }

    int watchers() {
        synchronized (watchers) {
            return watchers.size();
        }
    }

    /** The loop: one run of the checks (or a fresh enough result) for every watcher. */
    private void tellWatchers() {
        List<Watcher> now;
        synchronized (watchers) {
            now = List.copyOf(watchers);
        }
        if (now.isEmpty()) {
            return;
        }
        boolean healthy;
        try {
            healthy = healthy();
        } catch (RuntimeException e) {
            // never let the shared loop die: the next round tries again
            LOG.warn("The health checks failed to run", e);
            return;
        }
        for (Watcher watcher : now) {
            try {
                watcher.tell(healthy);
            } catch (RuntimeException e) {
                LOG.debug("A health watcher could not be told the status (its call ended?)", e);
            }
        }
    }

    /** Whether every check passes, from a result at most {@link #FRESH_MILLIS} old; at most one run at a time. */
    private boolean healthy() {
        Result result = last;
        if (result != null && fresh(result)) {
            return result.healthy();
        }
        synchronized (checking) {
            result = last;
            if (result == null || !fresh(result)) {
                boolean healthy = HealthRuns.runAll(health).values().stream().allMatch(HealthCheck.Result::isHealthy);
                result = new Result(healthy, nanoClock.getAsLong());
                last = result;
            }
            return result.healthy();
        }
    }

    private boolean known(String service) {
        return service.isEmpty() || services.contains(service);
    }

    private static ServingStatus status(boolean healthy) {
        return healthy ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    }

    private boolean fresh(Result result) {
        return nanoClock.getAsLong() - result.atNanos() < TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS);
    }

    private record Result(boolean healthy, long atNanos) {
    }

    /** One open watch; told only from the timer thread, and only when its status changed. */
    private static final class Watcher {

        private final ServerCallStreamObserver<HealthCheckResponse> call;
        private final boolean known;
        private ServingStatus told;

        Watcher(ServerCallStreamObserver<HealthCheckResponse> call, boolean known) {
            this.call = call;
            this.known = known;
        }

        void tell(boolean healthy) {
            ServingStatus now = known ? status(healthy) : ServingStatus.SERVICE_UNKNOWN;
            if (now != told && !call.isCancelled()) {
                told = now;
                call.onNext(HealthCheckResponse.newBuilder().setStatus(now).build());
            }
        }
    }
}
