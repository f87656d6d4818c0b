package io.rta.server;

import com.codahale.metrics.Meter;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.grpc.BindableService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rta.config.api.ConfigMediaTypes;
import io.rta.config.grpc.ConfigStoreLimits;
import io.rta.config.grpc.ConfigStoreService;
import io.rta.config.kafka.KafkaConfigStore;
import io.rta.config.resources.ConfigResource;
import io.rta.config.validation.ConfigValidator;
import io.rta.data.DataReads;
import io.rta.data.api.ChunkEncoder;
import io.rta.data.api.PayloadDecoder;
import io.rta.data.grpc.DataReaderService;
import io.rta.data.grpc.DataWriterService;
import io.rta.data.grpc.WriteMetrics;
import io.rta.data.grpc.WriterLimits;
import io.rta.service.kafka.CommittedOffsets;
import io.rta.data.kafka.StreamsChunkViews;
import io.rta.data.kafka.StreamsOwnerLocator;
import io.rta.data.kafka.TelemetryPublisher;
import io.rta.data.remote.OwnerClient;
import io.rta.data.resources.DataIdentityResource;
import io.rta.data.resources.DataResource;
import io.rta.schemas.CcompatRegistryClient;
import io.rta.server.embedded.EmbeddedCluster;
import io.rta.server.embedded.EmbeddedKafka;
import io.rta.server.embedded.RegistryProcess;
import io.rta.service.config.EdgeLimits;
import io.rta.service.config.LimitOptions;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.edge.ReadLimiter;
import io.rta.service.grpc.GrpcServer;
import io.rta.service.http.HttpServer;
import io.rta.service.http.LivenessCheck;
import io.rta.service.http.HttpSettings;
import io.rta.service.lifecycle.Parts;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.service.http.ServiceInfo;
import io.rta.service.kafka.EventProducer;
import io.rta.service.kafka.StreamsRunner;
import io.rta.service.kafka.TopicCreator;
import io.rta.service.view.TopicViewLoader;
import io.rta.service.write.WriteTracker;
import io.rta.session.SessionService;
import io.rta.session.grpc.SessionStoreService;
import io.rta.session.kafka.KafkaSessionWriter;
import io.rta.session.resources.SessionResource;
import io.rta.session.view.SessionViews;
import io.rta.stream.LiveSources;
import io.rta.stream.kafka.KafkaLiveSettings;
import io.rta.stream.kafka.KafkaLiveSource;
import io.rta.stream.live.LiveSource;
import io.rta.stream.ws.StreamSettings;
import io.rta.stream.ws.StreamWebSockets;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import io.rta.topology.config.ConfigRules;
import io.rta.topology.data.ChunkProcessor;
import io.rta.topology.errors.DeadLetters;
import io.rta.topology.limits.InputLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one RTA server: (optionally) an embedded broker and registry, the topics, every topology, the views and
 * the Session and Config APIs over REST and gRPC, in one process. {@link #start} only connects the parts, in
 * dependency order; {@link #close} stops them in reverse.
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
        HttpServer.prepareInBackground();
        ProcessMetrics metrics = own(ProcessMetrics.create());
        InputLimits inputLimits = LimitOptions.inputLimits(options);
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
        CcompatRegistryClient registry = new CcompatRegistryClient(registryUrl);
        Topics topics = Topics.create(options.getString(RtaOptions.TOPIC_PREFIX), registry);
        TopicCreator.ensureTopics(KafkaSettings.common(bootstrapServers), topics,
                options.getInt(RtaOptions.PARTITIONS), (short) options.getInt(RtaOptions.REPLICATION_FACTOR));
        phases.mark("topics");
        if (cluster != null) {
            cluster.awaitRegistry();
            phases.mark("registry");
            phases.note(StartupPhases.format("registry ready from launch", cluster.registryStartup()));
            LOG.info("Embedded schema registry at {}", registryUrl);
        }
        // an external registry may still be starting; each request alone retries only briefly (it runs in poll loops)
        registry.awaitAvailable(options.getDuration(ServerOptions.STARTUP_TIMEOUT));
        registerSchemas(registry, topics);
        phases.mark("schemas");

        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, daemon("write-timer"));
        timerPool.setRemoveOnCancelPolicy(true);
        ScheduledExecutorService timer = own(new ExecutorCloser<>(timerPool)).executor();
        EventProducer producer = own(new EventProducer(KafkaSettings.common(bootstrapServers), writeTimeout,
                metrics));

        InputLimits limits = LimitOptions.inputLimits(options);
        ConfigStoreLimits configLimits = configLimits(options);
        DeadLetters deadLetters = new DeadLetters(topics.deadLetters());
        Topology topology = ServerTopology.buildTopology(topics, limits, configLimits.maxConfigBytes());
        streams = own(new StreamsRunner(topology,
                KafkaSettings.streams(bootstrapServers, topics, options, dataPath.resolve("streams"),
                        instanceId(dataPath), deadLetters), metrics));

        WriteTracker sessionsApplied = new WriteTracker("session", writeTimeout, timer);
        WriteTracker foldersApplied = new WriteTracker("folder", writeTimeout, timer);
        SessionViews views = new SessionViews(sessionsApplied, foldersApplied);
        TopicViewLoader loader = own(new TopicViewLoader("sessions",
                KafkaSettings.consumer(bootstrapServers), views.handlers(topics, limits), metrics));

        streams.start();
        loader.start();
        phases.mark("streams");
        loader.awaitLoaded(options.getDuration(ServerOptions.STARTUP_TIMEOUT));
        phases.mark("session view");

        SessionService sessions = new SessionService(views.catalog(), views.folders(),
                new KafkaSessionWriter(producer, topics, sessionsApplied, foldersApplied), Clock.systemUTC(),
                inputLimits);
        KafkaConfigStore configs = new KafkaConfigStore(producer, topics, streams, timer, writeTimeout);
        ConfigValidator validator = new ConfigValidator(inputLimits);

        HealthCheckRegistry health = new HealthCheckRegistry();
        Admin admin = own(metrics.bindAdmin(AdminClient.create(properties(KafkaSettings.common(bootstrapServers)))));

        CommittedOffsets committed = own(CommittedOffsets.forGroup(admin, topics.applicationId(), writeTimeout));
        DataWriterService dataWriter = new DataWriterService(new TelemetryPublisher(producer, topics), committed,
                WriterLimits.defaults(writeTimeout).withInput(inputLimits).withPacing(
                        WriterLimits.DEFAULT_MIN_IN_FLIGHT_BYTES, WriterLimits.DEFAULT_MAX_IN_FLIGHT_BYTES,
                        options.getDuration(RtaOptions.MAX_WRITE_LAG)), timer,
                new WriteMetrics(metrics.registry()));
        HostInfo self = new HostInfo(options.getString(ServerOptions.ADVERTISED_HOST),
                options.getInt(RtaOptions.HTTP_PORT));
        DataReads dataReads = new DataReads(identity -> views.catalog().get(identity).isPresent(),
                new StreamsChunkViews(streams, writeTimeout), new StreamsOwnerLocator(streams, self), inputLimits);
        EdgeLimits edge = LimitOptions.edgeLimits(options);
        ReadLimiter reads = ReadLimiter.of(edge);
        // a gRPC read holds one of the MaxConcurrentReads slots for as long as it runs here: as many threads suffice
        ThreadPoolExecutor readPool = new ThreadPoolExecutor(edge.maxConcurrentReads(), edge.maxConcurrentReads(),
                60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("data-read"));
        readPool.allowCoreThreadTimeOut(true);
        ThreadPoolExecutor dataReaders = own(new ExecutorCloser<>(readPool)).executor();
        // each running gRPC read holds a thread and a store iterator: an idle client's is released after
        // IdleReadTimeout
        Gauge.builder("rta.grpc.data.reads.active", dataReaders, ThreadPoolExecutor::getActiveCount)
                .description("gRPC data reads running").register(metrics.registry());
        OwnerClient owners = OwnerClient.create(writeTimeout);
        DataReaderService dataReader = new DataReaderService(dataReads, PayloadDecoder.LZ4, dataReaders, owners,
                options.getDuration(ServerOptions.IDLE_READ_TIMEOUT));
        DataResource dataResource = new DataResource(dataReads, owners, ChunkEncoder.WIRE);
        LiveSource live = own(LiveSources.create(options, metrics,
                () -> startKafkaLiveSource(options, topics, bootstrapServers, admin, views, metrics)));
        registerHealthChecks(health, admin, registry, embeddedRegistry, streams, loader);
        health.register("live-source", check(live::health));
        // informational: records set aside never make the server unready
        health.register("dead-letters", check(() -> HealthCheck.Result.healthy(deadLetters.describe())));
        registerMetrics(metrics, topics, views, loader, streams);
        FunctionCounter.builder("rta.dead.letters", deadLetters, DeadLetters::count)
                .description("records set aside on rta.dead-letters").register(metrics.registry());
        FunctionCounter.builder("rta.punctuation.failures", deadLetters, DeadLetters::punctuationFailures)
                .description("punctuations that failed and were skipped").register(metrics.registry());
        if (embeddedRegistry != null) {
            FunctionCounter.builder("rta.registry.restarts", embeddedRegistry.restarts(), Meter::getCount)
                    .description("restarts of the embedded schema registry").register(metrics.registry());
        }

        List<BindableService> services = List.of(new SessionStoreService(sessions),
                new ConfigStoreService(configs, configs, validator, configLimits), dataWriter, dataReader);
        grpc = own(new GrpcServer(GrpcServer.netty(options.getString(RtaOptions.BIND_ADDRESS),
                options.getInt(RtaOptions.GRPC_PORT), options.getInt(ServerOptions.GRPC_MAX_MESSAGE_SIZE), edge),
                services, health, edge, reads, metrics.registry()));
        phases.mark("services");
        grpc.start();
        phases.mark("gRPC");

        ServiceInfo info = new ServiceInfo("rta-server", ServiceInfo.buildVersion(), List.of("sessions", "configs", "data", "stream"),
                options.getString(RtaOptions.SERVICE_LABEL), options.getString(RtaOptions.SERVICE_DESCRIPTION),
                false);
        http = own(HttpServer.start(info, HttpSettings.from(options, RtaOptions.HTTP_PORT, ServerOptions.LOG_FORMAT,
                edge, reads).withEncodedSlashesUnder(DataIdentityResource.PATH), metrics, health, jersey -> {
                    jersey.register(new SessionResource(sessions));
                    jersey.register(new ConfigResource(configs, validator));
                    jersey.register(dataResource);
                    // the data service's routes by data identity: a server can stand behind a gateway as a source
                    jersey.register(new DataIdentityResource(dataReads, owners, ChunkEncoder.WIRE));
                }, environment -> StreamWebSockets.install(environment, live, StreamSettings.from(options),
                        metrics.registry())));
        phases.mark("HTTP");
        LOG.info("RTA server ready: HTTP {} gRPC {}, Kafka {}, registry {}, media types {}", http.port(),
                grpc.port(), bootstrapServers, registryUrl, ConfigMediaTypes.ALL);
        own(StartupReport.whenHealthy(health, phases, options.getDuration(ServerOptions.STARTUP_TIMEOUT)));
    }

    /**
     * The Kafka live source: our topics, seen through this process's session view; it reads {@code rta.telemetry}
     * once for every WebSocket client of the process.
     */
    private static LiveSource startKafkaLiveSource(Options options, Topics topics, String bootstrapServers, Admin admin,
                                              SessionViews views, ProcessMetrics metrics) {
        KafkaLiveSource source = new KafkaLiveSource(topics, KafkaSettings.consumer(bootstrapServers), admin, views,
                KafkaLiveSettings.from(options), metrics);
        source.start();
        return source;
    }

    /** A random identity created on first start and kept in the data directory (it outlives the state stores). */
    private static String instanceId(Path dataPath) throws java.io.IOException {
        Path file = dataPath.resolve("instance-id");
        if (!Files.exists(file)) {
            Files.writeString(file, "rta-" + java.util.UUID.randomUUID(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).trim();
    }

    private static ConfigStoreLimits configLimits(Options options) {
        int max = options.getInt(ServerOptions.MAX_CONFIG_SIZE);
        int ceiling = ConfigRules.MAX_CONFIG_BYTES_CEILING;
        if (max > ceiling) {
            throw new IllegalArgumentException("MaxConfigSize " + max + " is above " + ceiling
                    + " bytes: a config travels as one Kafka record of at most " + Topics.LARGE_MESSAGE_BYTES
                    + " bytes");
        }
        return ConfigStoreLimits.withMaxConfigBytes(max);
    }

    /**
     * Registers every topic's value schema and its compatibility level, the topics in parallel: each write waits for
     * the registry's Kafka journal, so one after the other they add up at start-up.
     */
    /**
     * One subject after another: registering all of them at once made a registry that had just replayed its journal
     * (a restart) time out requests, failing the start, for a saving of under a second.
     */
    private static void registerSchemas(CcompatRegistryClient registry, Topics topics) {
        for (Topic<?, ?> topic : topics.all()) {
            registry.register(topic.valueSubject(), topic.valueSchema());
            registry.setCompatibility(topic.valueSubject(), "BACKWARD");
        }
    }

    /**
     * Readiness checks of every dependency, and the liveness checks ({@link LivenessCheck}: fail only when a restart
     * is the cure) of the parts that cannot recover on their own.
     *
     * @param embeddedRegistry the supervised registry child, or null when the registry is external
     */
    private static void registerHealthChecks(HealthCheckRegistry health, Admin admin, CcompatRegistryClient registry,
                                             RegistryProcess embeddedRegistry, StreamsRunner streams,
                                             TopicViewLoader loader) {
        health.register("kafka", check(() -> {
            int brokers = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
            return HealthCheck.Result.healthy(brokers + " broker(s) reachable");
        }));
        health.register("schema-registry", check(() -> {
            if (embeddedRegistry != null && !embeddedRegistry.isUp()) {
                return embeddedRegistry.health();
            }
            registry.ping();
            return HealthCheck.Result.healthy(registry.baseUrl());
        }));
        health.register("streams", check(streams::health));
        health.register("streams-alive", LivenessCheck.of(streams::liveness));
        health.register("session-view-alive", LivenessCheck.of(() -> loader.failure() == null && loader.isRunning()
                ? HealthCheck.Result.healthy("the session view loader is running")
                : HealthCheck.Result.unhealthy("the session view loader stopped: " + loader.failure())));
        health.register("state-restore", check(() -> streams.restores().isRestoring()
                ? HealthCheck.Result.unhealthy("restoring state from changelogs (reads of it answer 503 meanwhile): "
                        + streams.restores().describe())
                : HealthCheck.Result.healthy("no state being restored")));
        health.register("session-view", check(loader::health));
    }

    /** Our figures (Prometheus names: dots become underscores, counters end in {@code _total}). */
    private static void registerMetrics(ProcessMetrics metrics, Topics topics, SessionViews views,
                                        TopicViewLoader loader, StreamsRunner streams) {
        MeterRegistry registry = metrics.registry();
        FunctionCounter.builder("rta.telemetry.bursts.applied", streams,
                        runner -> runner.metricTotal(ChunkProcessor.METRIC_BURSTS_APPLIED + "-total"))
                .description("bursts the chunk topology applied").register(registry);
        FunctionCounter.builder("rta.telemetry.bursts.skipped", streams,
                        runner -> runner.metricTotal(ChunkProcessor.METRIC_BURSTS_SKIPPED + "-total"))
                .description("bursts the chunk topology skipped").register(registry);
        FunctionCounter.builder("rta.chunk.slots.compacted", streams,
                        runner -> runner.metricTotal(ChunkProcessor.METRIC_SLOTS_COMPACTED + "-total"))
                .description("chunk slots compacted").register(registry);
        Gauge.builder("rta.sessions", views, v -> v.catalog().size()).description("sessions in the session view")
                .register(registry);
        Gauge.builder("rta.session.folders", views, v -> v.folders().size())
                .description("folders in the session view").register(registry);
        FunctionCounter.builder("rta.view.records.skipped", loader, TopicViewLoader::skipped)
                .description("records the session view loader skipped").register(registry);
        FunctionCounter.builder("rta.stream.threads.replaced", streams.threadsReplaced(),
                        Meter::getCount)
                .description("stream threads replaced after a failure").register(registry);
        // what each view has yet to process, from the consumers' own metrics (no broker round trip per scrape)
        metrics.viewLag("chunks", streams, runner -> runner.recordsBehind(topics.telemetry().name()));
        metrics.viewLag("sessions", streams, runner -> runner.recordsBehind(topics.sessionUpdates().name()));
        metrics.viewLag("configs", streams, runner -> runner.recordsBehind(topics.configPublications().name()));
        metrics.viewLag("session-catalog", loader, TopicViewLoader::recordsBehind);
    }

    private interface CheckBody {
        HealthCheck.Result run() throws Exception;
    }

    private static HealthCheck check(CheckBody body) {
        return new HealthCheck() {
            @Override
            protected Result check() throws Exception {
                return body.run();
            }
        };
    }

    private static Properties properties(java.util.Map<String, Object> map) {
        Properties props = new Properties();
        props.putAll(map);
        return props;
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

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record ExecutorCloser<E extends ExecutorService>(E executor) implements AutoCloseable {
        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
