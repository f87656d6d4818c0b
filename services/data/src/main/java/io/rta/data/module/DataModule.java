package io.rta.data.module;

import io.grpc.BindableService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rta.data.DataAccess;
import io.rta.data.DataReads;
import io.rta.data.api.ChunkEncoder;
import io.rta.data.api.PayloadDecoder;
import io.rta.data.grpc.DataReaderService;
import io.rta.data.grpc.DataWriterService;
import io.rta.data.grpc.WriteMetrics;
import io.rta.data.grpc.WriterLimits;
import io.rta.data.kafka.StreamsChunkViews;
import io.rta.data.kafka.StreamsOwnerLocator;
import io.rta.data.kafka.TelemetryPublisher;
import io.rta.data.remote.OwnerClient;
import io.rta.data.resources.DataIdentityResource;
import io.rta.data.resources.DataResource;
import io.rta.service.config.EdgeLimits;
import io.rta.service.config.LimitOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.RtaOptions;
import io.rta.service.kafka.CommittedOffsets;
import io.rta.service.kafka.StreamsRunner;
import io.rta.service.lifecycle.Parts;
import io.rta.service.module.ServiceContext;
import io.rta.service.tls.TlsSettings;
import io.rta.service.module.ServiceModule;
import io.rta.topology.Topics;
import io.rta.topology.data.ChunkProcessor;
import io.rta.topology.data.ChunkTopology;
import io.rta.topology.limits.InputLimits;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.Topology;

/**
 * The data service: {@code DataWriter} and {@code DataReader} over gRPC and the data REST routes, over the chunk
 * stores of the process's Kafka Streams application. Instances of one application share the chunk work by
 * partition; a read for a data identity another instance owns is forwarded to it. A write is acknowledged once the
 * application has committed past it ({@link CommittedOffsets} of the application's group).
 */
public final class DataModule implements ServiceModule {

    /** The standalone data service's Kafka Streams application, after the topic prefix. */
    public static final String APPLICATION = "rta-data-service";

    public static final OptionDef IDLE_READ_TIMEOUT = OptionDef.of("IdleReadTimeout", "30000",
            "How long (ms) a gRPC data read waits for a client that takes nothing (its flow-control window stays "
                    + "full) before the read is ended with DEADLINE_EXCEEDED and its resources released. REST reads "
                    + "have Jetty's idle timeout (30 s) for the same case.");

    private final Parts parts = new Parts();
    private final DataReads reads;
    private final OwnerClient owners;
    private final List<Object> resources;
    private final List<BindableService> grpc;

    /**
     * @param context its options list {@link RtaOptions#MAX_WRITE_LAG}, {@link #IDLE_READ_TIMEOUT} and the edge limits
     * @param sessions which identities the session data routes may read for a caller (others are 404):
     *     {@link DataAccess#ANY} for the data service without access policies, {@link DataAccess#sessions} for the
     *     server, where a data identity is a session identity
     * @param identities which identities the routes by data identity may read for a caller (others read as nothing):
     *     {@link DataAccess#ANY} without access policies, else {@link DataAccess#boundIdentities}
     */
    public DataModule(ServiceContext context, DataAccess sessions, DataAccess identities) {
        this(context, sessions, identities, false);
    }

    /**
     * The standalone data service's module: it knows no sessions, so its gRPC {@code DataReader} reads by data
     * identity like its REST routes by data identity; an identity the caller may not read ({@code identities})
     * answers an empty stream there too, as an identity without data does, not {@code NOT_FOUND} naming a session.
     */
    public static DataModule byDataIdentity(ServiceContext context, DataAccess identities) {
        return new DataModule(context, identities, identities, true);
    }

