package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rta.gateway.GatewayOptions;
import io.rta.gateway.GatewayServer;
import io.rta.server.bench.HeadlessChromium;
import io.rta.server.demo.Demo;
import io.rta.server.demo.DemoRace;
import io.rta.service.config.Options;
import io.rta.service.net.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The browser viewer ({@code /ui/}) in a real headless Chromium (Debian chromium + chromium-driver) against the shared
 * server holding the demo's sessions ({@code ./rta demo}'s writer): the list, its sort, paging, filter and facets, a
 * session's details, two plotted channels read back sample by sample against what was written, a zoom that fetches
 * only the visible range, a live session followed while it is written and closed, errors as messages, the API page,
 * and the same viewer through the gateway with EnableAuth, logged in by the authorization-code flow with PKCE against
 * a real OpenID Connect provider. Screenshots of each step are kept in {@code target/viewer-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewerIT {

    private static final Path SCREENSHOTS = Path.of("target", "viewer-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The race's 1 kHz channel: 200 s of it. */
    private static final long SAMPLES = 200_000;
    private static final int TESTS = 60;

    private static final String PREFIX = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
    private static TestServer server;
    private static Demo demo;
    private static HeadlessChromium browser;
    private static String ui;

    @BeforeAll
    static void writeDemoAndStartBrowser() throws Exception {
        server = TestServer.shared();
        demo = Demo.over(server.channel(), quiet(), "--Prefix", PREFIX, "--Samples", Long.toString(SAMPLES),
                "--Sessions", Integer.toString(TESTS), "--LiveChannels", "4", "--LiveRate", "100",
                "--LiveSeconds", "20");
        demo.writeRecorded();
        browser = HeadlessChromium.start(1400, 1000);
        ui = server.baseUrl() + "/ui/";
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static void open(String url) {
        browser.driver().get("about:blank");
        browser.driver().get(url);
    }

    private static void shot(String name) throws Exception {
        browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
    }

    private static WebElement find(String css) {
        return browser.driver().findElement(By.cssSelector(css));
    }

    private static List<String> rowIdentities() {
        List<String> identities = new ArrayList<>();
        for (WebElement row : browser.driver().findElements(By.cssSelector("#sessions tr[data-identity]"))) {
            identities.add(row.getAttribute("data-identity"));
        }
        return identities;
    }

    private static void awaitRows(String what, java.util.function.Predicate<List<String>> condition) {
        browser.await(what, WAIT, () -> !"true".equals(find("#sessions").getAttribute("data-loading"))
                && condition.test(rowIdentities()));
    }

    private static String test(int i) {
        return String.format(Locale.ROOT, "%s-test-%03d", PREFIX, i);
    }

    @Test
    @Order(1)
    void shouldListSortAndPageTheSessionsOfAFolder() throws Exception {
        open(ui + "#/sessions?folder=" + PREFIX);
        awaitRows("a first page of 50 of the folder's 61 sessions", rows -> rows.size() == 50);
        // identifiers are ordinary page text (no shadow DOM): any tool reading the page sees them
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("Demo Grand Prix - Race");
        shot("01-sessions");

        find("th[data-sort='identifier']").click();
        awaitRows("the list sorted by identifier", rows -> rows.size() == 50
                && browser.driver().getCurrentUrl().contains("sort=identifier"));
        List<String> identifiers = browser.driver().findElements(By.cssSelector("#sessions tr[data-identity] td a"))
                .stream().map(WebElement::getText).toList();
        assertThat(identifiers).isSortedAccordingTo(Comparator.naturalOrder());
        find("th[data-sort='identifier']").click();
        awaitRows("the list sorted by identifier, descending", rows -> browser.driver().getCurrentUrl()
                .contains("identifier%3Adesc") || browser.driver().getCurrentUrl().contains("identifier:desc"));
        List<String> descending = browser.driver().findElements(By.cssSelector("#sessions tr[data-identity] td a"))
                .stream().map(WebElement::getText).toList();
        assertThat(descending).isSortedAccordingTo(Comparator.reverseOrder());

        find("#page-next").click();
        awaitRows("the second page: the other 11 sessions", rows -> rows.size() == TESTS + 1 - 50);
        assertThat(find("#page-index").getText()).contains("2");
    }

    @Test
    @Order(2)
    void shouldFilterByTextAndByFacetAndShowTheQuerySent() throws Exception {
        open(ui + "#/sessions?folder=" + PREFIX);
        awaitRows("the folder's sessions", rows -> rows.size() == 50);
        WebElement text = find("#filter-text");
        text.sendKeys("Monza");
        text.sendKeys(Keys.ENTER);
        // tests i with i % 5 == 1 are at Monza
        List<String> monza = new ArrayList<>();
        for (int i = 1; i <= TESTS; i++) {
            if (i % 5 == 1) {
                monza.add(test(i));
            }
        }
        awaitRows("only the Monza sessions", rows -> rows.size() == monza.size());
        assertThat(rowIdentities()).containsExactlyInAnyOrderElementsOf(monza);
        assertThat(find("#query-sent").getText()).contains("$contains").contains("Monza");
        shot("02-filter");

        find("#filter-text").clear();
        open(ui + "#/sessions?folder=" + PREFIX);
        awaitRows("the folder's sessions again", rows -> rows.size() == 50);
        browser.await("the Driver facet", WAIT, () -> !browser.driver().findElements(
                By.xpath("//*[@id='facets']//*[normalize-space(text())='J. Clark']")).isEmpty());
        browser.driver().findElement(By.xpath("//*[@id='facets']//*[normalize-space(text())='J. Clark']")).click();
        List<String> clark = new ArrayList<>();
        for (int i = 1; i <= TESTS; i++) {
            if (i % 4 == 1) {
                clark.add(test(i));
            }
        }
        awaitRows("only J. Clark's sessions", rows -> rows.size() == clark.size());
        assertThat(rowIdentities()).containsExactlyInAnyOrderElementsOf(clark);
        assertThat(find("#query-sent").getText()).contains("details.Driver").contains("J. Clark");
        shot("03-facet");
    }

    @Test
    @Order(3)
    void shouldShowASessionAndPlotTwoChannelsExactlyAsWritten() throws Exception {
        open(ui + "#/session/" + demo.raceIdentity());
        browser.await("the session's details", WAIT, () -> find("#session-details").getText().contains("A. Senna"));
        assertThat(find("#session-identifier").getText()).isEqualTo("Demo Grand Prix - Race");
        browser.await("the laps", WAIT, () -> find("#markers").getText().contains("Lap 1"));
        browser.await("the config", WAIT, () -> find("#configs").getText().contains(PREFIX + "-car-v1"));
        browser.await("the channel picker", WAIT, () -> !browser.driver().findElements(
                By.cssSelector("label[data-param='vCar:demo'] input")).isEmpty());
        // the first parameter (vCar) is plotted on opening; tick nEngine as well
        browser.await("vCar plotted on opening", WAIT, () -> find("label[data-param='vCar:demo'] input").isSelected());
        find("label[data-param='nEngine:demo'] input").click();
        try {
            browser.await("both channels plotted in full", WAIT, () -> loaded("vCar") == SAMPLES
                    && loaded("nEngine") == SAMPLES / 10);
        } catch (IllegalStateException e) {
            shot("04-plot-failed");
            throw new AssertionError(e.getMessage() + ": vCar " + loaded("vCar") + ", nEngine " + loaded("nEngine")
                    + " samples loaded; page: " + browser.driver().findElement(By.tagName("body")).getText(), e);
        }
        shot("04-plot");

        long start = Demo.RACE_START.getEpochSecond();
        Map<?, ?> vCar = plot("vCar");
        List<?> t = (List<?>) ((Map<?, ?>) vCar.get("loaded")).get("t");
        List<?> v = (List<?>) ((Map<?, ?>) vCar.get("loaded")).get("v");
        assertThat(t).hasSize((int) SAMPLES);
        for (int i = 0; i < SAMPLES; i += 997) {
            assertThat(((Number) t.get(i)).doubleValue()).as("time of vCar sample %d", i)
                    .isCloseTo(start + i / 1000.0, within(1e-6));
            assertThat(((Number) v.get(i)).doubleValue()).as("vCar sample %d in km/h", i)
                    .isCloseTo(DemoRace.speedRaw(i) * 0.01, within(1e-9));
        }
        Map<?, ?> engine = plot("nEngine");
        List<?> ev = (List<?>) ((Map<?, ?>) engine.get("loaded")).get("v");
        for (int i = 0; i < SAMPLES / 10; i += 101) {
            assertThat(((Number) ev.get(i)).doubleValue()).as("nEngine sample %d", i)
                    .isEqualTo(DemoRace.engineRaw(i));
        }
        // min/max decimation: far fewer points drawn than loaded, but the extremes are kept
        assertThat(((Number) vCar.get("drawn")).intValue()).isBetween(100, 10_000);
        assertThat(Integer.parseInt(find("[data-channel='vCar']").getAttribute("data-points")))
                .isEqualTo(((Number) vCar.get("drawn")).intValue());
        assertThat(browser.driver().findElements(By.cssSelector("#events-lane [data-event], #events-lane .event"))
                .size() + Integer.parseInt(find("#events-lane").getAttribute("data-events"))).isPositive();
    }

    @Test
    @Order(3)
    void shouldPlotRowDataLocatingEachChannelInTheRowByTheConfigsTypes() throws Exception {
        // the tyre row set: channel 5 (f32) then channel 6 (u16, at byte 4 of each row's buffer), 10 Hz
        open(ui + "#/session/" + demo.raceIdentity() + "?p=pTyreFR:demo,pTyreFL:demo");
        long rows = SAMPLES / 100;
        try {
            browser.await("both row channels plotted in full", WAIT, () -> loaded("pTyreFR") == rows
                    && loaded("pTyreFL") == rows);
        } catch (IllegalStateException e) {
            shot("04-rows-failed");
            throw new AssertionError(e.getMessage() + ": pTyreFR " + loaded("pTyreFR") + ", pTyreFL "
                    + loaded("pTyreFL") + " rows loaded; page: "
                    + browser.driver().findElement(By.tagName("body")).getText(), e);
        }
        shot("04-rows");
        long start = Demo.RACE_START.getEpochSecond();
        Map<?, ?> right = (Map<?, ?>) plot("pTyreFR").get("loaded");
        Map<?, ?> left = (Map<?, ?>) plot("pTyreFL").get("loaded");
        for (int i = 0; i < rows; i += 37) {
            assertThat(((Number) ((List<?>) right.get("t")).get(i)).doubleValue()).as("time of row %d", i)
                    .isCloseTo(start + i / 10.0, within(1e-6));
            assertThat(((Number) ((List<?>) right.get("v")).get(i)).doubleValue()).as("pTyreFR of row %d in bar", i)
                    .isCloseTo(DemoRace.tyreFrontRightRaw(i) * 0.001, within(1e-12));
            assertThat(((Number) ((List<?>) left.get("v")).get(i)).doubleValue()).as("pTyreFL of row %d", i)
                    .isEqualTo((double) DemoRace.tyreFrontLeft(i));
        }
    }

    @Test
    @Order(3)
    void shouldDecodeAChannelOfSeveralRowSetsInTimeOrderAndSkipRowsWithoutIt() throws Exception {
        open(ui + "#/sessions?folder=" + PREFIX);
        // in the page's own modules: channel 6 is in row sets [5, 6] (its u8 at byte 1) and [6, 7] (at byte 0)
        Object result = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.all([import('./js/rta.js'), import('./js/protobuf.js')]).then(([rta, pb]) => {"
                + "  const w = new pb.Writer();"
                + "  const row = (ids, t, bytes) => { w.tag(1, 2).fork(); w.packedUint32(1, ids);"
                + "    w.tag(2, 1).sfixed64(BigInt(t)); w.tag(3, 2).bytes(Uint8Array.from(bytes)); w.ldelim(); };"
                + "  row([5, 6], 2e9, [1, 20]); row([5, 6], 4e9, [1, 40]); row([6, 7], 1e9, [10, 9]);"
                + "  row([6, 7], 3e9, [30, 9]); row([8, 9], 5e9, [0, 0]);"
                + "  const types = new Map([[5, 'u8'], [6, 'u8'], [7, 'u8']]);"
                + "  const cols = { n: 0, t: new Float64Array(8), v: new Float64Array(8), ensure() {} };"
                + "  rta.decodeRowList(w.finish(), 6, (id) => types.get(id), cols);"
                + "  const t = cols.t.subarray(0, cols.n), v = cols.v.subarray(0, cols.n);"
                + "  rta.sortByTime(t, v);"
                + "  let untyped = '';"
                + "  try { rta.rowOffset([9, 6], 6, (id) => types.get(id)); } catch (e) { untyped = e.message; }"
                + "  done({ t: Array.from(t), v: Array.from(v), absent: rta.rowOffset([8, 9], 6, (id) => types.get(id)),"
                + "    untyped });"
                + "}).catch((e) => done({ error: String(e) }));");

        assertThat(result).isInstanceOf(Map.class);
        Map<?, ?> decoded = (Map<?, ?>) result;
        assertThat(decoded.get("error")).isNull();
        assertThat(((List<?>) decoded.get("t")).stream().map(x -> ((Number) x).doubleValue()).toList())
                .containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(((List<?>) decoded.get("v")).stream().map(x -> ((Number) x).doubleValue()).toList())
                .containsExactly(10.0, 20.0, 30.0, 40.0);
        assertThat(((Number) decoded.get("absent")).intValue()).isEqualTo(-1);
        assertThat((String) decoded.get("untyped")).contains("channel 9 of its row has no type");
        // an identity of '.' or '..' is refused (a URL would resolve it, percent-encoded or not, against the path);
        // others are one segment of the API's URL
        Object segments = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "import('./js/rta.js').then((rta) => done(['..', '.', '%2E%2E', 'a/b', '...'].map((s) => {"
                + "  try { return new URL('sessions/' + rta.pathSegment(s) + '/x', 'http://h/rta/v2/').pathname; }"
                + "  catch (e) { return 'refused: ' + e.message; } })))"
                + ".catch((e) => done([String(e)]));");
        assertThat(((List<?>) segments).stream().map(String::valueOf).toList()).containsExactly(
                "refused: '..' cannot be read: it is not one segment of a URL",
                "refused: '.' cannot be read: it is not one segment of a URL",
                "/rta/v2/sessions/%252E%252E/x", "/rta/v2/sessions/a%2Fb/x", "/rta/v2/sessions/.../x");
    }

    @Test
    @Order(4)
    void shouldZoomAndFetchOnlyTheVisibleRangeAtFullResolution() throws Exception {
        open(ui + "#/session/" + demo.raceIdentity() + "?p=vCar:demo");
        browser.await("vCar plotted", WAIT, () -> loaded("vCar") == SAMPLES);
        WebElement over = find("[data-channel='vCar'] .u-over");
        int width = over.getSize().getWidth();
        new Actions(browser.driver()).moveToElement(over, -width / 2 + width * 40 / 100, 0).clickAndHold()
                .moveByOffset(width / 10, 0).release().perform();
        browser.await("a narrower range", WAIT, () -> {
            List<?> range = (List<?>) plot("vCar").get("range");
            double span = ((Number) range.get(1)).doubleValue() - ((Number) range.get(0)).doubleValue();
            return span < SAMPLES / 1000.0 / 5;
        });
        Thread.sleep(500); // the range fetch starts 150 ms after the zoom settles
        browser.await("the visible range at full resolution", WAIT, () -> {
            Map<?, ?> p = plot("vCar");
            List<?> range = (List<?>) p.get("range");
            double t0 = ((Number) range.get(0)).doubleValue();
            double t1 = ((Number) range.get(1)).doubleValue();
            long start = Demo.RACE_START.getEpochSecond();
            long first = (long) Math.ceil((t0 - start) * 1000 - 1e-6);
            long last = (long) Math.floor((t1 - start) * 1000 + 1e-6);
            return loaded("vCar") == last - first + 1;
        });
        Map<?, ?> zoomed = plot("vCar");
        List<?> t = (List<?>) ((Map<?, ?>) zoomed.get("loaded")).get("t");
        List<?> v = (List<?>) ((Map<?, ?>) zoomed.get("loaded")).get("v");
        long start = Demo.RACE_START.getEpochSecond();
        for (int i = 0; i < t.size(); i += 53) {
            long index = Math.round((((Number) t.get(i)).doubleValue() - start) * 1000);
            assertThat(((Number) v.get(i)).doubleValue()).isCloseTo(DemoRace.speedRaw(index) * 0.01, within(1e-9));
        }
        shot("05-zoom");
    }

    @Test
    @Order(5)
    void shouldFollowALiveSessionAndStopWhenItCloses() throws Exception {
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                demo.writeLive(quiet());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        browser.await("the live session", WAIT, () -> server.http().get("/rta/v2/sessions/" + demo.liveIdentity())
                .statusCode() == 200);
        open(ui + "#/session/" + demo.liveIdentity() + "?p=Live01:live,Live02:live,LiveRow:live");
        browser.await("the viewer following the live session", WAIT, () -> "live".equals(liveStatus()));
        browser.await("live samples", WAIT, () -> loaded("Live01") > 0);
        double first = lastTime("Live01");
        browser.await("new samples arriving", WAIT, () -> lastTime("Live01") > first + 2);
        shot("06-live");
        // what arrived over the stream is what was written: value(i) at start + i / rate
        long startNs = server.http().getJson("/rta/v2/sessions/" + demo.liveIdentity()).get("timeRange")
                .get("startTime").asLong();
        Map<?, ?> live = plot("Live01");
        List<?> t = (List<?>) ((Map<?, ?>) live.get("loaded")).get("t");
        List<?> v = (List<?>) ((Map<?, ?>) live.get("loaded")).get("v");
        assertThat(t).isNotEmpty();
        for (int i = 0; i < t.size(); i += 7) {
            double seconds = ((Number) t.get(i)).doubleValue() - startNs / 1e9;
            long index = Math.round(seconds * 100);
            double expected = (30000 + (int) (20000 * Math.sin(2 * Math.PI * (index / 100.0 / 4)))) * 0.01;
            assertThat(((Number) v.get(i)).doubleValue()).as("live sample at %.3f s", seconds)
                    .isCloseTo(expected, within(1e-9));
        }
        // the row set's LiveRow (u16 after LiveFlag's u8 in each row): one row per 0.1 s burst, from the REST read
        // on opening and from the stream after it
        browser.await("live rows", WAIT, () -> loaded("LiveRow") > 0);
        double firstRow = lastTime("LiveRow");
        browser.await("new rows arriving", WAIT, () -> lastTime("LiveRow") > firstRow + 1);
        Map<?, ?> rows = (Map<?, ?>) plot("LiveRow").get("loaded");
        List<?> rt = (List<?>) rows.get("t");
        List<?> rv = (List<?>) rows.get("v");
        assertThat(rt).hasSizeGreaterThan(10);
        for (int i = 0; i < rt.size(); i++) {
            long burst = Math.round((((Number) rt.get(i)).doubleValue() - startNs / 1e9) * 10);
            assertThat(((Number) rv.get(i)).doubleValue()).as("LiveRow of burst %d", burst)
                    .isCloseTo(DemoRace.liveRowRaw(burst) * 0.01, within(1e-9));
        }
        writer.get(120, java.util.concurrent.TimeUnit.SECONDS);
        browser.await("the viewer seeing the session closed", WAIT, () -> "closed".equals(liveStatus()));
        shot("07-live-closed");
    }

    @Test
    @Order(6)
    void shouldShowErrorsAsMessagesAndServeTheApiPage() throws Exception {
        open(ui + "#/session/no-such-session-" + PREFIX);
        // the server's JSON error body, as a message (not a blank page)
        browser.await("an error message", WAIT, () -> browser.driver().findElement(By.tagName("body")).getText()
                .contains("not found (HTTP 404)"));
        shot("08-error");

        open(ui + "api/");
        browser.await("Swagger UI rendering api.yaml", WAIT, () -> browser.driver().findElements(
                By.cssSelector(".swagger-ui .opblock")).size() >= 10);
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("/sessions/{identity}");
        shot("09-api");
    }

    @Test
    @Order(7)
    void shouldLogInThroughTheGatewayWithPkceAndSendTheTokenOnEveryRequest() throws Exception {
        MockOAuth2Server provider = OidcProviders.startWithAudience("rta", "rta-api");
        try (GatewayServer gateway = GatewayServer.start(Options.load(GatewayOptions.ALL, new String[] {
            "--HttpPort", Integer.toString(FreePorts.next()), "--SessionServiceUri", server.baseUrl(),
            "--ConfigServiceUri", server.baseUrl(), "--DataServiceUris:rta", server.baseUrl(),
            "--EnableAuth", "true", "--Auth:Authority", provider.issuerUrl("rta").toString(),
            "--Auth:Audience", "rta-api", "--Auth:ClientId", "rta-gateway", "--Auth:ClientSecret", "gateway-secret",
            "--Ui:ClientId", "rta-viewer"},
                Map.of(), Scratch.dir("viewer-gateway-")))) {
            String base = "http://127.0.0.1:" + gateway.httpPort();
            assertThat(new Http(base).get("/rta/v2/sessions").statusCode()).isEqualTo(401);
            open(base + "/ui/#/sessions?folder=" + PREFIX);
            // the provider signs the user in without a form (mock-oauth2-server), redirects back with a code, the
            // page exchanges it (PKCE) and lists the sessions through the gateway with the token
            try {
                awaitRows("the folder's sessions through the gateway, logged in", rows -> rows.size() == 50);
            } catch (IllegalStateException e) {
                shot("10-gateway-failed");
                throw new AssertionError(e.getMessage() + " at " + browser.driver().getCurrentUrl() + "; page: "
                        + browser.driver().findElement(By.tagName("body")).getText(), e);
            }
            assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
            String token = String.valueOf(browser.script("return sessionStorage.getItem('rta.viewer.token')"));
            assertThat(token).startsWith("ey");
                assertThat(new Http(base).get("/rta/v2/sessions", "Authorization", "Bearer " + token).statusCode())
                    .isEqualTo(200);
            shot("10-gateway-logged-in");
        } finally {
            OidcProviders.shutdown(provider);
        }
    }

    @Test
    @Order(8)
    void shouldFoldALongReadIntoTheSameMinMaxSummaryInWorkersAsOnTheMainThread() throws Exception {
        // a read projected beyond the summary threshold (lowered here from 2,000,000 to 20,000 samples, so the race's
        // 200,000-sample channel takes the path of a 10-million-sample one) is folded into a min/max summary: read in
        // time segments by the decoding workers and merged, or on the main thread when workers are turned off
        open(ui + "#/sessions?folder=" + PREFIX);
        browser.script("localStorage.setItem('rta.viewer.summaryThreshold', '20000')");
        try {
            Map<?, ?> workers = summaryRead("on");
            Map<?, ?> mainThread = summaryRead("off");
            shot("11-summary");
            List<?> t = (List<?>) ((Map<?, ?>) workers.get("loaded")).get("t");
            List<?> v = (List<?>) ((Map<?, ?>) workers.get("loaded")).get("v");
            assertThat(t).as("the summary's points").hasSizeBetween(1_000, 4 * 8192 + 2);
            assertThat(((Map<?, ?>) mainThread.get("loaded")).get("t")).as("times, main thread vs workers")
                    .isEqualTo(t);
            assertThat(((Map<?, ?>) mainThread.get("loaded")).get("v")).as("values, main thread vs workers")
                    .isEqualTo(v);
            // every point is a sample that was written (time and converted value), and the extremes are kept
            long start = Demo.RACE_START.getEpochSecond();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (long i = 0; i < SAMPLES; i++) {
                min = Math.min(min, DemoRace.speedRaw(i) * 0.01);
                max = Math.max(max, DemoRace.speedRaw(i) * 0.01);
            }
            double drawnMin = Double.POSITIVE_INFINITY;
            double drawnMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < t.size(); i++) {
                double seconds = ((Number) t.get(i)).doubleValue() - start;
                long index = Math.round(seconds * 1000);
                assertThat(seconds).as("time of point %d", i).isCloseTo(index / 1000.0, within(1e-6));
                double value = ((Number) v.get(i)).doubleValue();
                assertThat(value).as("point %d (sample %d) in km/h", i, index)
                        .isCloseTo(DemoRace.speedRaw(index) * 0.01, within(1e-9));
                drawnMin = Math.min(drawnMin, value);
                drawnMax = Math.max(drawnMax, value);
            }
            assertThat(drawnMin).as("the lowest sample is kept").isEqualTo(min);
            assertThat(drawnMax).as("the highest sample is kept").isEqualTo(max);
        } finally {
            browser.script("localStorage.removeItem('rta.viewer.summaryThreshold');"
                    + " localStorage.removeItem('rta.viewer.workers')");
        }
    }

    /** Opens the race with vCar plotted, workers "on" or "off", and returns the plot once read as a summary. */
    private static Map<?, ?> summaryRead(String workers) {
        browser.script("localStorage.setItem('rta.viewer.workers', arguments[0])", workers);
        open(ui + "#/session/" + demo.raceIdentity() + "?p=vCar:demo");
        browser.await("vCar read as a min/max summary of all its samples (workers " + workers + ")", WAIT,
                () -> "true".equals(find("[data-channel='vCar']").getAttribute("data-summary"))
                        && loaded("vCar") == SAMPLES);
        assertThat(browser.script("return window.rtaViewer.timings.lastReadPath"))
                .isEqualTo("on".equals(workers) ? "workers" : "main");
        return plot("vCar");
    }

    private static String liveStatus() {
        return String.valueOf(browser.script(
                "const s = document.getElementById('live-status'); return s && s.textContent.trim()"));
    }

    private static long loaded(String channel) {
        Object value = browser.script("const p = document.querySelector('[data-channel=\"' + arguments[0] + '\"]');"
                + " return p ? Number(p.dataset.loaded || 0) : -1", channel);
        return value instanceof Number n ? n.longValue() : -1;
    }

    private static double lastTime(String channel) {
        Object value = browser.script("const p = window.rtaViewer.plots().find(p => p.channel === arguments[0]);"
                + " return p && p.loaded.t.length ? p.loaded.t[p.loaded.t.length - 1] : 0", channel);
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static Map<?, ?> plot(String channel) {
        Object value = browser.script("return window.rtaViewer.plots().find(p => p.channel === arguments[0])",
                channel);
        assertThat(value).as("plot of " + channel).isInstanceOf(Map.class);
        return (Map<?, ?>) value;
    }
}
