package io.rta.service.view;

import com.codahale.metrics.health.HealthCheck;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.rta.service.http.LivenessCheck;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.service.module.Checks;
import io.rta.service.module.ServiceModule;
import io.rta.service.write.WriteTracker;
import io.rta.topology.Topics;
import io.rta.topology.limits.InputLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The session catalog and folder tree of this process ({@link SessionViews}), loaded from the sessions and folders
 * topics by a {@link TopicViewLoader}: what the session service answers from and the stream service and the server's
 * data reads look sessions up in. Transport-free; its health checks are {@code session-view} (loaded, caught up) and
 * {@code session-view-alive} (the loader runs). Writers wait on {@link #sessionsApplied()} and
 * {@link #foldersApplied()}; a process that only reads the view leaves them alone.
 */
public final class SessionView implements ServiceModule {

    private final WriteTracker sessionsApplied;
    private final WriteTracker foldersApplied;
    private final SessionViews views;
    private final TopicViewLoader loader;

    /**
     * @param consumerConfig Kafka consumer settings of the loader (bootstrap servers, fetch sizes)
     * @param limits folders breaking the folder rules under them are skipped
     * @param writeTimeout how long a writer's wait may see the view make no progress
     */
    public SessionView(Map<String, Object> consumerConfig, Topics topics, InputLimits limits, Duration writeTimeout,
                       ScheduledExecutorService timer, ProcessMetrics metrics) {
        sessionsApplied = new WriteTracker("session", writeTimeout, timer);
        foldersApplied = new WriteTracker("folder", writeTimeout, timer);
        views = new SessionViews(sessionsApplied, foldersApplied);
        loader = new TopicViewLoader("sessions", consumerConfig, views.handlers(topics, limits), metrics);
        registerMetrics(metrics);
    }

    /** Starts loading in the background. */
    public void start() {
        loader.start();
    }

    /** Waits until the view has read the topics up to their ends as of now (see {@link TopicViewLoader}). */
    public void awaitLoaded(Duration timeout) throws InterruptedException {
        loader.awaitLoaded(timeout);
    }

    public SessionViews views() {
        return views;
    }

    public TopicViewLoader loader() {
        return loader;
    }

    public WriteTracker sessionsApplied() {
        return sessionsApplied;
    }

    public WriteTracker foldersApplied() {
        return foldersApplied;
    }

    /** Whether a session with the identity is in the catalog now. */
    public boolean exists(String identity) {
        return views.catalog().get(identity).isPresent();
    }

    @Override
    public Map<String, HealthCheck> healthChecks() {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        checks.put("session-view", Checks.of(loader::health));
        checks.put("session-view-alive", LivenessCheck.of(() -> loader.failure() == null && loader.isRunning()
                ? HealthCheck.Result.healthy("the session view loader is running")
                : HealthCheck.Result.unhealthy("the session view loader stopped: " + loader.failure())));
        return checks;
    }

    @Override
    public void close() {
        loader.close();
    }

    private void registerMetrics(ProcessMetrics metrics) {
        var registry = metrics.registry();
        Gauge.builder("rta.sessions", views, v -> v.catalog().size()).description("sessions in the session view")
                .register(registry);
        Gauge.builder("rta.session.folders", views, v -> v.folders().size())
                .description("folders in the session view").register(registry);
        FunctionCounter.builder("rta.view.records.skipped", loader, TopicViewLoader::skipped)
                .description("records the session view loader skipped").register(registry);
        metrics.viewLag("session-catalog", loader, TopicViewLoader::recordsBehind);
    }
}
