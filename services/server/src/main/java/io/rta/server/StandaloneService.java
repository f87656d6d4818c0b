package io.rta.server;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.config.kafka.ConfigWrites;
import io.rta.config.api.ConfigAccess;
import io.rta.config.module.ConfigModule;
import io.rta.data.DataAccess;
import io.rta.data.module.DataModule;
import io.rta.schemamapping.kafka.SchemaMappingWrites;
import io.rta.schemamapping.module.SchemaMappingModule;
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
import io.rta.service.view.SessionView;
import io.rta.service.tls.TlsSettings;
import io.rta.session.module.SessionModule;
import io.rta.topology.Topics;
import io.rta.topology.errors.DeadLetters;
import io.rta.topology.limits.InputLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta session-service}, {@code ./rta config-service}, {@code ./rta data-service} and
 * {@code ./rta schema-mapping-service}: one service module
 * alone, against an existing cluster, with its own part of the topology in a Kafka Streams application of its own
 * ({@code <TopicPrefix>rta-<service>}): replicas of one service share that application's work by partition, and a
 * server or another service on the same cluster and prefix never collides with it.
 */
public final class StandaloneService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneService.class);

    /** The standalone services, with the toolkit's default ports. */
    public enum Kind {
        SESSION("session-service", SessionModule.APPLICATION, 2650, 2652, 2651,
                "the Session REST API (and the internal data-bindings route) and SessionStore"),
        CONFIG("config-service", ConfigModule.APPLICATION, 2660, 2662, 2661, "the Config REST API and ConfigStore"),
        DATA("data-service", DataModule.APPLICATION, 2670, 2672, 2671,
                "DataWriter and DataReader by data identity, and the data REST routes"),
        // the toolkit's README lists 2680 and 2682 only; HTTPS is HTTP + 1 as for the other services
        SCHEMA_MAPPING("schema-mapping-service", SchemaMappingModule.APPLICATION, 2680, 2682, 2681,
                "health and metrics only: SchemaMappingStore is gRPC");

        private final String command;
        private final String application;
        private final OptionDef httpPort;
        private final OptionDef grpcPort;
        private final OptionDef httpsPort;
        private final OptionDef dataPath;
        private final List<OptionDef> options;

        Kind(String command, String application, int httpPort, int grpcPort, int httpsPort, String serves) {
            this.command = command;
            this.application = application;
            this.httpPort = OptionDef.of("HttpPort", Integer.toString(httpPort),
                    "Port of the " + command + "'s REST API (" + serves + "), health and metrics; also what other "
                            + "instances forward to (AdvertisedHost:HttpPort).");
            this.grpcPort = OptionDef.of("GrpcPort", Integer.toString(grpcPort),
                    "Port of the " + command + "'s gRPC services.");
            this.httpsPort = TlsSettings.httpsPort(httpsPort);
            this.dataPath = OptionDef.of("DataPath", "./data/" + command + "-<HttpPort>",
                    "Directory of the " + command + "'s local state (its Kafka Streams stores, its instance id); "
                            + "each replica on one machine needs its own, which the default (by HttpPort) gives "
                            + "replicas on different ports.");
            this.options = Stream.of(Stream.of(RtaOptions.CONFIG, this.dataPath, this.httpPort, this.grpcPort,
                            RtaOptions.BIND_ADDRESS, RtaOptions.ADMIN_PORT, RtaOptions.BOOTSTRAP_SERVERS,
                            RtaOptions.REGISTRY_URL, RtaOptions.TOPIC_PREFIX, RtaOptions.WRITE_TIMEOUT,
                            RtaOptions.MAX_WRITE_LAG, RtaOptions.PARTITIONS, RtaOptions.REPLICATION_FACTOR,
                            RtaOptions.SERVICE_LABEL, RtaOptions.SERVICE_DESCRIPTION,
                            KafkaClientOptions.KAFKA),
                    LimitOptions.ALL.stream(),
                    Stream.of(ServerOptions.COMMIT_INTERVAL, ServerOptions.STREAM_THREADS,
                            ServerOptions.GRPC_MAX_MESSAGE_SIZE, ServerOptions.MAX_CONFIG_SIZE,
                            ServerOptions.MAX_SCHEMA_MAPPING_SIZE,
                            ServerOptions.LOG_FORMAT, ServerOptions.LOG_LEVEL, ServerOptions.LOG_LEVELS,
                            ServerOptions.STARTUP_TIMEOUT, ServerOptions.ADVERTISED_HOST,
                            ServerOptions.STANDBY_REPLICAS, ServerOptions.STREAMS_TASK_TIMEOUT,
                            ServerOptions.IDLE_READ_TIMEOUT), AuthSettings.OPTIONS.stream(),
                    TlsSettings.options(this.httpsPort).stream()).flatMap(s -> s).toList();
        }

        /**
         * {@code DataPath} as set, else {@code ./data/<command>-<HttpPort>}: Kafka Streams locks its state directory,
         * so two replicas on one machine that share one fail to start; by port, replicas started with their own
         * {@code HttpPort} (as they must be) get their own.
         */
        Path dataPath(Options options) {
            return options.isSet(dataPath) ? options.getPath(dataPath)
                    : Path.of("data", command + "-" + options.getInt(httpPort));
        }

        /** The command that runs it, e.g. {@code session-service}. */
        public String command() {
            return command;
        }

        /** Its options, in documentation order. */
        public List<OptionDef> options() {
            return options;
        }

        public OptionDef httpPort() {
            return httpPort;
        }

        public OptionDef grpcPort() {
            return grpcPort;
        }

        /** {@code Tls:HttpsPort}, with this service's default. */
        public OptionDef httpsPort() {
            return httpsPort;
        }

        /** Its Kafka Streams application id under a topic prefix. */
        public String applicationId(String topicPrefix) {
            return topicPrefix + application;
        }

        /**
         * Its part of the topology ({@code configWrites} only for the config service, {@code mappingWrites} only for
         * the schema mapping service).
         */
        Topology topology(Topics topics, InputLimits limits, Options options, ConfigWrites configWrites,
                          SchemaMappingWrites mappingWrites) {
            Topology topology = new Topology();
            return switch (this) {
                case SESSION -> SessionModule.addTopology(topology, topics, limits);
                case CONFIG -> ConfigModule.addTopology(topology, topics, limits,
                        ConfigModule.limits(options).maxConfigBytes(), configWrites);
                case DATA -> DataModule.addTopology(topology, topics, limits);
                case SCHEMA_MAPPING -> SchemaMappingModule.addTopology(topology, topics, limits,
                        SchemaMappingModule.maxBytes(options), mappingWrites);
            };
        }
    }

    private final Kind kind;
    private final Parts parts = new Parts();
    private GrpcServer grpc;
    private HttpServer http;
    private String applicationId;

    private StandaloneService(Kind kind) {
        this.kind = kind;
    }

    public static Options load(Kind kind, String[] args) {
        return Options.load(kind.options(), args);
    }

    /**
     * Starts the service; returns once it serves.
     *
     * @throws IllegalArgumentException naming BootstrapServers or RegistryUrl when one is not set
     */
    public static StandaloneService start(Kind kind, Options options) throws Exception {
        required(kind, options, RtaOptions.BOOTSTRAP_SERVERS, "the Kafka cluster, e.g. what ./rta cluster prints");
        required(kind, options, RtaOptions.REGISTRY_URL, "the schema registry, e.g. what ./rta cluster prints");
        StandaloneService service = new StandaloneService(kind);
        try {
            service.startParts(options);
            return service;
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
    }

    private static void required(Kind kind, Options options, OptionDef def, String what) {
        if (options.getString(def).isBlank()) {
            throw new IllegalArgumentException("the " + kind.command() + " needs " + def.name() + " (" + what
                    + "); it starts no embedded one");
        }
    }

    private void startParts(Options options) throws Exception {
        Authenticator auth = Authenticator.of(AuthSettings.from(options)); // fails fast on bad Auth options
        TlsSettings tls = TlsSettings.from(options, kind.httpsPort); // fails fast on bad Tls options
        HttpServer.prepareInBackground();
        ProcessMetrics metrics = own(ProcessMetrics.create());
        InputLimits limits = LimitOptions.inputLimits(options);
        Path dataPath = kind.dataPath(options).toAbsolutePath();
        Files.createDirectories(dataPath);
        Duration writeTimeout = options.getDuration(RtaOptions.WRITE_TIMEOUT);
        Duration startupTimeout = options.getDuration(ServerOptions.STARTUP_TIMEOUT);
        String bootstrapServers = options.getString(RtaOptions.BOOTSTRAP_SERVERS);

        CcompatRegistryClient registry = new CcompatRegistryClient(options.getString(RtaOptions.REGISTRY_URL));
        Topics topics = Topics.create(options.getString(RtaOptions.TOPIC_PREFIX), registry);
        Backbone.ensureTopics(options, bootstrapServers, topics);
        registry.awaitAvailable(startupTimeout);
        Backbone.registerSchemas(registry, topics);

        ScheduledExecutorService timer = Backbone.timer(parts);
        EventProducer producer = own(new EventProducer(KafkaSettings.common(bootstrapServers, options), writeTimeout,
                metrics));
        DeadLetters deadLetters = new DeadLetters(topics.deadLetters());
        applicationId = kind.applicationId(topics.prefix());
        HostInfo self = Backbone.advertised(options, kind.httpPort, tls);
        ConfigWrites configWrites = kind == Kind.CONFIG ? ConfigModule.writes(writeTimeout, timer) : null;
        SchemaMappingWrites mappingWrites = kind == Kind.SCHEMA_MAPPING
                ? SchemaMappingModule.writes(writeTimeout, timer, producer, topics) : null;
        StreamsRunner streams = own(new StreamsRunner(kind.topology(topics, limits, options, configWrites,
                mappingWrites),
                KafkaSettings.streams(bootstrapServers, applicationId, self, options, dataPath.resolve("streams"),
                        Backbone.instanceId(dataPath), deadLetters), metrics));
        Admin admin = own(metrics.bindAdmin(AdminClient.create(
                Backbone.properties(KafkaSettings.common(bootstrapServers, options)))));
        ServiceContext context = new ServiceContext(options, metrics, topics, registry, bootstrapServers, producer,
                timer, admin, streams, applicationId, self, limits, writeTimeout);

        List<ServiceModule> modules = new ArrayList<>();
        modules.add(new KafkaBackbone(admin, () -> Backbone.registryHealth(registry, null), streams, deadLetters,
                metrics));
        // with access policies, the config and data services look up which sessions a caller sees, as the session
        // service does: each loads the session view (schema mappings are not bound to sessions: no view)
        boolean policies = !auth.settings().policies().isEmpty();
        boolean needsView = kind == Kind.SESSION || policies && (kind == Kind.CONFIG || kind == Kind.DATA);
        SessionView view = needsView ? own(new SessionView(KafkaSettings.consumer(
                bootstrapServers, options), topics, limits, writeTimeout, timer, metrics)) : null;
        streams.start();
        if (view != null) {
            modules.add(view);
            view.start();
            view.awaitLoaded(startupTimeout);
        }
        modules.add(own(switch (kind) {
            case SESSION -> new SessionModule(context, view);
            case CONFIG -> new ConfigModule(context, configWrites, policies
                    ? ConfigAccess.boundBy(view.views().catalog()) : ConfigAccess.ANY);
            // served by data identity: no session needs to exist, unless access policies say who reads what
            case DATA -> DataModule.byDataIdentity(context, policies
                    ? DataAccess.boundIdentities(view.views().catalog()) : DataAccess.ANY);
            case SCHEMA_MAPPING -> new SchemaMappingModule(context, mappingWrites);
        }));
        HealthCheckRegistry health = ServiceHost.registerHealthChecks(new HealthCheckRegistry(), modules);

        EdgeLimits edge = LimitOptions.edgeLimits(options);
        ReadLimiter reads = ReadLimiter.of(edge);
        grpc = own(ServiceHost.grpc(options.getString(RtaOptions.BIND_ADDRESS), options.getInt(kind.grpcPort),
                options.getInt(ServerOptions.GRPC_MAX_MESSAGE_SIZE), edge, reads, health, metrics, auth, tls, modules));
        grpc.start();
        ServiceInfo info = new ServiceInfo("rta-" + kind.command(), ServiceInfo.buildVersion(),
                ServiceHost.features(modules), options.getString(RtaOptions.SERVICE_LABEL),
                options.getString(RtaOptions.SERVICE_DESCRIPTION), auth.enabled());
        http = own(ServiceHost.http(info, HttpSettings.from(options, kind.httpPort, ServerOptions.LOG_FORMAT, edge,
                reads).withTls(tls), metrics, health, auth, modules));
        LOG.info("RTA {} ready: HTTP {} HTTPS {} gRPC {}{}, Kafka {}, registry {}, Streams application {}",
                kind.command(), http.port(), http.httpsPort(), grpc.port(), tls.enabled() ? " (TLS)" : "",
                bootstrapServers, registry.baseUrl(), applicationId);
    }

    private <T extends AutoCloseable> T own(T part) {
        return parts.own(part);
    }

    public int httpPort() {
        return http.port();
    }

    public int grpcPort() {
        return grpc.port();
    }

    /** The HTTPS port, or -1 when TLS is off. */
    public int httpsPort() {
        return http.httpsPort();
    }

    /** The Kafka Streams application id this service runs under. */
    public String applicationId() {
        return applicationId;
    }

    /** Stops every part in reverse start order; each failure is logged and the rest still stop. */
    @Override
    public void close() {
        parts.close();
    }
}
