package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.Status;
import io.rta.it.data.ChunkedWireDecoder;
import io.rta.it.data.Samples;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.GetConfigRequest;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.data.DataReaderGrpc;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.session.ConfigBinding;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.ListSessionsRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.proto.toolkit.session.SessionUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The microservices deployment with auth on and access policies, as separate OS processes: {@code ./rta cluster}, a
 * session service, a config service, two data-service replicas of source {@code store} and the gateway, every one
 * with {@code EnableAuth}, our provider ({@code Auth:Authority}), a partner's provider ({@code Auth:Issuers:partner})
 * and two policies: our tokens see everything, partner tokens whose {@code cars} claim holds 7 see the sessions with
 * {@code details.car = "7"}. The gateway has a client of its own ({@code Auth:ClientId}, granted
 * {@code rta.internal}) for the session service's internal {@code /data-bindings} and {@code DataServiceUris:store}
 * = the first data replica. Both providers (mock-oauth2-server) run in the test JVM; every request goes over a real
 * socket.
 *
 * <p>Checked: through the gateway with our token, the session list, a session, its config and its data through the
 * bindings, also of data identities whose partition the <b>other</b> replica owns (the first relays the read to the
 * owner with the caller's token, and the owner checks it); a partner token sees only car 7 through the gateway (list,
 * GET, config, data) and directly on the data services (REST and gRPC by data identity: car 9's data reads as an
 * empty stream, as an identity without data does) and the config service; no token is refused by every service's
 * REST routes and gRPC ports while {@code /health} and {@code /rta/v2/info} stay open; a user's token cannot read
 * {@code /data-bindings}.
 */
class MicroservicesAuthIT {

    private static final Duration START = Duration.ofMinutes(5);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final String ISSUER_ID = "rta";
    private static final String AUDIENCE = "rta-api";
    private static final String PARTNER_ID = "partner";
    private static final String PARTNER_AUDIENCE = "partner-api";
    private static final String FORWARDED = "X-RTA-Forwarded";
    private static final String TIMESTAMP = "2024-06-01T10:00:00Z";
    private static final String SOURCE = "store";

    /**
     * Car 7's sessions, each bound to a data identity of its own: enough identities that (almost surely, as in
     * MicroservicesIT) some hash to partitions the second replica owns.
     */
    private static final int CAR7_RUNS = 8;
    private static final String CAR9 = "ma-car9";
    private static final String CAR9_DATA = "ma/car9 run";
    private static final String CFG7 = "ma-cfg7";
    private static final String CFG9 = "ma-cfg9";

    private static final List<StandaloneProcess> STARTED = new CopyOnWriteArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static MockOAuth2Server provider;
    private static MockOAuth2Server partner;
    private static ClusterProcess cluster;
    private static StandaloneProcess sessions;
    private static StandaloneProcess configs;
    private static StandaloneProcess store1;
    private static StandaloneProcess store2;
    private static StandaloneProcess gateway;
    private static String reader;
    private static String writer;
    private static String car7;
    /** Each car 7 data identity's owner among the two replicas. */
    private static final Map<String, StandaloneProcess> OWNERS = new LinkedHashMap<>();

    @BeforeAll
    static void startTheDeploymentAndWrite() throws IOException {
        provider = OidcProviders.startGrantingScopes(ISSUER_ID, "rta.internal");
        partner = OidcProviders.startWithOwnKeys();
        reader = OidcProviders.token(provider, ISSUER_ID, List.of(AUDIENCE), Map.of(), 3600);
        writer = OidcProviders.token(provider, ISSUER_ID, List.of(AUDIENCE), Map.of("scope", "rta.write"), 3600);
        car7 = OidcProviders.token(partner, PARTNER_ID, List.of(PARTNER_AUDIENCE), Map.of("cars", List.of("7")),
                3600);
        cluster = ClusterProcess.start(START);
        String[] auth = authOptions();
        var session = startAsync("session-service", auth);
        var config = startAsync("config-service", auth);
        var data1 = startAsync("data-service", auth);
        var data2 = startAsync("data-service", auth);
        CompletableFuture.allOf(session, config, data1, data2).join();
        sessions = session.join();
        configs = config.join();
        store1 = data1.join();
        store2 = data2.join();
        gateway = started(StandaloneProcess.startHttpOnly("gateway", START, Stream.concat(Stream.of(
                "--SessionServiceUri", sessions.baseUrl() + "/", "--ConfigServiceUri", configs.baseUrl(),
                "--DataServiceUris:" + SOURCE, store1.baseUrl() + "/",
                "--Auth:ClientId", "rta-gateway", "--Auth:ClientSecret", "gateway-secret",
                "--Auth:TokenScope", AUDIENCE + " rta.internal"), Stream.of(auth)).toArray(String[]::new)));
        write();
    }

