package io.rta.server.cli;

import io.rta.files.FileDataServer;
import io.rta.files.FileOptions;
import io.rta.files.index.FileIndex;
import io.rta.files.index.IndexOptions;
import io.rta.gateway.GatewayOptions;
import io.rta.gateway.GatewayServer;
import io.rta.influx.InfluxDataServer;
import io.rta.influx.InfluxOptions;
import io.rta.server.RtaServer;
import io.rta.server.ServerOptions;
import io.rta.server.StandaloneService;
import io.rta.server.StartupPhases;
import io.rta.server.bench.AuthBench;
import io.rta.server.demo.Demo;
import io.rta.server.demo.DemoOptions;
import io.rta.server.bench.AuthBenchOptions;
import io.rta.server.bench.BenchOptions;
import io.rta.server.bench.DataBench;
import io.rta.server.bench.DataBenchOptions;
import io.rta.server.bench.FileBench;
import io.rta.server.bench.FileBenchOptions;
import io.rta.server.bench.GatewayBench;
import io.rta.server.bench.GatewayBenchOptions;
import io.rta.server.bench.InfluxBench;
import io.rta.server.bench.InfluxBenchOptions;
import io.rta.server.bench.LiveBench;
import io.rta.server.bench.LiveBenchOptions;
import io.rta.server.bench.SessionBench;
import io.rta.server.bench.ViewerBench;
import io.rta.server.bench.ViewerBenchOptions;
import io.rta.server.embedded.EmbeddedCluster;
import ch.qos.logback.classic.Level;
import io.rta.server.replay.Replay;
import io.rta.server.replay.ReplayOptions;
import io.rta.service.config.EffectiveOptions;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.logging.LogSettings;
import io.rta.service.logging.LogSetup;
import io.rta.stream.StreamServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ./rta} command line: {@code server}, {@code session-service}, {@code config-service},
 * {@code data-service}, {@code stream-service}, {@code gateway}, {@code influx-data-service},
 * {@code file-data-service}, {@code cluster},
 * {@code bench sessions}, {@code bench data}, {@code bench live}, {@code bench gateway}, {@code bench auth},
 * {@code replay}, {@code index files}, {@code demo}, {@code dev-cert}, {@code help}.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        int logging = configureLogging(args, System.getenv(), Path.of("").toAbsolutePath(), System.err);
        System.exit(logging != OK ? logging : run(args, System.out, System.err));
    }

    /**
     * Configures logging from {@code LogFormat}, {@code LogLevel} and {@code LogLevels} before anything logs, so
     * they hold from the process's first line. A benchmark or a replay logs to stderr at WARN unless LogLevel is set:
     * its stdout is the report, and its progress lines should not drown in the embedded server's.
     *
     * @return {@link #OK}, or {@link #USAGE} after saying which logging option is bad
     */
    static int configureLogging(String[] args, Map<String, String> env, Path workingDir, PrintStream err) {
        // a bench's, a replay's and an index's stdout is their report; their logs go to stderr
        boolean bench = args.length > 0 && (args[0].equals("bench") || args[0].equals("replay")
                || args[0].equals("index"));
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            LogSettings settings = LogSettings.load(rest, env, workingDir, bench ? Level.WARN : Level.INFO);
            LogSetup.configure(settings, bench ? System.err : System.out);
            return OK;
        } catch (IllegalArgumentException e) {
            err.println("rta" + (args.length == 0 ? "" : " " + args[0]) + ": " + e.getMessage());
            return USAGE;
        }
    }

    /** Runs one subcommand and returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(err);
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "server":
                    runServer(logged("server", ServerOptions.load(rest)));
                    return OK;
                case "stream-service":
                    runUntilStopped(StreamServer.start(logged("stream-service", StreamServer.load(rest))));
                    return OK;
                case "session-service":
                    return runStandalone(StandaloneService.Kind.SESSION, rest);
                case "config-service":
                    return runStandalone(StandaloneService.Kind.CONFIG, rest);
                case "data-service":
                    return runStandalone(StandaloneService.Kind.DATA, rest);
                case "schema-mapping-service":
                    return runStandalone(StandaloneService.Kind.SCHEMA_MAPPING, rest);
                case "gateway":
                    runUntilStopped(GatewayServer.start(logged("gateway", GatewayOptions.load(rest))));
                    return OK;
                case "influx-data-service":
                    runUntilStopped(InfluxDataServer.start(logged("influx-data-service",
                            InfluxOptions.load(rest))));
                    return OK;
                case "file-data-service":
                    runUntilStopped(FileDataServer.start(logged("file-data-service", FileOptions.load(rest))));
                    return OK;
                case "cluster":
                    runCluster(logged("cluster", EmbeddedCluster.load(rest)), out);
                    return OK;
                case "bench":
                    return bench(rest, out, err);
                case "replay":
                    return Replay.run(rest, out, err);
                case "index":
                    return index(rest, out, err);
                case "dev-cert":
                    return DevCert.run(rest, out);
                case "demo":
                    return Demo.run(rest, out, err);
                case "help":
                case "--help":
                case "-h":
                    usage(out);
                    return OK;
                default:
                    err.println("Unknown command '" + args[0] + "'.");
                    usage(err);
                    return USAGE;
            }
        } catch (IllegalArgumentException e) {
            err.println("rta " + args[0] + ": " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            // what went wrong first, with its causes (a Kafka client's "Failed to create" hides the reason in its
            // cause; a file system error's message is only the path), then the trace for whoever debugs it
            err.println("rta " + args[0] + " failed: " + causes(e));
            e.printStackTrace(err);
            return FAILED;
        }
    }

    /** {@code e}'s message and its causes' (each once), naming the exception where a message alone says little. */
    static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            String part = t instanceof java.nio.file.FileSystemException fs
                    ? t.getClass().getSimpleName() + ": " + fs.getFile()
                    + (fs.getReason() == null ? "" : " (" + fs.getReason() + ")")
                    : message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
            if (text.indexOf(part) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(part);
            }
        }
        return text.toString();
    }

    /** Logs the options a command runs with (secrets masked), its first line. */
    private static Options logged(String command, Options options) {
        EffectiveOptions.log(LOG, command, options);
        return options;
    }

    /** Runs the all-in-one server until the process is asked to stop (Ctrl-C, SIGTERM), then stops it cleanly. */
    static void runServer(Options options) throws Exception {
        runUntilStopped(RtaServer.start(options, StartupPhases.sinceProcessStart()));
    }

    /** Runs one standalone service until the process is asked to stop. */
    private static int runStandalone(StandaloneService.Kind kind, String[] args) throws Exception {
        runUntilStopped(StandaloneService.start(kind, logged(kind.command(), StandaloneService.load(kind, args))));
        return OK;
    }

    /** Runs the embedded broker and registry alone until the process is asked to stop; says how to reach them. */
    static void runCluster(Options options, PrintStream out) throws Exception {
        EmbeddedCluster cluster = EmbeddedCluster.start(options);
        out.println("RTA cluster ready (Ctrl-C stops it). Services reach it with:");
        out.println("  --BootstrapServers " + cluster.bootstrapServers());
        out.println("  --RegistryUrl " + cluster.registryUrl());
        out.flush();
        runUntilStopped(cluster);
    }

    /** Keeps a started service running until the process is asked to stop, then closes it. */
    private static void runUntilStopped(AutoCloseable server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }, "rta-shutdown"));
        stopped.await();
    }

    /** Runs a benchmark: figures to {@code out}, progress to {@code err}. */
    private static int bench(String[] args, PrintStream out, PrintStream err) throws Exception {
        String[] options = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "sessions":
                return SessionBench.run(options, out, err);
            case "data":
                return DataBench.run(options, out, err);
            case "live":
                return LiveBench.run(options, out, err);
            case "gateway":
                return GatewayBench.run(options, out, err);
            case "auth":
                return AuthBench.run(options, out, err);
            case "influx":
                return InfluxBench.run(options, out, err);
            case "files":
                return FileBench.run(options, out, err);
            case "viewer":
                return ViewerBench.run(options, out, err);
            default:
                err.println("Unknown benchmark" + (args.length == 0 ? "" : " '" + args[0] + "'") + ".");
                usage(err);
                return USAGE;
        }
    }

    /** Runs an index: one line per file and a summary to {@code out}. */
    private static int index(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || !args[0].equals("files")) {
            err.println("Unknown index" + (args.length == 0 ? "" : " '" + args[0] + "'") + ": use ./rta index files.");
            usage(err);
            return USAGE;
        }
        return FileIndex.run(Arrays.copyOfRange(args, 1, args.length), out);
    }

    private static void usage(PrintStream out) {
        out.println("Usage:");
        out.println("  ./rta server [--Option value ...]   run the all-in-one server (embedded broker and registry"
                + " unless BootstrapServers / RegistryUrl are set)");
        out.println("  ./rta stream-service [...]          run the live stream service alone (WebSocket), against the"
                + " cluster BootstrapServers / RegistryUrl name, or a Redis (RedisConnectionString)");
        out.println("  ./rta session-service [...]         run the session service alone (Session REST API, SessionStore"
                + " gRPC, the internal data-bindings route) against the cluster BootstrapServers / RegistryUrl name");
        out.println("  ./rta config-service [...]          run the config service alone (Config REST API, ConfigStore"
                + " gRPC) against the cluster BootstrapServers / RegistryUrl name");
        out.println("  ./rta data-service [...]            run the data service alone (DataWriter / DataReader gRPC and"
                + " the data REST routes, by data identity: no session needed) against the cluster BootstrapServers"
                + " / RegistryUrl name");
        out.println("  ./rta schema-mapping-service [...]  run the schema mapping service alone (SchemaMappingStore"
                + " gRPC) against the cluster BootstrapServers / RegistryUrl name");
        out.println("  ./rta gateway [...]                 run the gateway alone (HTTP, no gRPC): the REST API for ATLAS in"
                + " front of the services SessionServiceUri, ConfigServiceUri, DataServiceUris:<source> and"
                + " StreamServiceUri name");
        out.println("  ./rta influx-data-service [...]     run the InfluxDB data adapter alone (HTTP, no gRPC, no Kafka):"
                + " the data REST routes by data identity (an InfluxQL filter expression), read from InfluxUri"
                + " through the schema mappings of DataSource at SchemaMappingGrpcUri");
        out.println("  ./rta file-data-service [...]       serve Parquet and CSV files under Root in place (HTTP, no gRPC,"
                + " no Kafka): the data REST routes by data identity (a file or glob relative to Root) through the"
                + " schema mappings of DataSource at SchemaMappingGrpcUri");
        out.println("  ./rta cluster [...]                 run only the embedded single-node Kafka broker and the schema"
                + " registry (KafkaPort, RegistryPort, DataPath as for server) and print the BootstrapServers and"
                + " RegistryUrl services use");
        out.println("  ./rta bench sessions [...]          load sessions through gRPC and print ingest and query"
                + " figures (an embedded server for the run unless HttpUrl and GrpcAddress name one; server options"
                + " configure it)");
        out.println("  ./rta bench data [...]              write telemetry through gRPC, read it back through REST and"
                + " print write and read throughput and bytes stored per sample, next to a plain Kafka producer's"
                + " (an embedded server for the run unless HttpUrl and GrpcAddress name one; server options"
                + " configure it)");
        out.println("  ./rta bench live [...]              follow a live session with many WebSocket clients while"
                + " telemetry is ingested through gRPC, and print ingest-to-client latency and delivered samples/s"
                + " (an embedded server for the run unless HttpUrl and GrpcAddress name one)");
        out.println("  ./rta bench gateway [...]           write telemetry, then time fast-path reads of it straight from"
                + " the data route and through a gateway in the same JVM (untransformed, time shift + channel mapping,"
                + " clipped) and print samples/s (an embedded server for the run unless HttpUrl and GrpcAddress name"
                + " one)");
        out.println("  ./rta bench auth [...]              load the same sessions and telemetry into two embedded servers,"
                + " one with EnableAuth (an issuer in the same JVM), then time session queries (p99) and data reads"
                + " (samples/s) on both, interleaved, and print auth on / off");
        out.println("  ./rta bench influx [...]            write doubles into InfluxDB (a local influxd unless InfluxUri"
                + " names one), then time the same full read straight from InfluxDB and through the Influx data"
                + " service in this JVM, interleaved, and print samples/s and adapter time / direct time (schema"
                + " mappings in an embedded server unless HttpUrl and GrpcAddress name one)");
        out.println("  ./rta bench files [...]             write a Parquet file of doubles with DuckDB, then time a bare"
                + " DuckDB scan of its columns and the file data service's read of them in this JVM, interleaved, and"
                + " print samples/s and service rate / bare rate (schema mappings in an embedded server unless"
                + " HttpUrl and GrpcAddress name one)");
        out.println("  ./rta bench viewer [...]            in a headless Chromium (Debian chromium + chromium-driver), time"
                + " the viewer's first plot of the demo race's 10 M-sample channel and its frame times while"
                + " following a live session of 50 channels at 1 kHz (an embedded server unless HttpUrl and"
                + " GrpcAddress name one)");
        out.println("  ./rta replay [...]                  rebuild the views from the live event topics (TopicPrefix)"
                + " into topics of their own (ReplayPrefix), with progress; Verify compares them with the live"
                + " views");
        out.println("  ./rta index files [...]             index Parquet and CSV files under Root in place: per file, a"
                + " config from its numeric columns (ConfigServiceUri), its schema mapping (SchemaMappingGrpcUri) and"
                + " a session bound to DataSource (SessionServiceUri); re-running changes nothing; exit code 1 when a"
                + " file was skipped");
        out.println("  ./rta dev-cert [--Dir d --Hosts h]  make a local CA and a certificate it signs for this machine"
                + " (ca.pem, ca-key.pem, cert.pem, key.pem), to try TLS; prints the Tls options to use");
        out.println("  ./rta demo [...]                    write demo sessions to a running server over gRPC (GrpcUri): a"
                + " race with laps, events and a 10 M-sample channel, test sessions in folders, optionally a live"
                + " session (LiveSeconds) - to look at in the viewer at /ui/");
        out.println("  ./rta help                          show this help");
        out.println();
        out.println("Options (also RTA_<NAME> environment variables, ':' written '__', or a JSON --Config file):");
        describe(out, ServerOptions.ALL);
        out.println();
        out.println("Options of stream-service (besides BootstrapServers, RegistryUrl, TopicPrefix, LogFormat,"
                + " LogLevel, LogLevels, the Auth and Tls options and the live streaming options above):");
        describe(out, List.of(StreamServer.HTTP_PORT, StreamServer.HTTPS_PORT, StreamServer.CHUNK_APPLICATION_ID));
        out.println();
        out.println("Options of session-service, config-service, data-service and schema-mapping-service:"
                + " BootstrapServers and RegistryUrl (required: they start no embedded broker or registry),"
                + " TopicPrefix, WriteTimeout, MaxWriteLag,"
                + " Partitions, ReplicationFactor, BindAddress, AdminPort, ServiceInfo:Label,"
                + " ServiceInfo:Description, LogFormat, LogLevel, LogLevels, the Kafka Streams options (CommitInterval,"
                + " StreamThreads, StandbyReplicas, StreamsTaskTimeout, AdvertisedHost), StartupTimeout,"
                + " GrpcMaxMessageSize, MaxConfigSize, MaxSchemaMappingSize, IdleReadTimeout, the limits, the Auth and"
                + " Tls options, as above;"
                + " and their own:");
        for (StandaloneService.Kind kind : StandaloneService.Kind.values()) {
            out.println("  " + kind.command() + ": --HttpPort (default " + kind.httpPort().documentedDefault()
                    + "), --GrpcPort (default " + kind.grpcPort().documentedDefault() + "), --Tls:HttpsPort (default "
                    + kind.httpsPort().documentedDefault() + "), --DataPath (default ./data/"
                    + kind.command() + "-<HttpPort>; one per replica on a machine); Kafka Streams application "
                    + "<TopicPrefix>rta-"
                    + kind.command());
        }
        out.println();
        out.println("Options of gateway (besides BindAddress, AdminPort, LogFormat, LogLevel, LogLevels, ServiceInfo:*"
                + ", the HTTP limits and the Auth and Tls options above):");
        describe(out, GatewayOptions.OWN);
        describe(out, List.of(GatewayOptions.HTTPS_PORT));
        out.println();
        out.println("Options of influx-data-service (besides BindAddress, AdminPort, LogFormat, LogLevel, LogLevels,"
                + " ServiceInfo:*, the HTTP limits and the Auth and Tls options above):");
        describe(out, InfluxOptions.OWN);
        describe(out, List.of(InfluxOptions.HTTPS_PORT));
        out.println();
        out.println("Options of file-data-service (besides BindAddress, AdminPort, LogFormat, LogLevel, LogLevels,"
                + " ServiceInfo:*, the HTTP limits and the Auth and Tls options above):");
        describe(out, FileOptions.OWN);
        describe(out, List.of(FileOptions.HTTPS_PORT));
        out.println();
        out.println("Options of cluster: " + String.join(", ", EmbeddedCluster.OPTIONS.stream().map(OptionDef::name)
                .toList()) + " (as above).");
        out.println();
        out.println("Benchmarks print progress and log (at WARN unless LogLevel is set) to stderr, and the result"
                + " table last, to stdout; exit code 0 whether figures PASS or MISS, 1 when a step FAILED (the"
                + " server under test failed it), 2 for bad options.");
        out.println();
        out.println("Options of bench sessions:");
        describe(out, BenchOptions.OWN);
        out.println();
        out.println("Options of bench data (and HttpUrl, GrpcAddress, Json as above):");
        describe(out, DataBenchOptions.OWN.stream().filter(def -> !BenchOptions.OWN.contains(def)).toList());
        out.println();
        out.println("Options of bench live (and HttpUrl, GrpcAddress, Json as above):");
        describe(out, LiveBenchOptions.OWN.stream().filter(def -> !BenchOptions.OWN.contains(def)).toList());
        out.println();
        out.println("Options of bench gateway (and HttpUrl, GrpcAddress, Json as above):");
        describe(out, GatewayBenchOptions.OWN.stream().filter(def -> !BenchOptions.OWN.contains(def)).toList());
        out.println();
        out.println("Options of bench auth (and Sessions, Details, Folders, Concurrency, Queries, Warmup, Streams,"
                + " Channels, Passes, Signal, FlushMiB, Json as above):");
        describe(out, List.of(AuthBenchOptions.SAMPLES));
        out.println();
        out.println("Options of bench influx (and HttpUrl, GrpcAddress, Json as above):");
        describe(out, InfluxBenchOptions.OWN.stream().filter(def -> !BenchOptions.OWN.contains(def)).toList());
        out.println();
        out.println("Options of bench files (and HttpUrl, GrpcAddress, Json as above):");
        describe(out, FileBenchOptions.OWN.stream().filter(def -> !BenchOptions.OWN.contains(def)).toList());
        out.println();
        out.println("Options of bench viewer (and HttpUrl, GrpcAddress, Json as above):");
        describe(out, ViewerBenchOptions.OWN.stream().filter(def -> !BenchOptions.OWN.contains(def)).toList());
        out.println();
        out.println("Options of index files (and LogFormat, LogLevel, LogLevels as above; logs go to stderr at WARN"
                + " unless LogLevel is set):");
        describe(out, IndexOptions.OWN);
        out.println("  Auth:ClientId, Auth:ClientSecret, Auth:TokenScope, Auth:Authority: when the services need a"
                + " token, the index's own OAuth 2.0 client (client-credentials flow); the token asks for"
                + " Auth:WriteScope (default rta.write) unless Auth:TokenScope is set.");
        out.println();
        out.println("Options of demo (a server without EnableAuth):");
        describe(out, DemoOptions.ALL.stream().filter(def -> def != RtaOptions.CONFIG && def != RtaOptions.LOG_LEVEL
                && def != RtaOptions.LOG_LEVELS).toList());
        out.println();
        out.println("Options of dev-cert:");
        describe(out, DevCert.OPTIONS);
        out.println();
        out.println("Options of replay (and BootstrapServers, RegistryUrl, TopicPrefix, DataPath and the limits as"
                + " above; empty BootstrapServers / RegistryUrl mean the embedded ones of ./rta server on this"
                + " machine):");
        describe(out, ReplayOptions.OWN);
    }

    private static void describe(PrintStream out, List<OptionDef> defs) {
        for (OptionDef def : defs) {
            String shownDefault = def.documentedDefault().isEmpty() ? "" : " (default " + def.documentedDefault() + ")";
            out.println("  --" + def.name() + shownDefault);
            out.println("      " + def.doc());
        }
    }
}
