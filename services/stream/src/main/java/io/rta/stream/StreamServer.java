package io.rta.stream;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.schemas.CcompatRegistryClient;
import io.rta.service.auth.AuthSettings;
import io.rta.service.auth.Authenticator;
import io.rta.service.config.EdgeLimits;
import io.rta.service.config.KafkaClientOptions;
import io.rta.service.config.LimitOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.edge.ReadLimiter;
import io.rta.service.http.HttpSettings;
import io.rta.service.http.HttpServer;
import io.rta.service.lifecycle.Parts;
import io.rta.service.module.ServiceHost;
import io.rta.service.tls.TlsSettings;
import io.rta.service.module.ServiceModule;
import io.rta.service.view.SessionView;
import io.rta.stream.module.StreamModule;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.service.http.ServiceInfo;
import io.rta.stream.live.LiveSource;
import io.rta.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta stream-service}: the WebSocket endpoint alone, as the toolkit's stream service, against an existing
 * cluster (our Kafka topics and registry) or a Redis that pipelines publish to. Scales horizontally: every instance
 * reads what its own clients watch; none owns anything.
 */
public final class StreamServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamServer.class);

    public static final OptionDef HTTP_PORT = OptionDef.of("HttpPort", "8090",
            "Port of the WebSocket endpoint (/rta/v2/sessions/{identity}/stream), health and metrics.");
    /** The HTTPS (wss://) port when TLS is on. */
    public static final OptionDef HTTPS_PORT = TlsSettings.httpsPort(8091);
    public static final OptionDef STARTUP_TIMEOUT = OptionDef.of("StartupTimeout", "300000",
            "How long (ms) start-up may wait for the session view to load from Kafka before giving up.");

    public static final OptionDef CHUNK_APPLICATION_ID = OptionDef.of("ChunkApplicationId", "",
            "Kafka Streams application whose chunk stores the REST API serves (Kafka source): its commits tell a new "
                    + "subscription what it may leave to REST. Empty means the server's, <TopicPrefix>rta-server; "
                    + "against standalone data services, <TopicPrefix>rta-data-service.");

    /** The edge limits (read by {@code LimitOptions.edgeLimits}; only the HTTP ones bind a service without gRPC). */
    private static final List<OptionDef> EDGE_OPTIONS = List.of(LimitOptions.MAX_REQUEST_BODY_SIZE,
            LimitOptions.MAX_CONCURRENT_READS, LimitOptions.MAX_QUEUED_READS, LimitOptions.MAX_HEALTH_WATCHERS,
            LimitOptions.GRPC_MAX_CONCURRENT_STREAMS, LimitOptions.GRPC_FLOW_CONTROL_WINDOW,
            LimitOptions.HTTP_IDLE_TIMEOUT);

    /** The stream service's options: where its data comes from, its port, and live streaming's own and the limits. */
    public static final List<OptionDef> ALL = Stream.of(Stream.of(RtaOptions.CONFIG, HTTP_PORT,
            RtaOptions.BIND_ADDRESS, RtaOptions.ADMIN_PORT, RtaOptions.BOOTSTRAP_SERVERS, RtaOptions.REGISTRY_URL,
            RtaOptions.TOPIC_PREFIX, RtaOptions.LOG_FORMAT, RtaOptions.LOG_LEVEL, RtaOptions.LOG_LEVELS,
            STARTUP_TIMEOUT, CHUNK_APPLICATION_ID, RtaOptions.SERVICE_LABEL, RtaOptions.SERVICE_DESCRIPTION,
            KafkaClientOptions.KAFKA), EDGE_OPTIONS.stream(),
            StreamOptions.ALL.stream(), LimitOptions.INPUT.stream(), AuthSettings.OPTIONS.stream(),
            TlsSettings.options(HTTPS_PORT).stream()).flatMap(s -> s).toList();

    private final Parts parts = new Parts();
    private HttpServer http;

    private StreamServer() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }

    public static StreamServer start(Options options) throws Exception {
        StreamServer server = new StreamServer();
        try {
            server.startParts(options);
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private void startParts(Options options) throws Exception {
        Authenticator auth = Authenticator.of(AuthSettings.from(options)); // fails fast on bad Auth options
        TlsSettings tls = TlsSettings.from(options, HTTPS_PORT); // fails fast on bad Tls options
        ProcessMetrics metrics = own(ProcessMetrics.create());
        List<ServiceModule> modules = new ArrayList<>();
        StreamModule stream = new StreamModule(options, metrics, () -> kafkaSource(options, metrics, modules));
        modules.add(own(stream));
        HealthCheckRegistry health = ServiceHost.registerHealthChecks(new HealthCheckRegistry(), modules);
        ServiceInfo info = new ServiceInfo("rta-stream-service", ServiceInfo.buildVersion(),
                ServiceHost.features(modules), options.getString(RtaOptions.SERVICE_LABEL),
                options.getString(RtaOptions.SERVICE_DESCRIPTION), auth.enabled());
        EdgeLimits edge = LimitOptions.edgeLimits(options);
        http = own(ServiceHost.http(info, HttpSettings.from(options, HTTP_PORT, RtaOptions.LOG_FORMAT, edge,
                ReadLimiter.of(edge)).withTls(tls), metrics, health, auth, modules));
        LOG.info("RTA stream service ready: HTTP {} HTTPS {}, live source {}", http.port(), http.httpsPort(),
                stream.live().name());
    }

    /**
     * Our topics: the session view loaded from {@code rta.sessions} (a module of this process, added to
     * {@code modules} before the stream module), the telemetry tailed by the source.
     */
    private LiveSource kafkaSource(Options options, ProcessMetrics metrics, List<ServiceModule> modules) {
        String bootstrapServers = options.getString(RtaOptions.BOOTSTRAP_SERVERS);
        String registryUrl = options.getString(RtaOptions.REGISTRY_URL);
        if (bootstrapServers.isBlank() || registryUrl.isBlank()) {
            throw new IllegalArgumentException("the stream service needs " + RtaOptions.BOOTSTRAP_SERVERS.name()
                    + " and " + RtaOptions.REGISTRY_URL.name() + " (the cluster the RTA server writes to), or "
                    + StreamOptions.REDIS_CONNECTION_STRING.name() + " to stream from Redis");
        }
        Topics topics = Topics.create(options.getString(RtaOptions.TOPIC_PREFIX),
                new CcompatRegistryClient(registryUrl));
        Map<String, Object> kafka = KafkaClientOptions.apply(new HashMap<>(), options);
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        kafka.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stream-view-timer");
            thread.setDaemon(true);
            return thread;
        });
        own(timer::shutdownNow);
        // this process only reads the view: nobody waits on its write trackers
        SessionView view = own(new SessionView(kafka, topics, LimitOptions.inputLimits(options), Duration.ofSeconds(1),
                timer, metrics));
        modules.add(view);
        view.start();
        try {
            view.awaitLoaded(options.getDuration(STARTUP_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the session view", e);
        }
        Admin admin = own(metrics.bindAdmin(AdminClient.create(new HashMap<>(kafka))));
        String chunkApplication = options.getString(CHUNK_APPLICATION_ID);
        return StreamModule.kafkaSource(options, topics,
                chunkApplication.isBlank() ? topics.applicationId() : chunkApplication, kafka, admin, view.views(),
                metrics);
    }

    public int httpPort() {
        return http.port();
    }

    private <T extends AutoCloseable> T own(T part) {
        return parts.own(part);
    }

    /** Stops every part in reverse start order; each failure is logged and the rest still stop. */
    @Override
    public void close() {
        parts.close();
    }
}
