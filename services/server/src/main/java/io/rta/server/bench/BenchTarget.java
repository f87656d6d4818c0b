package io.rta.server.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.rta.server.RtaServer;
import io.rta.server.ServerOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.lifecycle.Directories;
import io.rta.service.net.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server under test: a running one named by {@code HttpUrl} and {@code GrpcAddress}, or an all-in-one server
 * started for the run in this JVM (fresh temporary data, free ports), stopped and deleted on {@link #close}.
 */
final class BenchTarget implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BenchTarget.class);
    private static final String LOOPBACK = "127.0.0.1";
    /** Thread names of the benchmark's gRPC client ({@link CpuSplit.Component#CLIENT}). */
    private static final DefaultThreadFactory CLIENT_THREADS = new DefaultThreadFactory("bench-grpc-client", true);

    private final String httpUrl;
    private final String grpcHost;
    private final int grpcPort;
    private final RtaServer embedded;
    private final Path dataPath;
    /** Whether {@link #close} deletes {@link #dataPath} (a fresh temporary one), or keeps it for a restart. */
    private final boolean deleteData;
    private final EventLoopGroup clientLoop;
    private final ManagedChannel channel;
    /** Further connections for loads with more calls in flight than one connection carries ({@link #channels}). */
    private final List<ManagedChannel> extraChannels = new ArrayList<>();

    private BenchTarget(String httpUrl, String grpcAddress, RtaServer embedded, Path dataPath) {
        this(httpUrl, grpcAddress, embedded, dataPath, true);
    }

    private BenchTarget(String httpUrl, String grpcAddress, RtaServer embedded, Path dataPath, boolean deleteData) {
        this.deleteData = deleteData;
        this.httpUrl = httpUrl;
        int colon = grpcAddress.lastIndexOf(':');
        if (colon <= 0 || !grpcAddress.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("Option " + BenchOptions.GRPC_ADDRESS.name() + " = '" + grpcAddress
                    + "' must be host:port");
        }
        this.grpcHost = grpcAddress.substring(0, colon);
        this.grpcPort = Integer.parseInt(grpcAddress.substring(colon + 1));
        this.embedded = embedded;
        this.dataPath = dataPath;
        // Callbacks only count acknowledgements: running them on the event loop saves a thread hand-off per write.
        // The client has an event loop of its own, so its CPU is told apart from the server's Netty threads.
        this.clientLoop = Epoll.isAvailable() ? new EpollEventLoopGroup(1, CLIENT_THREADS)
                : new NioEventLoopGroup(1, CLIENT_THREADS);
        this.channel = newChannel();
    }

    private ManagedChannel newChannel() {
        return NettyChannelBuilder.forAddress(grpcHost, grpcPort).usePlaintext().directExecutor()
                .eventLoopGroup(clientLoop)
                .channelType(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    /** The running server the options name, or else a new embedded one configured by the server options. */
    static BenchTarget open(Options options) throws Exception {
        String httpUrl = options.getString(BenchOptions.HTTP_URL);
        String grpcAddress = options.getString(BenchOptions.GRPC_ADDRESS);
        if (httpUrl.isBlank() != grpcAddress.isBlank()) {
            throw new IllegalArgumentException("Options " + BenchOptions.HTTP_URL.name() + " and "
                    + BenchOptions.GRPC_ADDRESS.name() + " go together: set both to target a running server, "
                    + "or neither to start one");
        }
        if (!httpUrl.isBlank()) {
            return new BenchTarget(httpUrl, grpcAddress, null, null);
        }
        Path dataPath = Files.createTempDirectory("rta-bench-");
        try {
            RtaServer server = RtaServer.start(embeddedOptions(options, dataPath));
            return new BenchTarget("http://" + LOOPBACK + ":" + server.httpPort(),
                    LOOPBACK + ":" + server.grpcPort(), server, dataPath);
        } catch (Exception | Error e) {
            deleteRecursively(dataPath);
            throw e;
        }
    }

    /** The server options given to the benchmark, with its own data directory and free ports. */
    private static Options embeddedOptions(Options benchOptions, Path dataPath) {
        return embeddedOptions(benchOptions, dataPath, Ports.free(), Map.of());
    }

    private static Options embeddedOptions(Options benchOptions, Path dataPath, Ports ports,
                                           Map<OptionDef, String> extra) {
        Options server = ServerOptions.load(new String[0]);
        for (OptionDef def : ServerOptions.ALL) {
            if (benchOptions.isSet(def)) {
                server = server.with(def, benchOptions.getString(def));
            }
        }
        for (Map.Entry<OptionDef, String> option : extra.entrySet()) {
            server = server.with(option.getKey(), option.getValue());
        }
        return server.with(RtaOptions.DATA_PATH, dataPath.toString())
                .with(RtaOptions.HTTP_PORT, Integer.toString(ports.http()))
                .with(RtaOptions.GRPC_PORT, Integer.toString(ports.grpc()))
                .with(RtaOptions.KAFKA_PORT, Integer.toString(ports.kafka()))
                .with(RtaOptions.REGISTRY_PORT, Integer.toString(ports.registry()));
    }

    /** The ports of an embedded server, kept across its restarts. */
    record Ports(int http, int grpc, int kafka, int registry) {
        static Ports free() {
            return new Ports(freePort(), freePort(), freePort(), freePort());
        }
    }

    /**
     * An embedded server on {@code dataPath} with {@code ports} and {@code extra} server options on top of the
     * benchmark's; {@link #close} stops it and keeps its data, so the next one started there serves the same.
     */
    static BenchTarget restartable(Options benchOptions, Path dataPath, Ports ports, Map<OptionDef, String> extra)
            throws Exception {
        RtaServer server = RtaServer.start(embeddedOptions(benchOptions, dataPath, ports, extra));
        return new BenchTarget("http://" + LOOPBACK + ":" + server.httpPort(), LOOPBACK + ":" + server.grpcPort(),
                server, dataPath, false);
    }

    String httpUrl() {
        return httpUrl;
    }

    String grpcAddress() {
        return grpcHost + ":" + grpcPort;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    /** The embedded server's Kafka bootstrap servers; empty for a running server. */
    String bootstrapServers() {
        return embedded == null ? "" : embedded.bootstrapServers();
    }

    /** The embedded server's schema registry (ccompat API); empty for a running server. */
    String registryUrl() {
        return embedded == null ? "" : embedded.registryUrl();
    }

    /** The embedded server's Kafka Streams state directory; null for a running server. */
    Path streamsStateDir() {
        return embedded == null ? null : dataPath.resolve("streams");
    }

    ManagedChannel channel() {
        return channel;
    }

    /**
     * {@code count} connections to the server (the first is {@link #channel()}), all on the client's one event loop.
     * A server allows a bounded number of calls at once on one HTTP/2 connection ({@code GrpcMaxConcurrentStreams},
     * 128 by default); more calls on it wait in the client, so a load with more writes in flight than that spreads
     * them over several connections, as many clients would.
     */
    synchronized List<ManagedChannel> channels(int count) {
        while (extraChannels.size() < count - 1) {
            extraChannels.add(newChannel());
        }
        List<ManagedChannel> channels = new ArrayList<>();
        channels.add(channel);
        channels.addAll(extraChannels.subList(0, Math.max(0, count - 1)));
        return channels;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        extraChannels.forEach(ManagedChannel::shutdownNow);
        clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (embedded != null) {
            embedded.close();
            if (deleteData) {
                deleteRecursively(dataPath);
            }
        }
    }

    static int freePort() {
        return FreePorts.next();
    }

    /** Best effort: a temporary directory left behind is logged, not fatal. */
    static void deleteRecursively(Path root) {
        Directories.deleteRecursively(root, "the benchmark's data directory", LOG);
    }
}
