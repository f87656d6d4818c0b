package io.rta.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.service.tls.Pem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintUsageWithEveryOptionForHelp() {
        assertThat(run("help")).isEqualTo(Main.OK);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("./rta server [--Option value ...]")
                .contains("--HttpPort (default 8080)")
                .contains("--ServiceInfo:Label")
                .contains("./rta bench sessions")
                .contains("--Sessions (default 100000)")
                .contains("--WarmupRounds (default 6)")
                .contains("--Concurrency")
                .contains("./rta cluster [...]")
                .contains("Options of cluster: Config, DataPath, KafkaPort, RegistryPort, RegistryJar, TopicPrefix")
                .contains("--StreamsTaskTimeout (default 300000)")
                .contains("--IdleReadTimeout (default 30000)")
                .contains("./rta bench data")
                .contains("--Samples (default 60000000)")
                .contains("--Signal (default sine)")
                .contains("--LogLevel (default INFO)")
                .contains("--LogLevels")
                .contains("--Json")
                .contains("1 when a step FAILED");
    }

    @Test
    void shouldReportABadDataBenchOptionWithoutAStackTrace() {
        assertThat(run("bench", "data", "--Signal", "square")).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rta bench: Option Signal = 'square'");
    }

    @Test
    void shouldReportABadClusterOptionWithoutAStackTrace() {
        assertThat(run("cluster", "--HttpPort", "8080")).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rta cluster: ").contains("HttpPort")
                .doesNotContain("\tat ");
    }

    /** A failure's first line says what went wrong, reasons hidden in causes or in a bare path included. */
    @Test
    void shouldNameEveryCauseOfAFailureInItsFirstLine() {
        Exception kafka = new org.apache.kafka.common.KafkaException("Failed to create new KafkaAdminClient",
                new org.apache.kafka.common.config.ConfigException("No resolvable bootstrap urls given in "
                        + "bootstrap.servers"));
        assertThat(Main.causes(kafka)).isEqualTo("Failed to create new KafkaAdminClient: No resolvable bootstrap "
                + "urls given in bootstrap.servers");
        assertThat(Main.causes(new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException(
                "/var/lib/rta")))).isEqualTo("java.nio.file.AccessDeniedException: /var/lib/rta");
        assertThat(Main.causes(new java.nio.file.AccessDeniedException("/var/lib/rta")))
                .isEqualTo("AccessDeniedException: /var/lib/rta");
        assertThat(Main.causes(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void shouldPrintUsageForAnUnknownCommand() {
        assertThat(run("serve")).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Unknown command 'serve'.").contains("Usage:");
    }

    @Test
    void shouldPrintUsageForAnUnknownBenchmark() {
        assertThat(run("bench", "folders")).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Unknown benchmark 'folders'.");
    }

    @Test
    void shouldReportABadBenchOptionWithoutAStackTrace() {
        assertThat(run("bench", "sessions", "--Sesions", "10")).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rta bench: Unknown option --Sesions");
    }

    @Test
    void shouldRefuseAnHttpUrlWithoutAGrpcAddress() {
        assertThat(run("bench", "sessions", "--HttpUrl", "http://127.0.0.1:1")).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HttpUrl and GrpcAddress go together");
    }

    @Test
    void shouldReportABadServerOptionWithoutAStackTrace() {
        assertThat(run("server", "--HttpPrt", "1")).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rta server: Unknown option --HttpPrt");
    }

    @Test
    void shouldReportABadReplayOptionWithoutAStackTraceBeforeReachingKafka() {
        assertThat(run("replay", "--From", "yesterday")).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("rta replay: From 'yesterday': expected an "
                + "ISO-8601 instant such as 2026-01-01T00:00:00Z" + System.lineSeparator());
    }

    @Test
    void shouldDescribeReplayAndItsOptionsInTheUsage() {
        assertThat(run("help")).isEqualTo(Main.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("./rta replay [...]", "Options of replay",
                "--ReplayPrefix (default replay-<yyyyMMdd-HHmmss>.)", "--From", "--Verify (default false)",
                "--VerifyOnly", "--ProgressInterval (default 5000)");
    }

    @Test
    void shouldRefuseToStartAStandaloneServiceWithoutBootstrapServersNamingTheOption() {
        for (String command : new String[] {"session-service", "config-service", "data-service"}) {
            err.reset();
            assertThat(run(command, "--RegistryUrl", "http://127.0.0.1:1/apis/ccompat/v7")).isEqualTo(Main.USAGE);

            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rta " + command + ": the " + command
                    + " needs BootstrapServers").doesNotContain("\tat ");
        }
    }

    @Test
    void shouldRefuseToStartAStandaloneServiceWithoutRegistryUrlNamingTheOption() {
        assertThat(run("data-service", "--BootstrapServers", "127.0.0.1:1")).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rta data-service: the data-service needs "
                + "RegistryUrl");
    }

    @Test
    void shouldRefuseToStartTheInfluxDataServiceWithoutARequiredOptionNamingIt() {
        assertThat(run("influx-data-service", "--SchemaMappingGrpcUri", "http://127.0.0.1:1/", "--InfluxUri",
                "http://127.0.0.1:1/")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rta influx-data-service: the "
                + "influx-data-service needs option DataSource").doesNotContain("\tat ");

        err.reset();
        assertThat(run("influx-data-service", "--DataSource", "influx", "--SchemaMappingGrpcUri",
                "http://127.0.0.1:1/")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs option InfluxUri");

        err.reset();
        assertThat(run("influx-data-service", "--DataSource", "influx", "--SchemaMappingGrpcUri",
                "http://127.0.0.1:1/", "--InfluxUri", "http://127.0.0.1:1/", "--MaxFrequency", "0"))
                .isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("MaxFrequency '0' is not a positive number");
    }

    @Test
    void shouldRefuseToStartTheFileDataServiceWithoutARootThatExistsNamingTheOption() {
        assertThat(run("file-data-service", "--SchemaMappingGrpcUri", "http://127.0.0.1:1/")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rta file-data-service: the "
                + "file-data-service needs option Root").doesNotContain("\tat ");

        err.reset();
        assertThat(run("file-data-service", "--Root", "/no/such/root/dir", "--SchemaMappingGrpcUri",
                "http://127.0.0.1:1/")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option Root '/no/such/root/dir' is not an "
                + "existing directory");

        err.reset();
        assertThat(run("file-data-service", "--Root", ".")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs option SchemaMappingGrpcUri");
    }

    @Test
    void shouldDescribeTheFileDataServiceAndItsOptionsInTheUsage() {
        assertThat(run("help")).isEqualTo(Main.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("./rta file-data-service [...]",
                "Options of file-data-service", "--DataSource (default files)", "--Root", "--CacheSize",
                "--MaxFiles (default 1000)", "--EngineMemoryLimit (default 1GB)", "--HttpPort (default 2695)",
                "--Tls:HttpsPort (default 2696)");
    }

    @Test
    void shouldRefuseToIndexFilesWithoutARequiredOptionNamingIt(@TempDir Path root) {
        assertThat(run("index", "files", "--SessionServiceUri", "http://127.0.0.1:1/")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rta index: option Root is required")
                .doesNotContain("\tat ");

        err.reset();
        assertThat(run("index", "files", "--Root", root.toString(), "--SessionServiceUri", "http://127.0.0.1:1/",
                "--ConfigServiceUri", "http://127.0.0.1:1/")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option SchemaMappingGrpcUri is required");

        err.reset();
        assertThat(run("index", "files", "--Root", root.toString(), "--TimeUnit", "days")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option TimeUnit 'days': use ns, us, ms or s");

        err.reset();
        assertThat(run("index", "files", "--Root", root.toString(), "--Layout", "wide")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option Layout 'wide': use columns or row");

        err.reset();
        assertThat(run("index", "files", "--Root", root.toString(), "--GroupBy", "run")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option GroupBy 'run': use file or directory");

        err.reset();
        assertThat(run("index", "files", "--Root", root.toString(), "--Prune", "maybe")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option Prune 'maybe': use false, true or all");

        err.reset();
        assertThat(run("index", "files", "--Root", root.toString(), "--SessionServiceUri", "localhost:2652",
                "--ConfigServiceUri", "http://127.0.0.1:1/", "--SchemaMappingGrpcUri", "http://127.0.0.1:1/"))
                .isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option SessionServiceUri 'localhost:2652' is not "
                + "an http:// or https:// URI");

        err.reset();
        assertThat(run("index", "sessions")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Unknown index 'sessions'");
    }

    @Test
    void shouldDescribeIndexFilesAndItsOptionsInTheUsage() {
        assertThat(run("help")).isEqualTo(Main.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("./rta index files [...]",
                "Options of index files", "--SessionServiceUri", "--ConfigServiceUri", "--TimeColumn (default time)",
                "--TimeUnit (default ns)", "--Layout (default columns)", "--GroupBy (default file)",
                "--Prune (default false)",
                "--App (default Files)", "Auth:ClientId, Auth:ClientSecret");
    }

    @Test
    void shouldDescribeTheInfluxDataServiceAndItsOptionsInTheUsage() {
        assertThat(run("help")).isEqualTo(Main.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("./rta influx-data-service [...]",
                "Options of influx-data-service", "--DataSource", "--SchemaMappingGrpcUri", "--InfluxUri",
                "--InfluxHealthCheckPath (default /health)", "--MaxFrequency (default 100)",
                "--SchemaMappingDefaults:Dialect (default influxql)", "--SchemaMappingDefaults:InfluxQL:Database",
                "--SchemaMappingDefaults:InfluxQL:RetentionPolicy (default autogen)",
                "--SchemaMappingDefaults:InfluxQL:Measurement", "--HttpPort (default 2690)",
                "--Tls:HttpsPort (default 2691)");
    }

    @Test
    void shouldDescribeTheStandaloneServicesAndTheirPortsInTheUsage() {
        assertThat(run("help")).isEqualTo(Main.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("./rta session-service [...]",
                "./rta config-service [...]", "./rta data-service [...]",
                "session-service: --HttpPort (default 2650), --GrpcPort (default 2652)",
                "config-service: --HttpPort (default 2660), --GrpcPort (default 2662)",
                "data-service: --HttpPort (default 2670), --GrpcPort (default 2672)", "--ChunkApplicationId");
    }

    @Test
    void shouldMakeADevCaAndACertificateForTheHostsAndKeepTheCaOnTheNextRun(@TempDir Path dir) throws Exception {
        assertThat(run("dev-cert", "--Dir", dir.toString(), "--Hosts", "localhost,127.0.0.1,rta.test"))
                .isEqualTo(Main.OK);
        String ca = Files.readString(dir.resolve("ca.pem"));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--Tls:CertificatePath " + dir.resolve("cert.pem")
                + " --Tls:KeyPath " + dir.resolve("key.pem"), "--Tls:ClientCaPath " + dir.resolve("ca.pem"));
        List<X509Certificate> chain = Pem.certificates("cert", dir.resolve("cert.pem"));
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactly((Object) "localhost", "127.0.0.1", "rta.test");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca-key.pem"))))
                .isEqualTo("rw-------");

        out.reset();
        assertThat(run("dev-cert", "--Dir", dir.toString(), "--Hosts", "other.test")).isEqualTo(Main.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Kept the CA");
        assertThat(Files.readString(dir.resolve("ca.pem"))).isEqualTo(ca);
        assertThat(Pem.certificates("cert", dir.resolve("cert.pem")).get(0).getIssuerX500Principal())
                .isEqualTo(chain.get(1).getSubjectX500Principal());
    }

    @Test
    void shouldRefuseDevCertHostsThatAreNotHostNames(@TempDir Path dir) {
        assertThat(run("dev-cert", "--Dir", dir.toString(), "--Hosts", "localhost,bad host")).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rta dev-cert: Hosts: 'bad host' is not a host "
                + "name or IP address");
    }

    @Test
    void shouldRefuseHalfATlsConfigurationNamingTheOptionBeforeStartingAnything(@TempDir Path dir)
            throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "");
        for (String command : new String[] {"server", "stream-service"}) {
            err.reset();
            assertThat(run(command, "--Tls:CertificatePath", cert.toString())).isEqualTo(Main.USAGE);

            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rta " + command + ": Tls:CertificatePath "
                    + "is set but Tls:KeyPath is not").doesNotContain("\tat ");
        }
    }

    @Test
    void shouldDescribeTheTlsOptionsAndTheirPortsInTheUsage() {
        assertThat(run("help")).isEqualTo(Main.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("./rta dev-cert", "--Tls:CertificatePath",
                "--Tls:KeyPath", "--Tls:ClientCaPath", "--Tls:HttpsPort (default 8081)", "--Tls:DisableHttp (default "
                        + "false)", "--Tls:HttpsPort (default 8091)", "--Tls:HttpsPort (default 8443)",
                "session-service: --HttpPort (default 2650), --GrpcPort (default 2652), --Tls:HttpsPort (default 2651)",
                "Options of dev-cert:", "--Hosts (default localhost,127.0.0.1,::1,<hostname>)");
    }
}
