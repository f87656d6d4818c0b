package io.rta.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rta.service.metrics.ProcessMetrics;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.service.config.EdgeLimits;
import io.rta.service.edge.ReadLimiter;
import io.rta.service.errors.InternalErrors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge over real sockets against a real Jetty: every error is the JSON body (Jetty's own included), the body
 * limit, the read slots, the admin servlet off the API port, unexpected failures as 500 with a correlation id.
 */
class HttpServerEdgeTest {

    private static final Pattern CORRELATION_ID = Pattern.compile("correlation id ([0-9a-f]{16})");
    private static final int BODY_LIMIT = 64 * 1024;

    private static final ReadLimiter READS = new ReadLimiter(1, 1);
    private static final TestResource RESOURCE = new TestResource();
    private static HttpServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        EdgeLimits limits = new EdgeLimits(BODY_LIMIT, 1, 1, 10, 10, 65_535, 30_000);
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, OptionalInt.of(freePort()), "text", limits, READS);
        server = HttpServer.start(new ServiceInfo("edge-test", "dev", List.of(), "test", "test", false), settings,
                ProcessMetrics.bare(), new HealthCheckRegistry(), jersey -> jersey.register(RESOURCE), env -> { });
        port = server.port();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void shouldAnswerAMalformedRequestLineWithJson400() {
        RawHttp.Answer answer = RawHttp.send(port, "GARBAGE\u0001 / HTTP/1.1\r\nHost: x");

        assertJsonError(answer, 400);
    }

    @Test
    void shouldAnswerAnOverlongUriWithJson414() {
        RawHttp.Answer answer = RawHttp.send(port, "GET /rta/v2/sessions?q=" + "a".repeat(10_000)
                + " HTTP/1.1\r\nHost: x\r\nConnection: close");

        assertJsonError(answer, 414);
        assertThat(answer.body()).contains("at most 8192 bytes");
    }

    @Test
    void shouldAnswerOverlongHeadersWithJson431() {
        RawHttp.Answer answer = RawHttp.send(port, "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(64 * 1024)
                + "\r\nConnection: close");

        assertJsonError(answer, 431);
    }

    @Test
    void shouldAnswerAnEncodedSlashInAPathWithJson400() {
        RawHttp.Answer answer = RawHttp.send(port, "GET /rta/v2/sessions/a%2Fb HTTP/1.1\r\nHost: x\r\n"
                + "Accept: text/html\r\nConnection: close");

        assertJsonError(answer, 400);
        assertThat(answer.body()).contains("Ambiguous URI path separator");
    }

    @Test
    void shouldAnswerAnUnknownPathWithJson404() {
        RawHttp.Answer answer = RawHttp.send(port, "GET /no/such/thing HTTP/1.1\r\nHost: x\r\n"
                + "Accept: text/html\r\nConnection: close");

        assertThat(answer.body()).isEqualTo("{\"code\":404,\"message\":\"HTTP 404 Not Found\"}");
        assertJsonError(answer, 404);
    }

    @Test
    void shouldAnswerAMethodNotAllowedWithJson405() {
        assertJsonError(RawHttp.send(port, "DELETE /health HTTP/1.1\r\nHost: x\r\nConnection: close"), 405);
        assertJsonError(RawHttp.send(port, "TRACE /health HTTP/1.1\r\nHost: x\r\nConnection: close"), 405);
    }

    @Test
    void shouldAnswerAWrongContentTypeWith415NamingTheAcceptedType() {
        byte[] json = "{\"query\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.send(port, "POST /rta/v2/test/form HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\nConnection: close", json);

        assertThat(answer.body()).isEqualTo("{\"code\":415,\"message\":\"Content-Type 'application/json' is not "
                + "supported here; send application/x-www-form-urlencoded\"}");
        assertJsonError(answer, 415);
    }

    @Test
    void shouldTakeAPostWithoutContentTypeAndBodyAsAnEmptyForm() {
        RawHttp.Answer answer = RawHttp.send(port, "POST /rta/v2/test/form HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 0\r\nConnection: close");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"fields\":0}");
    }

    @Test
    void shouldRefuseABodyOverTheLimitWith413BeforeReadingIt() {
        byte[] form = ("query=" + "a".repeat(2 * BODY_LIMIT)).getBytes(StandardCharsets.US_ASCII);
        int formsBefore = RESOURCE.forms;
        RawHttp.Answer answer = RawHttp.send(port, "POST /rta/v2/test/form HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length, form);

        assertThat(answer.body()).isEqualTo("{\"code\":413,\"message\":\"the request body (bytes) is " + form.length
                + "; at most " + BODY_LIMIT + " allowed (MaxRequestBodySize)\"}");
        assertJsonError(answer, 413);
        assertThat(RESOURCE.forms).as("the resource never saw the form").isEqualTo(formsBefore);
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitWith413() {
        RawHttp.Answer answer = RawHttp.send(port, "POST /rta/v2/test/form HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked",
                RawHttp.chunked(4 * BODY_LIMIT));

        assertThat(answer.body()).isEqualTo("{\"code\":413,\"message\":\"the request body (bytes) is more than "
                + BODY_LIMIT + "; at most " + BODY_LIMIT + " allowed (MaxRequestBodySize)\"}");
        assertJsonError(answer, 413);
    }

    @Test
    void shouldTakeAChunkedBodyWithinTheLimit() {
        RawHttp.Answer answer = RawHttp.send(port, "POST /rta/v2/test/form HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close", RawHttp.chunked(BODY_LIMIT / 2));

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void shouldNotServeTheAdminServletOnTheApiPort() {
        RawHttp.Answer threads = RawHttp.send(port, "GET /admin/threads HTTP/1.1\r\nHost: x\r\nConnection: close");
        RawHttp.Answer gc = RawHttp.send(port, "POST /admin/tasks/gc HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Connection: close");

        assertJsonError(threads, 404);
        assertJsonError(gc, 404);
    }

    @Test
    void shouldServeTheAdminServletOnItsLoopbackPort() {
        RawHttp.Answer ping = RawHttp.send(server.adminPort(), "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close");

        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.body().trim()).isEqualTo("pong");
    }

    @Test
    void shouldAnswerAnUnexpectedFailureWith500AndACorrelationIdThatIsInTheLog() {
        ListAppender<ILoggingEvent> log = capture();
        try {
            RawHttp.Answer runtime = RawHttp.send(port, "GET /rta/v2/test/boom HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close");
            RawHttp.Answer checked = RawHttp.send(port, "GET /rta/v2/test/checked HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close");

            for (RawHttp.Answer answer : List.of(runtime, checked)) {
                assertJsonError(answer, 500);
                assertThat(answer.body()).doesNotContain("secret").doesNotContain("Exception");
                Matcher id = CORRELATION_ID.matcher(answer.body());
                assertThat(id.find()).as(answer.body()).isTrue();
                assertThat(answer.body()).isEqualTo("{\"code\":500,\"message\":\"internal error (correlation id "
                        + id.group(1) + "); the server log has the details\"}");
                assertThat(log.list).anySatisfy(event -> {
                    assertThat(event.getFormattedMessage()).contains(id.group(1));
                    assertThat(event.getThrowableProxy().getMessage()).contains("secret");
                });
            }
        } finally {
            release(log);
        }
    }

    @Test
    void shouldQueueReadsBeyondTheSlotsAndRefuseThoseBeyondTheQueueWith503() throws Exception {
        RESOURCE.gate = new CountDownLatch(1);
        CompletableFuture<RawHttp.Answer> running = CompletableFuture.supplyAsync(() -> RawHttp.send(port,
                "GET /rta/v2/test/slow HTTP/1.1\r\nHost: x\r\nConnection: close"));
        RESOURCE.entered.acquire();
        CompletableFuture<RawHttp.Answer> waiting = CompletableFuture.supplyAsync(() -> RawHttp.send(port,
                "GET /rta/v2/test/slow HTTP/1.1\r\nHost: x\r\nConnection: close"));
        while (READS.queued() < 1) {
            Thread.sleep(10);
        }

        RawHttp.Answer refused = RawHttp.send(port, "GET /rta/v2/test/slow HTTP/1.1\r\nHost: x\r\nConnection: close");
        RawHttp.Answer upgrading = RawHttp.send(port, "GET /rta/v2/test/slow HTTP/1.1\r\nHost: x\r\n"
                + "Connection: Upgrade\r\nUpgrade: websocket");
        RawHttp.Answer info = RawHttp.send(port, "GET /rta/v2/info HTTP/1.1\r\nHost: x\r\nConnection: close");
        RawHttp.Answer health = RawHttp.send(port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close");
        RESOURCE.gate.countDown();

        assertThat(refused.body()).isEqualTo("{\"code\":503,\"message\":\"reads waiting for one of the 1 read slots "
                + "(MaxConcurrentReads) is 2; at most 1 allowed (MaxQueuedReads); retry shortly\"}");
        assertJsonError(refused, 503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(upgrading.status()).as("an Upgrade header does not skip the slots").isEqualTo(503);
        assertThat(info.status()).as("/rta/v2/info takes no slot").isEqualTo(200);
        assertThat(health.status()).as("/health takes no slot").isEqualTo(200);
        assertThat(running.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(waiting.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        // the slots are freed once each answer is complete, just after the client has it
        while (READS.running() + READS.queued() > 0) {
            Thread.sleep(5);
        }
    }

    private static void assertJsonError(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.headers().toString()).startsWith("application/json");
        assertThat(answer.body()).startsWith("{\"code\":" + status + ",\"message\":\"");
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(InternalErrors.class)).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(InternalErrors.class)).detachAppender(appender);
    }

    private static int freePort() {
        return io.rta.service.net.FreePorts.next();
    }

    /** Resources that fail, take a form, or wait for the test. */
    @Path("/rta/v2/test")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class TestResource {

        volatile int forms;
        volatile CountDownLatch gate = new CountDownLatch(0);
        final java.util.concurrent.Semaphore entered = new java.util.concurrent.Semaphore(0);

        @GET
        @Path("boom")
        public String boom() {
            throw new IllegalStateException("a secret the client must not see");
        }

        @GET
        @Path("checked")
        public String checked() throws IOException {
            throw new IOException("a secret the client must not see");
        }

        @POST
        @Path("form")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        public Map<String, Integer> form(MultivaluedMap<String, String> form) {
            forms++;
            return Map.of("fields", form == null ? 0 : form.size());
        }

        @GET
        @Path("slow")
        public Map<String, String> slow() throws InterruptedException {
            entered.release();
            gate.await(60, TimeUnit.SECONDS);
            return Map.of("done", "yes");
        }
    }
}
