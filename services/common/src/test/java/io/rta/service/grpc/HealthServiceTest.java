package io.rta.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthCheckResponse;
import io.rta.proto.health.HealthCheckResponse.ServingStatus;
import io.rta.proto.health.HealthGrpc;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code grpc.health.v1.Health} under a flood: shared check results, one watch loop, a bound on watchers. */
class HealthServiceTest {

    private static final int MAX_WATCHERS = 3;

    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private volatile boolean healthy = true;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private Server server;
    private ManagedChannel channel;
    private HealthService service;

    @BeforeEach
    void start() throws IOException {
        HealthCheckRegistry checks = new HealthCheckRegistry();
        checks.register("counted", new HealthCheck() {
            @Override
            protected Result check() {
                runs.incrementAndGet();
                return healthy ? Result.healthy() : Result.unhealthy("down");
            }
        });
        service = new HealthService(checks, List.of(), timer, MAX_WATCHERS, nanos::get);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(GuardedService.wrap(service.bindService())).build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void shouldReuseACheckResultUntilItIsASecondOld() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);

        for (int i = 0; i < 50; i++) {
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(ServingStatus.SERVING);
        }
        assertThat(runs).hasValue(1);

        healthy = false;
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(HealthService.FRESH_MILLIS));

        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(runs).hasValue(2);
    }

    @Test
    void shouldTellEveryWatcherFromOneRunAndRefuseWatchersBeyondTheLimit() throws Exception {
        List<BlockingQueue<Object>> watchers = List.of(watch(), watch(), watch());
        for (BlockingQueue<Object> watcher : watchers) {
            assertThat(watcher.poll(30, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);
        }
        BlockingQueue<Object> refused = watch();

        Object answer = refused.poll(30, TimeUnit.SECONDS);
        assertThat(answer).isInstanceOf(Status.class);
        assertThat(((Status) answer).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(((Status) answer).getDescription())
                .isEqualTo("open Health.Watch calls is 4; at most 3 allowed (MaxHealthWatchers)");
        assertThat(runs).as("the clock stands still: one run served every watcher").hasValue(1);
        assertThat(service.watchers()).isEqualTo(MAX_WATCHERS);

        healthy = false;
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(HealthService.FRESH_MILLIS));
        for (BlockingQueue<Object> watcher : watchers) {
            assertThat(watcher.poll(30, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
        }
        assertThat(runs).hasValue(2);
    }

    @Test
    void shouldFreeAWatchersPlaceWhenItsCallEnds() throws Exception {
        io.grpc.Context.CancellableContext call = io.grpc.Context.current().withCancellation();
        BlockingQueue<Object> first = new LinkedBlockingQueue<>();
        call.run(() -> HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), into(first)));
        assertThat(first.poll(30, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);
        assertThat(service.watchers()).isEqualTo(1);

        call.cancel(null);

        while (service.watchers() != 0) {
            Thread.sleep(5);
        }
    }

    private BlockingQueue<Object> watch() {
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), into(answers));
        return answers;
    }

    private static StreamObserver<HealthCheckResponse> into(BlockingQueue<Object> answers) {
        return new StreamObserver<>() {
            @Override
            public void onNext(HealthCheckResponse value) {
                answers.add(value.getStatus());
            }

            @Override
            public void onError(Throwable error) {
                answers.add(Status.fromThrowable(error));
            }

            @Override
            public void onCompleted() {
                answers.add("completed");
            }
        };
    }
}
