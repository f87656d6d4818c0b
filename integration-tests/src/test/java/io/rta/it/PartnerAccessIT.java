package io.rta.it;

import static io.rta.it.Ops.CLOSED;
import static io.rta.it.Ops.OPEN;
import static io.rta.it.Ops.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.Status;
import io.rta.gateway.GatewayOptions;
import io.rta.gateway.GatewayServer;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.GetConfigRequest;
import io.rta.proto.toolkit.config.HasConfigRequest;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.data.DataReaderGrpc;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.proto.toolkit.session.ConfigBinding;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.GetSessionFoldersRequest;
import io.rta.proto.toolkit.session.GetSessionMetamodelRequest;
import io.rta.proto.toolkit.session.GetSessionRequest;
import io.rta.proto.toolkit.session.ListSessionsRequest;
import io.rta.proto.toolkit.session.PutSessionFolderRequest;
import io.rta.proto.toolkit.session.QuerySessionMetamodelRequest;
import io.rta.proto.toolkit.session.Session;
import io.rta.proto.toolkit.session.SessionElements;
import io.rta.proto.toolkit.session.SessionFolder;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.service.config.Options;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Claim-scoped access for partners, against real OpenID Connect providers (ours and a partner's, mock-oauth2-server)
 * and an all-in-one server with access policies: the partner's engineer whose token says {@code cars: ["7"]} sees the
 * car 7 sessions; with {@code org: acme} also the shared folder; a token matching no policy sees nothing; our own
 * tokens see everything. Every route a session or its data could leak through is tried: lists and paging, GET, gRPC,
 * folders, the metamodel and its properties, children links, configs, data (by session and by data identity, REST and
 * gRPC), the live stream, and the gateway (proxied routes and data through bindings).
 */
class PartnerAccessIT {

    private static final String ISSUER_ID = "rta";
    private static final String AUDIENCE = "rta-api";
    private static final String PARTNER_ID = "partner";
    private static final String PARTNER_AUDIENCE = "partner-api";
    private static final String TIMESTAMP = "2024-05-01T10:00:00Z";

    /** Car 7 (the partner's): visible to the car-7 tokens. */
    private static final String P7 = "pa-car7";
    private static final String P7_CHILD = "pa-car7-child";
    /** Car 9, a child of the car 7 session: never visible to the partner, nor its link. */
    private static final String P9_CHILD = "pa-car9-child";
    private static final String P9 = "pa-car9";
    /** Car 9 in the shared folder: visible to acme tokens through the folder policy. */
    private static final String SHARED = "pa-shared-run";
    private static final Set<String> ALL_SESSIONS = Set.of(P7, P7_CHILD, P9_CHILD, P9, SHARED);

    private static MockOAuth2Server provider;
    private static MockOAuth2Server partner;
    private static TestServer server;
    private static GatewayServer gateway;
    private static String ours;
    private static String car7;
    private static String acme;
    private static String nobody;

    @BeforeAll
    static void start() throws Exception {
        provider = OidcProviders.startGrantingScopes(ISSUER_ID, "rta.internal");
        partner = OidcProviders.startWithOwnKeys();
        String issuer = provider.issuerUrl(ISSUER_ID).toString();
        server = TestServer.create().option("EnableAuth", "true").option("Auth:Authority", issuer)
                .option("Auth:Audience", AUDIENCE)
                .option("Auth:Issuers:partner:Authority", partner.issuerUrl(PARTNER_ID).toString())
                .option("Auth:Issuers:partner:Audience", PARTNER_AUDIENCE)
                .option("Auth:Policies:team:Issuer", "default")
                .option("Auth:Policies:car7:Issuer", "partner")
                .option("Auth:Policies:car7:Claim", "cars")
                .option("Auth:Policies:car7:Value", "7")
                .option("Auth:Policies:car7:Query", "{\"details.car\": \"7\"}")
                .option("Auth:Policies:shared:Issuer", "partner")
                .option("Auth:Policies:shared:Claim", "org.name")
                .option("Auth:Policies:shared:Value", "acme")
                .option("Auth:Policies:shared:Folder", "pa-shared")
                .start();
        ours = token(provider, ISSUER_ID, AUDIENCE, Map.of("scope", "rta.write"));
        car7 = token(partner, PARTNER_ID, PARTNER_AUDIENCE, Map.of("cars", List.of("5", "7")));
        acme = token(partner, PARTNER_ID, PARTNER_AUDIENCE, Map.of("cars", "7", "org", Map.of("name", "acme")));
        nobody = token(partner, PARTNER_ID, PARTNER_AUDIENCE, Map.of("cars", "9"));
        gateway = GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {
            "--HttpPort", Integer.toString(TestServer.freePort()), "--SessionServiceUri", server.baseUrl(),
            "--ConfigServiceUri", server.baseUrl(), "--StreamServiceUri", server.baseUrl(),
            "--DataServiceUris:rta", server.baseUrl(),
            "--EnableAuth", "true", "--Auth:Authority", issuer, "--Auth:Audience", AUDIENCE,
            "--Auth:ClientId", "rta-gateway", "--Auth:ClientSecret", "gateway-secret",
            "--Auth:TokenScope", AUDIENCE + " rta.internal",
            "--Auth:Issuers:partner:Authority", partner.issuerUrl(PARTNER_ID).toString(),
            "--Auth:Issuers:partner:Audience", PARTNER_AUDIENCE}, Map.of(),
                Scratch.dir("partner-it-gateway-")));
        load();
    }

    private static String token(MockOAuth2Server by, String issuerId, String audience, Map<String, Object> claims) {
        return OidcProviders.token(by, issuerId, List.of(audience), claims, 3600);
    }

    /** Folders, five sessions, two configs and telemetry for the two top-level car sessions, written as our team. */
    private static void load() {
        SessionStoreGrpc.SessionStoreBlockingStub sessions = sessions(ours);
        for (String[] folder : new String[][] {{"pa-teams", ""}, {"pa-teams::seven", "pa-teams"},
            {"pa-teams::nine", "pa-teams"}, {"pa-shared", ""}, {"pa-shared::tests", "pa-shared"}}) {
            sessions.putSessionFolder(PutSessionFolderRequest.newBuilder().setIdentity(folder[0])
                    .setParentIdentity(folder[1]).setLabel(folder[0]).build());
        }
        sessions.createOrUpdateSession(create(P7, "car 7 run", TIMESTAMP, OPEN, details("7"),
                Ops.setFolders("pa-teams::seven"), Ops.setRefAnchors("acq:pa-car7"), configs("pa-cfg7"),
                bindings(P7)));
        sessions.createOrUpdateSession(create(P7_CHILD, "car 7 model", TIMESTAMP, CLOSED, details("7"),
                Ops.setChildOfRefs("acq:pa-car7")));
        sessions.createOrUpdateSession(create(P9_CHILD, "car 9 model", TIMESTAMP, CLOSED, details("9"),
                Ops.setChildOfRefs("acq:pa-car7")));
        sessions.createOrUpdateSession(create(P9, "car 9 run", "2024-05-02T10:00:00Z", OPEN, details("9"),
                Ops.setFolders("pa-teams::nine"), configs("pa-cfg9"), bindings(P9)));
        sessions.createOrUpdateSession(create(SHARED, "shared run", "2024-05-03T10:00:00Z", CLOSED, details("9"),
                Ops.setFolders("pa-shared::tests")));
        for (String config : List.of("pa-cfg7", "pa-cfg9")) {
            configStore(ours).putConfig(PutConfigRequest.newBuilder().setIdentifier(config)
                    .setContentType("application/vnd.mat.config+json")
                    .setData(ByteString.copyFrom("{\"demo\": {}}", StandardCharsets.UTF_8)).build());
        }
        try (WriteStreamClient stream = WriteStreamClient.open(authorized(ours))) {
            for (String identity : List.of(P7, P9)) {
                List<WriteDataStreamMessage> burst = Telemetry.burst(0);
                stream.identity(identity).send(burst);
            }
            stream.flush("loaded");
            assertThat(stream.echoed()).containsExactly("loaded");
            stream.complete();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.json(get("/rta/v2/sessions/" + P7,
                ours)).path("children").size()).isEqualTo(2));
    }

    private static SessionUpdate details(String car) {
        return Ops.setDetailsJson("{\"car\": \"" + car + "\"}");
    }

    private static SessionUpdate configs(String identifier) {
        return SessionUpdate.newBuilder().setSetConfigBindings(SessionUpdate.ConfigBindingsList.newBuilder()
                .addConfigBindings(ConfigBinding.newBuilder().setIdentifier(identifier))).build();
    }

    /** The gateway reads the session's data from source "rta" (this server) under the session's own identity. */
    private static SessionUpdate bindings(String identity) {
        return SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                .addDataBindings(DataBinding.newBuilder().setKey(DataBindingKey.newBuilder().setSource("rta")
                        .setIdentity(identity)))).build();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable part : new AutoCloseable[] {gateway, server}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // stopping: nothing to do
            }
        }
        OidcProviders.shutdown(provider, partner);
    }

    // ---- clients ----

    private static Channel authorized(String token) {
        return OidcProviders.withToken(server.channel(), token);
    }

    private static SessionStoreGrpc.SessionStoreBlockingStub sessions(String token) {
        return SessionStoreGrpc.newBlockingStub(authorized(token)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private static ConfigStoreGrpc.ConfigStoreBlockingStub configStore(String token) {
        return ConfigStoreGrpc.newBlockingStub(authorized(token)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private static HttpResponse<byte[]> get(String path, String token) {
        return server.http().get(path, "Authorization", "Bearer " + token);
    }

    private static HttpResponse<byte[]> viaGateway(String path, String token) {
        return new Http("http://127.0.0.1:" + gateway.httpPort()).get(path, "Authorization", "Bearer " + token);
    }

    /** The session identities a page of the REST list holds. */
    private static Set<String> listed(HttpResponse<byte[]> page) {
        assertThat(page.statusCode()).as(Http.text(page)).isEqualTo(200);
        Set<String> identities = new TreeSet<>();
        Http.json(page).path("sessions").forEach(s -> identities.add(s.path("identity").asText()));
        identities.retainAll(ALL_SESSIONS);
        return identities;
    }

    private static Set<String> listedByGrpc(String token, boolean subSessions) {
        Set<String> identities = new TreeSet<>();
        sessions(token).listSessions(ListSessionsRequest.newBuilder().setIncludeSubSessions(subSessions)
                .setPageSize(1000).build()).getSessionsList().forEach(s -> identities.add(s.getIdentity()));
        identities.retainAll(ALL_SESSIONS);
        return identities;
    }

    private static Status.Code code(Runnable call) {
        return OidcProviders.statusOf(call);
    }

    private static int handshake(String baseUrl, String identity, String token) throws Exception {
        return OidcProviders.handshake(baseUrl, identity, token);
    }

    private static long grpcDataBytes(String token, String identity) {
        Iterator<?> lists = DataReaderGrpc.newBlockingStub(authorized(token)).withDeadlineAfter(60, TimeUnit.SECONDS)
                .readPeriodicDataStream(DataApi.channelRequest(identity, DataApi.ALL, null, null));
        long count = 0;
        while (lists.hasNext()) {
            count += lists.next().toString().length();
        }
        return count;
    }

    // ---- tests ----

    @Test
    void shouldListOnlyTheSessionsTheTokensPoliciesGrantInEveryListAndPage() {
        assertThat(listed(get("/rta/v2/sessions?pageSize=1000", ours))).containsExactlyInAnyOrder(P7, P9, SHARED);
        assertThat(listed(get("/rta/v2/sessions?pageSize=1000", car7))).containsExactly(P7);
        assertThat(listed(get("/rta/v2/sessions?pageSize=1000", acme))).containsExactlyInAnyOrder(P7, SHARED);
        assertThat(listed(get("/rta/v2/sessions?pageSize=1000", nobody))).isEmpty();
        assertThat(Http.json(get("/rta/v2/sessions", nobody)).path("sessions").size()).isZero();
        // a query, a sort, a folder and pages: the others are never counted in
        assertThat(listed(server.http().postForm("/rta/v2/sessions", Http.form("query", "{\"details.car\": \"9\"}"),
                "Authorization", "Bearer " + acme))).containsExactly(SHARED);
        assertThat(listed(get("/rta/v2/sessions?sort=identifier:asc&pageSize=1000", car7))).containsExactly(P7);
        assertThat(listed(get("/rta/v2/sessions?folder=pa-teams&pageSize=1000", acme))).containsExactly(P7);
        assertThat(listed(get("/rta/v2/sessions?folder=pa-teams::nine&pageSize=1000", acme))).isEmpty();
        Set<String> paged = new TreeSet<>();
        for (int page = 0; page < 50; page++) {
            paged.addAll(listed(get("/rta/v2/sessions?sort=identifier:asc&pageSize=1&pageIndex=" + page, acme)));
        }
        assertThat(paged).containsExactlyInAnyOrder(P7, SHARED);

        assertThat(listedByGrpc(ours, true)).isEqualTo(ALL_SESSIONS);
        assertThat(listedByGrpc(car7, true)).containsExactlyInAnyOrder(P7, P7_CHILD);
        assertThat(listedByGrpc(nobody, true)).isEmpty();
    }

    @Test
    void shouldAnswerNotFoundForASessionTheTokenMayNotSeeAndHideLinksToIt() {
        assertThat(get("/rta/v2/sessions/" + P9, ours).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> hidden = get("/rta/v2/sessions/" + P9, car7);
        HttpResponse<byte[]> missing = get("/rta/v2/sessions/pa-never-written", car7);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(Http.text(hidden)).isEqualTo(Http.text(missing).replace("pa-never-written", P9));
        assertThat(get("/rta/v2/sessions/" + SHARED, car7).statusCode()).isEqualTo(404);
        assertThat(get("/rta/v2/sessions/" + SHARED, acme).statusCode()).isEqualTo(200);
        assertThat(code(() -> sessions(car7).getSession(GetSessionRequest.newBuilder().setIdentity(P9).build())))
                .isEqualTo(Status.Code.NOT_FOUND);

        JsonNode parent = Http.json(get("/rta/v2/sessions/" + P7, car7));
        assertThat(parent.path("children").toString()).contains(P7_CHILD).doesNotContain(P9_CHILD);
        assertThat(Http.json(get("/rta/v2/sessions/" + P7, ours)).path("children").toString()).contains(P9_CHILD);
        Session byGrpc = sessions(car7).getSession(GetSessionRequest.newBuilder().setIdentity(P7)
                .setElements(SessionElements.newBuilder().setJson(true)).build());
        assertThat(byGrpc.toString()).contains(P7_CHILD).doesNotContain(P9_CHILD);
        assertThat(Http.text(get("/rta/v2/sessions?pageSize=1000", car7))).doesNotContain(P9_CHILD);
    }

    @Test
    void shouldShowOnlyFoldersHoldingVisibleSessions() {
        assertThat(Http.text(get("/rta/v2/session-folders", ours))).contains("pa-teams").contains("pa-shared");
        String root = Http.text(get("/rta/v2/session-folders", car7));
        assertThat(root).contains("pa-teams").doesNotContain("pa-shared");
        assertThat(Http.text(get("/rta/v2/session-folders/pa-teams", car7))).contains("pa-teams::seven")
                .doesNotContain("pa-teams::nine");
        assertThat(get("/rta/v2/session-folders/pa-teams::nine", car7).statusCode()).isEqualTo(404);
        assertThat(get("/rta/v2/session-folders/pa-shared", car7).statusCode()).isEqualTo(404);
        assertThat(Http.text(get("/rta/v2/session-folders/pa-shared", acme))).contains("pa-shared::tests");
        assertThat(Http.json(get("/rta/v2/session-folders", nobody)).size()).isZero();
        List<String> grpcFolders = new ArrayList<>();
        sessions(car7).getSessionFolders(GetSessionFoldersRequest.newBuilder().setParentIdentity("pa-teams").build())
                .getFoldersList().forEach((SessionFolder f) -> grpcFolders.add(f.getIdentity()));
        assertThat(grpcFolders).containsExactly("pa-teams::seven");
    }

    @Test
    void shouldComputeTheMetamodelOverVisibleSessionsOnly() throws Exception {
        assertThat(carValues(get("/rta/v2/session-metamodel", ours))).isEqualTo("[\"7\",\"9\"]");
        assertThat(carValues(get("/rta/v2/session-metamodel", car7))).isEqualTo("[\"7\"]");
        assertThat(carValues(get("/rta/v2/session-metamodel", acme))).isEqualTo("[\"7\",\"9\"]");
        assertThat(carValues(get("/rta/v2/session-metamodel?folder=pa-teams", acme))).isEqualTo("[\"7\"]");
        JsonNode partners = Http.json(get("/rta/v2/session-metamodel", car7));
        assertThat(partners.path("timestamp").path("constraints").path("maximum").asText()).isEqualTo(TIMESTAMP);
        assertThat(Http.json(get("/rta/v2/session-metamodel", nobody)).path("details").path("car").isMissingNode())
                .isTrue();
        String grpc = sessions(car7).getSessionMetamodel(GetSessionMetamodelRequest.getDefaultInstance())
                .getMetamodelJson();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(grpc).path("details").path("car")
                .path("constraints").path("values").toString()).isEqualTo("[\"7\"]");
        assertThat(Http.text(get("/rta/v2/session-metamodel/properties?query=car", ours))).contains("car");
        assertThat(Http.json(get("/rta/v2/session-metamodel/properties?query=car", nobody)).size()).isZero();
        assertThat(sessions(nobody).querySessionMetamodel(QuerySessionMetamodelRequest.newBuilder()
                .setPartialMatch("car").build()).getPropertySummariesList()).isEmpty();
    }

    private static String carValues(HttpResponse<byte[]> metamodel) {
        assertThat(metamodel.statusCode()).as(Http.text(metamodel)).isEqualTo(200);
        return Http.json(metamodel).path("details").path("car").path("constraints").path("values").toString();
    }

    @Test
    void shouldServeOnlyConfigsBoundToAVisibleSession() {
        assertThat(get("/rta/v2/configs/pa-cfg7", car7).statusCode()).isEqualTo(200);
        assertThat(get("/rta/v2/configs/pa-cfg9", car7).statusCode()).isEqualTo(404);
        assertThat(get("/rta/v2/configs/pa-cfg9", ours).statusCode()).isEqualTo(200);
        assertThat(code(() -> configStore(car7).getConfig(GetConfigRequest.newBuilder().setIdentifier("pa-cfg9")
                .build()))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(configStore(car7).hasConfig(HasConfigRequest.newBuilder().setIdentifier("pa-cfg9").build())
                .getValue()).isFalse();
        assertThat(configStore(car7).hasConfig(HasConfigRequest.newBuilder().setIdentifier("pa-cfg7").build())
                .getValue()).isTrue();
    }

    @Test
    void shouldServeDataOfVisibleSessionsOnlyOnRestAndGrpc() {
        String window = "/data/periodic/" + DataApi.ALL;
        assertThat(get("/rta/v2/sessions/" + P7 + window, car7).body()).isNotEmpty();
        assertThat(get("/rta/v2/sessions/" + P9 + window, ours).body()).isNotEmpty();
        assertThat(get("/rta/v2/sessions/" + P9 + window, car7).statusCode()).isEqualTo(404);
        // by data identity: what may not be seen reads as nothing, as an identity without data does
        HttpResponse<byte[]> hidden = get("/rta/v2/data/" + P9 + "/periodic/" + DataApi.ALL, car7);
        assertThat(hidden.statusCode()).isEqualTo(200);
        assertThat(hidden.body()).isEmpty();
        assertThat(get("/rta/v2/data/" + P9 + "/periodic/" + DataApi.ALL, ours).body()).isNotEmpty();
        assertThat(get("/rta/v2/data/" + P7 + "/periodic/" + DataApi.ALL, car7).body()).isNotEmpty();
        assertThat(grpcDataBytes(car7, P7)).isPositive();
        assertThat(code(() -> grpcDataBytes(car7, P9))).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void shouldLetATokenFollowOnlyAVisibleLiveSession() throws Exception {
        assertThat(handshake(server.baseUrl(), P7, car7)).isEqualTo(101);
        assertThat(handshake(server.baseUrl(), P9, car7)).isEqualTo(404);
        assertThat(handshake(server.baseUrl(), P9, ours)).isEqualTo(101);
        assertThat(handshake(server.baseUrl(), P7, nobody)).isEqualTo(404);
    }

    /**
     * A partner's provider can put any scope in its tokens: whatever it grants itself, a token the policies restrict
     * (to some sessions, or to none for the partner's issuer) may only read.
     */
    @Test
    void shouldLetAPartnerOnlyReadWhateverScopesItsProviderPutsInItsTokens() {
        Map<String, Object> every = Map.of("scope", "rta.write rta.internal", "scp", List.of("rta.write"));
        Map<String, Object> car7Claims = new java.util.HashMap<>(every);
        car7Claims.put("cars", "7");
        Map<String, Object> car9Claims = new java.util.HashMap<>(every);
        car9Claims.put("cars", "9");
        SessionElements withBindings = SessionElements.newBuilder().setDataBindings(true).build();
        for (String token : List.of(token(partner, PARTNER_ID, PARTNER_AUDIENCE, car7Claims),
                token(partner, PARTNER_ID, PARTNER_AUDIENCE, car9Claims))) {
            io.grpc.StatusRuntimeException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.grpc.StatusRuntimeException.class, () -> sessions(token).createOrUpdateSession(
                            create(P9, "taken over", TIMESTAMP, OPEN, details("7"))));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(refused.getStatus().getDescription()).startsWith("writing needs a token the access policies "
                    + "(Auth:Policies) do not restrict");
            assertThat(code(() -> configStore(token).putConfig(PutConfigRequest.newBuilder().setIdentifier("pa-cfg9")
                    .setContentType("application/vnd.mat.config+json")
                    .setData(ByteString.copyFromUtf8("{}")).build()))).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(code(() -> sessions(token).getSession(GetSessionRequest.newBuilder().setIdentity(P7)
                    .setElements(withBindings).build()))).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(code(() -> SchemaMappingStoreGrpc.newBlockingStub(authorized(token))
                    .withDeadlineAfter(60, TimeUnit.SECONDS).hasSchemaMapping(HasSchemaMappingRequest.newBuilder()
                            .setDataSource("rta").setDataIdentity(P9).build())))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
            HttpResponse<byte[]> internal = get("/rta/v2/sessions/" + P7 + "/data-bindings", token);
            assertThat(internal.statusCode()).as(Http.text(internal)).isEqualTo(403);
            assertThat(Http.text(internal)).contains("do not restrict");
        }
        // /metrics counts every session: a restricted token may not read it, ours may
        HttpResponse<byte[]> metrics = get("/metrics", car7);
        assertThat(metrics.statusCode()).as(Http.text(metrics)).isEqualTo(403);
        assertThat(Http.text(metrics)).contains("reading /metrics needs a token the access policies");
        assertThat(get("/metrics", ours).statusCode()).isEqualTo(200);
        // nothing was written, and our own (unrestricted) tokens still write and read internals
        assertThat(Http.json(get("/rta/v2/sessions/" + P9, ours)).path("details").path("car").asText())
                .isEqualTo("9");
        assertThat(sessions(ours).getSession(GetSessionRequest.newBuilder().setIdentity(P9).setElements(withBindings)
                .build()).getDataBindingsCount()).isEqualTo(1);
        assertThat(SchemaMappingStoreGrpc.newBlockingStub(authorized(ours)).withDeadlineAfter(60, TimeUnit.SECONDS)
                .hasSchemaMapping(HasSchemaMappingRequest.newBuilder().setDataSource("rta").setDataIdentity(P9)
                        .build()).getValue()).isFalse();
    }

    /**
     * The handshake is not the only check: a session that leaves what the caller may see (its details changed out of
     * the partner's query) closes the caller's stream with 1008, and so does the caller's token expiring.
     */
    @Test
    void shouldCloseALiveStreamOnceItsSessionIsNoLongerVisibleOrItsTokenHasExpired() throws Exception {
        String moving = "pa-car7-moving";
        sessions(ours).createOrUpdateSession(create(moving, "car 7 moving", TIMESTAMP, OPEN, details("7")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/rta/v2/sessions/" + moving, car7).statusCode()).isEqualTo(200));
        try (io.rta.it.live.LiveSocket partnerStream = io.rta.it.live.LiveSocket.connectWithToken(server.baseUrl(),
                moving, car7);
             io.rta.it.live.LiveSocket ourStream = io.rta.it.live.LiveSocket.connectWithToken(server.baseUrl(), moving,
                     ours)) {
            Thread.sleep(1_000);
            assertThat(partnerStream.closeStatus()).as("open while the session is visible").isNull();

            sessions(ours).createOrUpdateSession(Ops.update(moving, details("9")));

            assertThat(partnerStream.awaitClose()).isEqualTo("1008 session '" + moving + "' is no longer visible "
                    + "to this token (Auth:Policies)");
            assertThat(ourStream.closeStatus()).as("ours sees everything: still open").isNull();
        }
        // a token that expired 25 s ago is still accepted (Auth:ClockSkew is 30 s), and closed once the skew is past
        String expiring = OidcProviders.token(partner, PARTNER_ID, List.of(PARTNER_AUDIENCE), Map.of("cars", "7"),
                -25);
        try (io.rta.it.live.LiveSocket stream = io.rta.it.live.LiveSocket.connectWithToken(server.baseUrl(), P7,
                expiring)) {
            assertThat(stream.awaitClose()).isEqualTo("1008 the bearer token has expired: connect again with a new "
                    + "one");
        }
    }

    @Test
    void shouldKeepEveryRuleThroughTheGateway() throws Exception {
        assertThat(listed(viaGateway("/rta/v2/sessions?pageSize=1000", car7))).containsExactly(P7);
        assertThat(viaGateway("/rta/v2/sessions/" + P9, car7).statusCode()).isEqualTo(404);
        assertThat(viaGateway("/rta/v2/configs/pa-cfg9", car7).statusCode()).isEqualTo(404);
        assertThat(Http.text(viaGateway("/rta/v2/session-folders", car7))).doesNotContain("pa-shared");
        // data through the bindings: the gateway looks the bindings up for the caller, who may not see car 9
        assertThat(viaGateway("/rta/v2/sessions/" + P7 + "/data/periodic/" + DataApi.ALL, car7).body())
                .isNotEmpty();
        HttpResponse<byte[]> hidden = viaGateway("/rta/v2/sessions/" + P9 + "/data/periodic/" + DataApi.ALL, car7);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(Http.text(hidden)).doesNotContain("rta\"");
        assertThat(viaGateway("/rta/v2/sessions/" + P9 + "/data/periodic/" + DataApi.ALL, ours).body())
                .isNotEmpty();
        assertThat(handshake("http://127.0.0.1:" + gateway.httpPort(), P9, car7)).isEqualTo(404);
        assertThat(handshake("http://127.0.0.1:" + gateway.httpPort(), P7, car7)).isEqualTo(101);
    }
}
