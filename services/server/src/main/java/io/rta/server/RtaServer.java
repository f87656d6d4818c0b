package io.rta.server;

import com.codahale.metrics.Meter;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.rta.config.api.ConfigMediaTypes;
import io.rta.config.grpc.ConfigStoreLimits;
import io.rta.config.kafka.ConfigWrites;
import io.rta.config.api.ConfigAccess;
import io.rta.config.module.ConfigModule;
import io.rta.schemamapping.kafka.SchemaMappingWrites;
import io.rta.schemamapping.module.SchemaMappingModule;
import io.rta.data.DataAccess;
import io.rta.data.module.DataModule;
import io.rta.schemas.CcompatRegistryClient;
import io.rta.server.embedded.EmbeddedCluster;
import io.rta.server.embedded.EmbeddedKafka;
import io.rta.server.embedded.RegistryProcess;
import io.rta.service.auth.AuthSettings;
import io.rta.service.auth.Authenticator;
import io.rta.service.config.EdgeLimits;
import io.rta.service.config.LimitOptions;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.edge.ReadLimiter;
import io.rta.service.grpc.GrpcServer;
import io.rta.service.http.HttpServer;
import io.rta.service.http.HttpSettings;
import io.rta.service.http.ServiceInfo;
import io.rta.service.kafka.EventProducer;
import io.rta.service.kafka.StreamsRunner;
import io.rta.service.lifecycle.Parts;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.service.module.KafkaBackbone;
import io.rta.service.module.ServiceContext;
import io.rta.service.module.ServiceHost;
import io.rta.service.module.ServiceModule;
import io.rta.service.tls.TlsSettings;
import io.rta.service.view.SessionView;
import io.rta.session.module.SessionModule;
import io.rta.stream.module.StreamModule;
import io.rta.ui.UiModule;
import io.rta.ui.UiSettings;
import io.rta.topology.Topics;
import io.rta.topology.errors.DeadLetters;
import io.rta.topology.limits.InputLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one RTA server: (optionally) an embedded broker and registry, the topics, one Kafka Streams application
 * running every topology, the session view, and the session, config, schema mapping, data and stream modules on one
 * HTTP and one gRPC port, in one process. {@link #start} only connects the parts, in dependency order; {@link #close} stops them in
 * reverse.
 */
public final class RtaServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtaServer.class);

    private final Parts parts = new Parts();
    private String bootstrapServers;
    private String registryUrl;
    private GrpcServer grpc;
    private HttpServer http;
    private StreamsRunner streams;

    private RtaServer() {
    }

    public static RtaServer start(Options options) throws Exception {
        return start(options, StartupPhases.sinceNow());
    }

    /**
     * Starts the server; once every health check passes it logs how long the start took, phase by phase
     * ({@code RTA server healthy after 7.9 s (...)}).
     *
     * @param phases the start-up's clock: {@link StartupPhases#sinceProcessStart()} when the process was launched to
     *     run this server
     */
    public static RtaServer start(Options options, StartupPhases phases) throws Exception {
        RtaServer server = new RtaServer();
        try {
            server.startParts(options, phases);
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private void startParts(Options options, StartupPhases phases) throws Exception {
        Authenticator auth = Authenticator.of(AuthSettings.from(options)); // fails fast on bad Auth options
        TlsSettings tls = TlsSettings.from(options, ServerOptions.HTTPS_PORT); // fails fast on bad Tls options
        HttpServer.prepareInBackground();
        ProcessMetrics metrics = own(ProcessMetrics.create());
        InputLimits limits = LimitOptions.inputLimits(options);
        Path dataPath = options.getPath(RtaOptions.DATA_PATH).toAbsolutePath();
        Files.createDirectories(dataPath);
        Duration writeTimeout = options.getDuration(RtaOptions.WRITE_TIMEOUT);

        bootstrapServers = options.getString(RtaOptions.BOOTSTRAP_SERVERS);
        registryUrl = options.getString(RtaOptions.REGISTRY_URL);
        RegistryProcess embeddedRegistry = null;
        EmbeddedCluster cluster = null;
        if (bootstrapServers.isBlank() && registryUrl.isBlank()) {
            // the registry's JVM boots while the broker starts and the topics are created
            cluster = own(EmbeddedCluster.launch(options));
            bootstrapServers = cluster.bootstrapServers();
            embeddedRegistry = cluster.registry();
            registryUrl = cluster.registryUrl();
            phases.mark("broker");
            LOG.info("Embedded Kafka broker at {} (data in {})", bootstrapServers, dataPath.resolve("kafka"));
        } else if (bootstrapServers.isBlank()) {
            bootstrapServers = own(EmbeddedKafka.start(options)).bootstrapServers();
            phases.mark("broker");
            LOG.info("Embedded Kafka broker at {} (data in {})", bootstrapServers, dataPath.resolve("kafka"));
        } else if (registryUrl.isBlank()) {
            embeddedRegistry = own(RegistryProcess.start(options, bootstrapServers));
            registryUrl = embeddedRegistry.ccompatUrl();
            phases.mark("registry");
            LOG.info("Embedded schema registry at {}", registryUrl);
        }
        // while the embedded registry restarts (its journal not replayed yet) "no such schema id" is not an answer
        RegistryProcess readiness = embeddedRegistry;
        CcompatRegistryClient registry = new CcompatRegistryClient(registryUrl, CcompatRegistryClient.DEFAULT_RETRY,
                readiness == null ? () -> true : readiness::isUp);
        Topics topics = Topics.create(options.getString(RtaOptions.TOPIC_PREFIX), registry);
        Backbone.ensureTopics(options, bootstrapServers, topics);
        phases.mark("topics");
        if (cluster != null) {
            cluster.awaitRegistry();
            phases.mark("registry");
            phases.note(StartupPhases.format("registry ready from launch", cluster.registryStartup()));
            LOG.info("Embedded schema registry at {}", registryUrl);
        }
        // an external registry may still be starting; each request alone retries only briefly (it runs in poll loops)
        registry.awaitAvailable(options.getDuration(ServerOptions.STARTUP_TIMEOUT));
        Backbone.registerSchemas(registry, topics);
        phases.mark("schemas");

        ScheduledExecutorService timer = Backbone.timer(parts);
        EventProducer producer = own(new EventProducer(KafkaSettings.common(bootstrapServers, options), writeTimeout,
                metrics));

        ConfigStoreLimits configLimits = ConfigModule.limits(options);
        DeadLetters deadLetters = new DeadLetters(topics.deadLetters());
        ConfigWrites configWrites = ConfigModule.writes(writeTimeout, timer);
        SchemaMappingWrites mappingWrites = SchemaMappingModule.writes(writeTimeout, timer, producer, topics);
        Topology topology = ServerTopology.buildTopology(topics, limits, configLimits.maxConfigBytes(),
                configWrites, SchemaMappingModule.maxBytes(options), mappingWrites);
        HostInfo self = Backbone.advertised(options, RtaOptions.HTTP_PORT, tls);
        streams = own(new StreamsRunner(topology, KafkaSettings.streams(bootstrapServers, topics.applicationId(),
                self, options, dataPath.resolve("streams"), Backbone.instanceId(dataPath), deadLetters), metrics));
        SessionView sessionView = own(new SessionView(KafkaSettings.consumer(bootstrapServers, options), topics, limits,
                writeTimeout, timer, metrics));

        streams.start();
        sessionView.start();
        phases.mark("streams");
        sessionView.awaitLoaded(options.getDuration(ServerOptions.STARTUP_TIMEOUT));
        phases.mark("session view");

        Admin admin = own(metrics.bindAdmin(AdminClient.create(
                Backbone.properties(KafkaSettings.common(bootstrapServers, options)))));
        ServiceContext context = new ServiceContext(options, metrics, topics, registry, bootstrapServers, producer,
                timer, admin, streams, topics.applicationId(), self, limits, writeTimeout);
        RegistryProcess supervised = embeddedRegistry;
        List<ServiceModule> modules = List.of(
                new KafkaBackbone(admin, () -> Backbone.registryHealth(registry, supervised), streams, deadLetters, metrics),
                sessionView,
                own(new SessionModule(context, sessionView)),
                own(new ConfigModule(context, configWrites, auth.settings().policies().isEmpty() ? ConfigAccess.ANY
                        : ConfigAccess.boundBy(sessionView.views().catalog()))),
                own(new SchemaMappingModule(context, mappingWrites)),
                // the server serves data without bindings: a data identity is a session identity, read once it exists
                own(new DataModule(context, DataAccess.sessions(sessionView.views().catalog()),
                        DataAccess.boundIdentities(sessionView.views().catalog()))),
                own(new StreamModule(options, metrics, () -> StreamModule.kafkaSource(options, topics,
                        topics.applicationId(), KafkaSettings.consumer(bootstrapServers, options), admin, sessionView.views(),
                        metrics))),
                new UiModule(UiSettings.from(options, auth.settings())));
        HealthCheckRegistry health = ServiceHost.registerHealthChecks(new HealthCheckRegistry(), modules);
        if (embeddedRegistry != null) {
            FunctionCounter.builder("rta.registry.restarts", embeddedRegistry.restarts(), Meter::getCount)
                    .description("restarts of the embedded schema registry").register(metrics.registry());
        }

        EdgeLimits edge = LimitOptions.edgeLimits(options);
        ReadLimiter reads = ReadLimiter.of(edge);
        grpc = own(ServiceHost.grpc(options.getString(RtaOptions.BIND_ADDRESS), options.getInt(RtaOptions.GRPC_PORT),
                options.getInt(ServerOptions.GRPC_MAX_MESSAGE_SIZE), edge, reads, health, metrics, auth, tls, modules));
        phases.mark("services");
        grpc.start();
        phases.mark("gRPC");

        ServiceInfo info = new ServiceInfo("rta-server", ServiceInfo.buildVersion(), ServiceHost.features(modules),
                options.getString(RtaOptions.SERVICE_LABEL), options.getString(RtaOptions.SERVICE_DESCRIPTION),
                auth.enabled());
        http = own(ServiceHost.http(info, HttpSettings.from(options, RtaOptions.HTTP_PORT, ServerOptions.LOG_FORMAT,
                edge, reads).withTls(tls), metrics, health, auth, modules));
        phases.mark("HTTP");
        LOG.info("RTA server ready: HTTP {} HTTPS {} gRPC {}{}, Kafka {}, registry {}, media types {}", http.port(),
                http.httpsPort(), grpc.port(), tls.enabled() ? " (TLS)" : "", bootstrapServers, registry.baseUrl(),
                ConfigMediaTypes.ALL);
        own(StartupReport.whenHealthy(health, phases, options.getDuration(ServerOptions.STARTUP_TIMEOUT)));
    }

    private <T extends AutoCloseable> T own(T part) {
        return parts.own(part);
    }

    /** The plain HTTP port, or -1 when {@code Tls:DisableHttp} turned it off. */
    public int httpPort() {
        return http.port();
    }

    /** The HTTPS port, or -1 when TLS is off. */
    public int httpsPort() {
        return http.httpsPort();
    }

    public int grpcPort() {
        return grpc.port();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** The Kafka Streams application behind the views (e.g. to pause it for maintenance, or in a test). */
    public StreamsRunner streams() {
        return streams;
    }

    /** Stops every part in reverse start order; each failure is logged and the rest still stop. */
    @Override
    public void close() {
        parts.close();
    }
}