    private DataModule(ServiceContext context, DataAccess sessions, DataAccess identities, boolean grpcByIdentity) {
        var options = context.options();
        CommittedOffsets committed = parts.own(CommittedOffsets.forGroup(context.admin(), context.applicationId(),
                context.writeTimeout()));
        DataWriterService writer = new DataWriterService(new TelemetryPublisher(context.producer(), context.topics()),
                committed, WriterLimits.defaults(context.writeTimeout()).withInput(context.limits()).withPacing(
                        WriterLimits.DEFAULT_MIN_IN_FLIGHT_BYTES, WriterLimits.DEFAULT_MAX_IN_FLIGHT_BYTES,
                        options.getDuration(RtaOptions.MAX_WRITE_LAG)), context.timer(),
                new WriteMetrics(context.metrics().registry()));
        reads = new DataReads(sessions, identities, new StreamsChunkViews(context.streams(), context.writeTimeout()),
                new StreamsOwnerLocator(context.streams(), context.self()), context.limits());
        owners = OwnerClient.create(context.writeTimeout(), TlsSettings.identity(options));
        ThreadPoolExecutor readers = readPool(LimitOptions.edgeLimits(options));
        parts.own(readers::shutdownNow);
        // each running gRPC read holds a thread and a store iterator: an idle client's is released after
        // IdleReadTimeout
        Gauge.builder("rta.grpc.data.reads.active", readers, ThreadPoolExecutor::getActiveCount)
                .description("gRPC data reads running").register(context.metrics().registry());
        DataReaderService reader = new DataReaderService(grpcByIdentity ? reads.byDataIdentity() : reads,
                PayloadDecoder.LZ4, readers, owners,
                options.getDuration(IDLE_READ_TIMEOUT));
        // the session routes, and the data service's routes by data identity (which consult no session catalog):
        // a server can stand behind a gateway as a data source too
        resources = List.of(new DataResource(reads, owners, ChunkEncoder.WIRE),
                new DataIdentityResource(reads, owners, ChunkEncoder.WIRE));
        grpc = List.of(writer, reader);
        registerMetrics(context.metrics().registry(), context.streams());
        context.metrics().viewLag("chunks", context.streams(),
                runner -> runner.recordsBehind(context.topics().telemetry().name()));
    }

    /** The data service's part of a topology: the chunk fold. */
    public static Topology addTopology(Topology topology, Topics topics, InputLimits limits) {
        return ChunkTopology.addTo(topology, topics, limits);
    }

    /** Validates and routes reads (for resources of this module's reads, e.g. by data identity). */
    public DataReads reads() {
        return reads;
    }

    /** Forwards reads to the instance that owns a data identity. */
    public OwnerClient owners() {
        return owners;
    }

    @Override
    public List<String> features() {
        return List.of("data");
    }

    @Override
    public List<Object> resources() {
        return resources;
    }

    /** A data identity in a path is one URL-encoded segment and may hold {@code /} (a file path) or {@code %}. */
    @Override
    public List<String> encodedSlashPaths() {
        return List.of(DataIdentityResource.PATH, io.rta.service.http.ApiPaths.SESSIONS);
    }

    @Override
    public List<BindableService> grpcServices() {
        return grpc;
    }

    @Override
    public void close() {
        parts.close();
    }

    /** A gRPC read holds one of the MaxConcurrentReads slots for as long as it runs here: as many threads suffice. */
    private static ThreadPoolExecutor readPool(EdgeLimits edge) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(edge.maxConcurrentReads(), edge.maxConcurrentReads(),
                60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("data-read"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static void registerMetrics(MeterRegistry registry, StreamsRunner streams) {
        FunctionCounter.builder("rta.telemetry.bursts.applied", streams,
                        runner -> runner.metricTotal(ChunkProcessor.METRIC_BURSTS_APPLIED + "-total"))
                .description("bursts the chunk topology applied").register(registry);
        FunctionCounter.builder("rta.telemetry.bursts.skipped", streams,
                        runner -> runner.metricTotal(ChunkProcessor.METRIC_BURSTS_SKIPPED + "-total"))
                .description("bursts the chunk topology skipped").register(registry);
        FunctionCounter.builder("rta.chunk.slots.compacted", streams,
                        runner -> runner.metricTotal(ChunkProcessor.METRIC_SLOTS_COMPACTED + "-total"))
                .description("chunk slots compacted").register(registry);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
