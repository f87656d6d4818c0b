package io.rta.stream.module;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import io.rta.service.config.Options;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.service.module.Checks;
import io.rta.service.module.ServiceModule;
import io.rta.service.view.SessionViews;
import io.rta.stream.LiveSources;
import io.rta.stream.kafka.KafkaLiveSettings;
import io.rta.stream.kafka.KafkaLiveSource;
import io.rta.stream.live.LiveSource;
import io.rta.stream.ws.StreamSettings;
import io.rta.stream.ws.StreamWebSockets;
import io.rta.topology.Topics;
import io.rta.service.http.ApiPaths;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * The stream service: the live WebSocket endpoint {@code /rta/v2/sessions/{identity}/stream}, fed by a Redis the
 * pipelines publish to, or by our Kafka topics seen through the process's session view. Owns its live source.
 */
public final class StreamModule implements ServiceModule {

    private final Options options;
    private final ProcessMetrics metrics;
    private final LiveSource live;

    /**
     * @param options the live streaming options ({@code StreamOptions}) and the limits
     * @param kafka builds and starts the Kafka source ({@link #kafkaSource}); called only when no Redis is configured
     */
    public StreamModule(Options options, ProcessMetrics metrics, Supplier<LiveSource> kafka) {
        this.options = options;
        this.metrics = metrics;
        this.live = LiveSources.create(options, metrics, kafka);
    }

    /**
     * The Kafka live source, started: it reads {@code rta.telemetry} once for every WebSocket client of the process.
     *
     * @param chunkApplicationId the application folding telemetry into the chunks REST serves
     * @param admin reads that application's commits (not closed by the source)
     * @param views the process's loaded session view
     */
    public static LiveSource kafkaSource(Options options, Topics topics, String chunkApplicationId,
                                         Map<String, Object> consumerConfig, Admin admin, SessionViews views,
                                         ProcessMetrics metrics) {
        KafkaLiveSource source = new KafkaLiveSource(topics, chunkApplicationId, consumerConfig, admin, views,
                KafkaLiveSettings.from(options), metrics);
        source.start();
        return source;
    }

    public LiveSource live() {
        return live;
    }

    @Override
    public List<String> features() {
        return List.of("stream");
    }

    /** A session identity may hold {@code /} and {@code %}, percent-encoded in its path segment. */
    @Override
    public List<String> encodedSlashPaths() {
        return List.of(ApiPaths.SESSIONS);
    }

    @Override
    public void setUpHttp(Environment environment) {
        StreamWebSockets.install(environment, live, StreamSettings.from(options), metrics.registry(),
                options.getDuration(io.rta.service.auth.AuthSettings.CLOCK_SKEW));
    }

    @Override
    public Map<String, HealthCheck> healthChecks() {
        return Map.of("live-source", Checks.of(live::health));
    }

    @Override
    public void close() {
        live.close();
    }
}