    /** The same auth settings for every process: our provider, the partner's, and the two policies. */
    private static String[] authOptions() {
        return new String[] {"--EnableAuth", "true",
            "--Auth:Authority", provider.issuerUrl(ISSUER_ID).toString(), "--Auth:Audience", AUDIENCE,
            "--Auth:Issuers:partner:Authority", partner.issuerUrl(PARTNER_ID).toString(),
            "--Auth:Issuers:partner:Audience", PARTNER_AUDIENCE,
            "--Auth:Policies:team:Issuer", "default",
            "--Auth:Policies:car7:Issuer", "partner", "--Auth:Policies:car7:Claim", "cars",
            "--Auth:Policies:car7:Value", "7", "--Auth:Policies:car7:Query", "{\"details.car\": \"7\"}"};
    }

    private static CompletableFuture<StandaloneProcess> startAsync(String command, String... options) {
        return CompletableFuture.supplyAsync(() -> started(StandaloneProcess.start(command, cluster, START, options)));
    }

    private static StandaloneProcess started(StandaloneProcess process) {
        STARTED.add(process);
        return process;
    }

    /**
     * As a pipeline would, with a write token: telemetry to the first data replica over gRPC, two configs to the
     * config service, the sessions (bound to the data and the configs) to the session service; then waits until
     * every service's view holds them (the config and data services load the session view for the policies).
     */
    private static void write() {
        for (int run = 0; run < CAR7_RUNS; run++) {
            writeData(car7Data(run), data(run));
        }
        writeData(CAR9_DATA, data(CAR7_RUNS));
        for (String config : List.of(CFG7, CFG9)) {
            ConfigStoreGrpc.newBlockingStub(authorized(configs.channel(), writer))
                    .withDeadlineAfter(60, TimeUnit.SECONDS).putConfig(PutConfigRequest.newBuilder()
                            .setIdentifier(config).setContentType("application/vnd.mat.config+json")
                            .setData(ByteString.copyFrom("{\"demo\": {}}", StandardCharsets.UTF_8)).build());
        }
        SessionStoreGrpc.SessionStoreBlockingStub store = SessionStoreGrpc.newBlockingStub(authorized(
                sessions.channel(), writer));
        for (int run = 0; run < CAR7_RUNS; run++) {
            store.withDeadlineAfter(60, TimeUnit.SECONDS).createOrUpdateSession(create(car7Session(run),
                    "car 7 run " + run, TIMESTAMP, CLOSED, details("7"), bound(car7Data(run)), configs(CFG7)));
        }
        store.withDeadlineAfter(60, TimeUnit.SECONDS).createOrUpdateSession(create(CAR9, "car 9 run", TIMESTAMP,
                CLOSED, details("9"), bound(CAR9_DATA), configs(CFG9)));

        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(listed(gateway, car7)).as("car 7 through the gateway").isEqualTo(car7Sessions());
            assertThat(get(configs, "/rta/v2/configs/" + CFG7, car7).statusCode()).as("config 7 on the config "
                    + "service").isEqualTo(200);
            for (StandaloneProcess replica : List.of(store1, store2)) {
                for (int run = 0; run < CAR7_RUNS; run++) {
                    assertThat(ok(get(replica, dataPath(car7Data(run)), car7)).body()).as("%s on %s",
                            car7Data(run), replica.baseUrl()).isNotEmpty();
                }
            }
        });
        findOwners();
    }

    /** The replica owning each car 7 identity: the one that answers a read marked as forwarded (the other: 503). */
    private static void findOwners() {
        await().atMost(SETTLE).untilAsserted(() -> {
            OWNERS.clear();
            for (int run = 0; run < CAR7_RUNS; run++) {
                String path = dataPath(car7Data(run));
                int first = get(store1, path, reader, FORWARDED, "1").statusCode();
                int second = get(store2, path, reader, FORWARDED, "1").statusCode();
                assertThat(List.of(first, second)).as("forwarded reads of %s", car7Data(run))
                        .containsExactlyInAnyOrder(200, 503);
                OWNERS.put(car7Data(run), first == 200 ? store1 : store2);
            }
        });
        assertThat(OWNERS.values()).as("the second replica owns some car 7 data (relayed reads)").contains(store2)
                .as("the first replica owns some car 7 data (local reads)").contains(store1);
    }

    @AfterAll
    static void stopTheDeployment() {
        List<StandaloneProcess> stopping = new ArrayList<>(STARTED);
        Collections.reverse(stopping);
        stopping.forEach(StandaloneProcess::close);
        if (cluster != null) {
            cluster.close();
            DurabilityIT.deleteRecursively(cluster.dataPath());
        }
        OidcProviders.shutdown(provider, partner);
    }

    // ---- tests ----

    @Test
    void shouldServeSessionsConfigsAndDataThroughTheGatewayToOurTokenRelayingReadsToTheOwner() throws IOException {
        Set<String> all = new TreeSet<>(car7Sessions());
        all.add(CAR9);
        assertThat(listed(gateway, reader)).isEqualTo(all);
        assertThat(Http.json(ok(get(gateway, "/rta/v2/sessions/" + CAR9, reader))).path("identity").asText())
                .isEqualTo(CAR9);
        assertThat(ok(get(gateway, "/rta/v2/configs/" + CFG9, reader)).body())
                .isEqualTo("{\"demo\": {}}".getBytes(StandardCharsets.UTF_8));
        assertThat(samples(ok(get(gateway, sessionDataPath(CAR9), reader)).body()))
                .isEqualTo(expected(data(CAR7_RUNS)));
        for (int run = 0; run < CAR7_RUNS; run++) {
            String identity = car7Data(run);
            byte[] viaGateway = ok(get(gateway, sessionDataPath(car7Session(run)), reader)).body();
            assertThat(samples(viaGateway)).as(identity).isEqualTo(expected(data(run)));
            assertThat(viaGateway).as("%s: the gateway relays the owner's bytes", identity)
                    .isEqualTo(ok(get(OWNERS.get(identity), dataPath(identity), reader)).body());
        }
    }

    @Test
    void shouldShowAPartnerOnlyCarSevenThroughTheGatewayAndOnEachService() throws IOException {
        assertThat(listed(gateway, car7)).isEqualTo(car7Sessions());
        assertThat(listed(sessions, car7)).isEqualTo(car7Sessions());
        assertThat(get(gateway, "/rta/v2/sessions/" + CAR9, car7).statusCode()).isEqualTo(404);
        assertThat(get(gateway, "/rta/v2/configs/" + CFG9, car7).statusCode()).isEqualTo(404);
        assertThat(get(gateway, "/rta/v2/configs/" + CFG7, car7).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> hidden = get(gateway, sessionDataPath(CAR9), car7);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(Http.text(hidden)).doesNotContain("car9 run").doesNotContain(SOURCE + "\"");
        for (int run = 0; run < CAR7_RUNS; run++) {
            String identity = car7Data(run);
            byte[] viaGateway = ok(get(gateway, sessionDataPath(car7Session(run)), car7)).body();
            assertThat(samples(viaGateway)).as("%s (owned by the %s replica)", identity,
                    OWNERS.get(identity) == store1 ? "first" : "second").isEqualTo(expected(data(run)));
        }

        // straight to the services: data by identity (hidden reads as nothing) on both replicas, and the config
        for (StandaloneProcess replica : List.of(store1, store2)) {
            HttpResponse<byte[]> car9 = get(replica, dataPath(CAR9_DATA), car7);
            assertThat(car9.statusCode()).isEqualTo(200);
            assertThat(car9.body()).as("car 9's data by identity to a partner").isEmpty();
            assertThat(ok(get(replica, dataPath(CAR9_DATA), reader)).body()).as("car 9's data to us").isNotEmpty();
            for (int run = 0; run < CAR7_RUNS; run++) {
                assertThat(samples(ok(get(replica, dataPath(car7Data(run)), car7)).body())).as(car7Data(run))
                        .isEqualTo(expected(data(run)));
            }
        }
        assertThat(get(configs, "/rta/v2/configs/" + CFG9, car7).statusCode()).isEqualTo(404);
        assertThat(get(configs, "/rta/v2/configs/" + CFG9, reader).statusCode()).isEqualTo(200);
        assertThat(code(() -> ConfigStoreGrpc.newBlockingStub(authorized(configs.channel(), car7))
                .withDeadlineAfter(60, TimeUnit.SECONDS).getConfig(GetConfigRequest.newBuilder()
                        .setIdentifier(CFG9).build()))).isEqualTo(Status.Code.NOT_FOUND);
        // gRPC DataReader on the gateway's replica: reads of the other's partitions are relayed with the token too
        for (int run = 0; run < CAR7_RUNS; run++) {
            assertThat(grpcRead(store1, car7, car7Data(run))).as(car7Data(run)).isEqualTo(expected(data(run)).size());
        }
        assertThat(grpcRead(store1, car7, CAR9_DATA)).as("car 9's data by identity over gRPC to a partner").isZero();
        assertThat(grpcRead(store1, reader, CAR9_DATA)).as("car 9's data over gRPC to us").isPositive();
    }

    @Test
    void shouldRefuseCallsWithoutATokenOnEveryServiceAndKeepHealthOpen() {
        Map<StandaloneProcess, String> routes = new LinkedHashMap<>();
        routes.put(sessions, "/rta/v2/sessions");
        routes.put(configs, "/rta/v2/configs/" + CFG7);
        routes.put(store1, dataPath(car7Data(0)));
        routes.put(store2, dataPath(car7Data(0)));
        routes.put(gateway, "/rta/v2/sessions");
        routes.forEach((service, path) -> {
            HttpResponse<byte[]> refused = service.http().get(path);
            assertThat(refused.statusCode()).as("%s %s", service.baseUrl(), path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).hasValue(AuthIT.MISSING_TOKEN);
            assertThat(service.http().get("/health").statusCode()).as("%s /health", service.baseUrl())
                    .isEqualTo(200);
            assertThat(Http.json(ok(service.http().get("/rta/v2/info"))).path("authRequired").asBoolean())
                    .as("%s /rta/v2/info", service.baseUrl()).isTrue();
        });
        assertThat(get(gateway, sessionDataPath(car7Session(0)), null).statusCode()).isEqualTo(401);
        // a read marked as forwarded is no way around the check
        assertThat(get(store1, dataPath(car7Data(0)), null, FORWARDED, "1").statusCode()).isEqualTo(401);

        assertThat(code(() -> SessionStoreGrpc.newBlockingStub(sessions.channel())
                .withDeadlineAfter(60, TimeUnit.SECONDS).listSessions(ListSessionsRequest.getDefaultInstance())))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(code(() -> ConfigStoreGrpc.newBlockingStub(configs.channel())
                .withDeadlineAfter(60, TimeUnit.SECONDS).getConfig(GetConfigRequest.newBuilder()
                        .setIdentifier(CFG7).build()))).isEqualTo(Status.Code.UNAUTHENTICATED);
        for (StandaloneProcess replica : List.of(store1, store2)) {
            assertThat(code(() -> grpcRead(replica, null, car7Data(0)))).as(replica.baseUrl())
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void shouldRefuseTheDataBindingsRouteToAUsersToken() {
        String path = "/rta/v2/sessions/" + car7Session(0) + "/data-bindings";
        for (String token : List.of(reader, writer, car7)) {
            HttpResponse<byte[]> refused = get(sessions, path, token);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElse(""))
                    .contains("error=\"insufficient_scope\"");
            assertThat(Http.text(refused)).doesNotContain(car7Data(0));
        }
        assertThat(get(sessions, path, null).statusCode()).isEqualTo(401);
        assertThat(get(gateway, path, reader).statusCode()).as("the gateway has no route to it").isEqualTo(404);
    }

    // ---- data and sessions ----

    private static String car7Session(int run) {
        return "ma-car7-" + run;
    }

    private static String car7Data(int run) {
        return "ma/car7 run " + run;
    }

    private static Set<String> car7Sessions() {
        return new TreeSet<>(IntStream.range(0, CAR7_RUNS).mapToObj(MicroservicesAuthIT::car7Session).toList());
    }

    private static List<WriteDataStreamMessage> data(int index) {
        return Telemetry.bursts(index, index + 2);
    }

    private static SessionUpdate details(String car) {
        return Ops.setDetailsJson("{\"car\": \"" + car + "\"}");
    }

    private static SessionUpdate bound(String identity) {
        return SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                .addDataBindings(DataBinding.newBuilder().setKey(DataBindingKey.newBuilder().setSource(SOURCE)
                        .setIdentity(identity)))).build();
    }

    private static SessionUpdate configs(String identifier) {
        return SessionUpdate.newBuilder().setSetConfigBindings(SessionUpdate.ConfigBindingsList.newBuilder()
                .addConfigBindings(ConfigBinding.newBuilder().setIdentifier(identifier))).build();
    }

    private static void writeData(String identity, List<WriteDataStreamMessage> data) {
        try (WriteStreamClient stream = WriteStreamClient.open(authorized(store1.channel(), writer))) {
            stream.identity(identity).send(data).flush("written");
            assertThat(stream.echoed()).containsExactly("written");
            stream.complete();
        }
    }

    /** Every periodic sample of a body, in read order. */
    private static List<Samples.Sample> samples(byte[] body) throws IOException {
        return Samples.inReadOrder(Samples.ofPeriodicChunks(ChunkedWireDecoder.periodic(body)));
    }

    private static List<Samples.Sample> expected(List<WriteDataStreamMessage> written) {
        return Samples.inReadOrder(Samples.ofPeriodic(Telemetry.periodic(written)));
    }

    private static String sessionDataPath(String session) {
        return "/rta/v2/sessions/" + session + "/data/periodic/" + DataApi.ALL;
    }

    private static String dataPath(String identity) {
        return "/rta/v2/data/" + URLEncoder.encode(identity, StandardCharsets.UTF_8).replace("+", "%20")
                + "/periodic/" + DataApi.ALL;
    }

    // ---- clients ----

    private static Channel authorized(Channel channel, String token) {
        return OidcProviders.withToken(channel, token);
    }

    /** How many periodic samples a gRPC read of every channel answers. */
    private static long grpcRead(StandaloneProcess replica, String token, String identity) {
        Iterator<PeriodicDataList> lists = DataReaderGrpc.newBlockingStub(authorized(replica.channel(), token))
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .readPeriodicDataStream(DataApi.channelRequest(identity, DataApi.ALL, null, null));
        List<PeriodicDataList> all = new ArrayList<>();
        lists.forEachRemaining(all::add);
        return Samples.ofPeriodicLists(all).size();
    }

    private static Status.Code code(Runnable call) {
        return OidcProviders.statusOf(call);
    }

    /** GET with the token (none when null) and more headers (name, value, ...). */
    private static HttpResponse<byte[]> get(StandaloneProcess service, String path, String token,
                                            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> ok(HttpResponse<byte[]> response) {
        return Http.ok(response);
    }

    /** The session identities the REST list answers to the token (every page: the list is small). */
    private static Set<String> listed(StandaloneProcess service, String token) {
        HttpResponse<byte[]> page = ok(get(service, "/rta/v2/sessions?pageSize=1000", token));
        Set<String> identities = new TreeSet<>();
        Http.json(page).path("sessions").forEach(s -> identities.add(s.path("identity").asText()));
        return identities;
    }
}
