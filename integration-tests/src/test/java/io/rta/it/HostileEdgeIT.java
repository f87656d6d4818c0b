package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.rta.proto.toolkit.session.ListSessionsRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an attacker (or a broken client) sends to the edge, over real sockets against the all-in-one server: each is
 * answered with the exact status and JSON body (or gRPC status) it deserves, and the server stays healthy after it.
 */
class HostileEdgeIT {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int MIB = 1024 * 1024;

    private final TestServer server = TestServer.shared();

    @Test
    void shouldAnswerAMalformedRequestLineWithJson400() {
        RawHttp.Answer answer = RawHttp.send(server.httpPort(), "GARBAGE\u0001 / HTTP/1.1\r\nHost: x");

        assertAnswer(answer, 400, "{\"code\":400,\"message\":\"Illegal character CNTL=0x1\"}");
        assertHealthy(server);
    }

    @Test
    void shouldAnswerAnOverlongUriWithJson414() {
        RawHttp.Answer answer = RawHttp.send(server.httpPort(), "GET /rta/v2/sessions?query=" + "a".repeat(10_000)
                + " HTTP/1.1\r\nHost: x\r\nConnection: close");

        assertAnswer(answer, 414, "{\"code\":414,\"message\":\"URI Too Long: the request line and headers may take "
                + "at most 8192 bytes\"}");
        assertHealthy(server);
    }

    @Test
    void shouldAnswerOverlongHeadersWithJson431() {
        RawHttp.Answer answer = RawHttp.send(server.httpPort(), "GET /rta/v2/sessions HTTP/1.1\r\nHost: x\r\n"
                + "X-Padding: " + "p".repeat(64 * 1024) + "\r\nConnection: close");

        assertAnswer(answer, 431, "{\"code\":431,\"message\":\"Request Header Fields Too Large: the request line and "
                + "headers may take at most 8192 bytes\"}");
        assertHealthy(server);
    }

    @Test
    void shouldAnswerAnEncodedSlashInAPathWithJson400() {
        // not under an identity route (those take an encoded slash in their identity segment)
        RawHttp.Answer answer = RawHttp.send(server.httpPort(), "GET /rta/v2/session-metamodel%2Fx HTTP/1.1\r\n"
                + "Host: x\r\nAccept: text/html\r\nConnection: close");

        assertAnswer(answer, 400, "{\"code\":400,\"message\":\"Ambiguous URI path separator\"}");
        assertHealthy(server);
    }

    /** Jetty's parser refuses these with a bare "Bad Request"; the answer says what is wrong with the URI. */
    @Test
    void shouldAnswerANulOrABrokenPercentEscapeInAPathWithJson400SayingWhatIsWrong() {
        for (String path : List.of("/rta/v2/sessions/a%00b", "/rta/v2/data/a%00b/events")) {
            assertAnswer(RawHttp.send(server.httpPort(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close"),
                    400, "{\"code\":400,\"message\":\"Bad Request: malformed request URI: Illegal character in path "
                            + "(control characters such as %00 are not allowed)\"}");
        }
        assertAnswer(RawHttp.send(server.httpPort(), "GET /rta/v2/sessions/a%zzb HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close"), 400, "{\"code\":400,\"message\":\"Bad Request: malformed request URI: a '%' "
                + "must be followed by two hexadecimal digits\"}");
        assertHealthy(server);
    }

    @Test
    void shouldAnswerAnUnknownPathWithJson404() {
        RawHttp.Answer answer = RawHttp.send(server.httpPort(), "GET /wp-login.php HTTP/1.1\r\nHost: x\r\n"
                + "Accept: text/html\r\nConnection: close");

        assertAnswer(answer, 404, "{\"code\":404,\"message\":\"HTTP 404 Not Found\"}");
        assertHealthy(server);
    }

    @Test
    void shouldAnswerAMethodNotAllowedWithJson405() {
        RawHttp.Answer delete = RawHttp.send(server.httpPort(), "DELETE /rta/v2/sessions HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close");
        RawHttp.Answer trace = RawHttp.send(server.httpPort(), "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close");

        assertAnswer(delete, 405, "{\"code\":405,\"message\":\"HTTP 405 Method Not Allowed\"}");
        assertAnswer(trace, 405, "{\"code\":405,\"message\":\"Method Not Allowed\"}");
        assertHealthy(server);
    }

    @Test
    void shouldAnswerAJsonBodyOnTheSessionQueryWith415NamingTheFormType() {
        byte[] json = "{\"query\":\"{}\"}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.send(server.httpPort(), "POST /rta/v2/sessions HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\nConnection: close", json);

        assertAnswer(answer, 415, "{\"code\":415,\"message\":\"Content-Type 'application/json' is not supported here; "
                + "send " + FORM + "\"}");
        assertHealthy(server);
    }

    @Test
    void shouldRefuseAFormOverTheBodyLimitWith413() {
        byte[] form = ("query=" + "a".repeat(2 * MIB)).getBytes(StandardCharsets.US_ASCII);
        RawHttp.Answer answer = RawHttp.send(server.httpPort(), "POST /rta/v2/sessions HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: " + FORM + "\r\nContent-Length: " + form.length, form);

        assertAnswer(answer, 413, "{\"code\":413,\"message\":\"the request body (bytes) is " + form.length
                + "; at most 1048576 allowed (MaxRequestBodySize)\"}");
        assertHealthy(server);
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitWith413() {
        RawHttp.Answer answer = RawHttp.send(server.httpPort(), "POST /rta/v2/sessions HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: " + FORM + "\r\nTransfer-Encoding: chunked", RawHttp.chunked(2 * MIB));

        assertAnswer(answer, 413, "{\"code\":413,\"message\":\"the request body (bytes) is more than 1048576; at most "
                + "1048576 allowed (MaxRequestBodySize)\"}");
        assertHealthy(server);
    }

    @Test
    void shouldNotServeTheAdminServletOnTheApiPort() {
        RawHttp.Answer threads = RawHttp.send(server.httpPort(), "GET /admin/threads HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close");
        RawHttp.Answer gc = RawHttp.send(server.httpPort(), "POST /admin/tasks/gc HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 0\r\nConnection: close");
        RawHttp.Answer logLevel = RawHttp.send(server.httpPort(), "POST /admin/tasks/log-level?logger=ROOT&level=OFF "
                + "HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close");

        for (RawHttp.Answer answer : List.of(threads, gc, logLevel)) {
            assertAnswer(answer, 404, "{\"code\":404,\"message\":\"HTTP 404 Not Found\"}");
        }
        assertHealthy(server);
    }

    @Test
    void shouldAnswerAnUnparseableGrpcRequestWithInvalidArgument() {
        String method = SessionStoreGrpc.getGetSessionMethod().getFullMethodName();
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(method)
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

        // field 1 (identity) claims 5 bytes and holds one
        Expect.status(() -> ClientCalls.blockingUnaryCall(server.channel(), raw,
                        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), new byte[] {0x0A, 0x05, 'a'}),
                Status.Code.INVALID_ARGUMENT, "the request to " + method + " is not a valid GetSessionRequest: "
                        + "While parsing a protocol message, the input ended unexpectedly in the middle of a field.");
        assertHealthy(server);
    }

    /** The limits that need small values to reach: a server of their own. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithSmallLimits {

        private TestServer small;

        @BeforeAll
        void start() {
            small = TestServer.create().option("MaxConcurrentReads", "1").option("MaxQueuedReads", "1")
                    .option("MaxHealthWatchers", "2").start();
        }

        @AfterAll
        void stop() {
            small.close();
        }

        @Test
        void shouldRefuseHealthWatchersBeyondTheLimitWithResourceExhausted() throws Exception {
            List<io.grpc.Context.CancellableContext> calls = new ArrayList<>();
            List<BlockingQueue<Object>> watchers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    io.grpc.Context.CancellableContext call = io.grpc.Context.current().withCancellation();
                    BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
                    call.run(() -> HealthGrpc.newStub(small.channel())
                            .watch(HealthCheckRequest.getDefaultInstance(), into(answers)));
                    calls.add(call);
                    watchers.add(answers);
                    // one at a time, so which is the third is not a race
                    Object first = answers.poll(30, TimeUnit.SECONDS);
                    if (i < 2) {
                        assertThat(first).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
                    } else {
                        assertThat(first).isInstanceOfSatisfying(Status.class, status -> {
                            assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                            assertThat(status.getDescription())
                                    .isEqualTo("open Health.Watch calls is 3; at most 2 allowed (MaxHealthWatchers)");
                        });
                    }
                }
                assertHealthy(small);
            } finally {
                calls.forEach(call -> call.cancel(null));
            }
        }

        @Test
        void shouldRefuseReadsBeyondTheQueueWith503AndResourceExhausted() throws Exception {
            String stalled = "POST /rta/v2/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: " + FORM
                    + "\r\nContent-Length: 1000";
            byte[] start = "query=".getBytes(StandardCharsets.US_ASCII);
            // a query whose form never finishes arriving holds its read slot; a second one waits for the slot
            try (Socket running = RawHttp.hold(small.httpPort(), stalled, start)) {
                awaitGauge("rta_reads_running", 1);
                try (Socket waiting = RawHttp.hold(small.httpPort(), stalled, start)) {
                    awaitGauge("rta_reads_queued", 1);

                    HttpResponse<byte[]> refused = small.http().get("/rta/v2/sessions");

                    Expect.restError(refused, 503, "MaxQueuedReads");
                    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                    Expect.json(Http.json(refused), "{\"code\": 503, \"message\": \"reads waiting for one of the 1 "
                            + "read slots (MaxConcurrentReads) is 2; at most 1 allowed (MaxQueuedReads); retry "
                            + "shortly\"}");
                    Expect.status(() -> small.sessions().listSessions(ListSessionsRequest.getDefaultInstance()),
                            Status.Code.RESOURCE_EXHAUSTED, "reads waiting for one of the 1 read slots "
                                    + "(MaxConcurrentReads) is 2; at most 1 allowed (MaxQueuedReads); retry shortly");
                    assertHealthy(small);
                }
            }
            awaitGauge("rta_reads_queued", 0);
            awaitGauge("rta_reads_running", 0);

            assertThat(small.http().get("/rta/v2/sessions").statusCode()).isEqualTo(200);
            assertHealthy(small);
        }

        private void awaitGauge(String name, int value) throws InterruptedException {
            Pattern sample = Pattern.compile("^" + name + " (\\S+)$", Pattern.MULTILINE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            double last = Double.NaN;
            while (System.nanoTime() < deadline) {
                Matcher matcher = sample.matcher(Http.text(Http.ok(small.http().get("/metrics"))));
                if (matcher.find()) {
                    last = Double.parseDouble(matcher.group(1));
                    if (last == value) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError(name + " did not reach " + value + " (last " + last + ")");
        }
    }

    private static void assertAnswer(RawHttp.Answer answer, int status, String body) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.headers().toString()).startsWith("application/json");
        Expect.json(Expect.parse(answer.body()), body);
    }

    private static void assertHealthy(TestServer server) {
        HttpResponse<byte[]> health = server.http().get("/health");
        assertThat(health.statusCode()).as(Http.text(health)).isEqualTo(200);
    }

    private static StreamObserver<HealthCheckResponse> into(BlockingQueue<Object> answers) {
        return new StreamObserver<>() {
            @Override
            public void onNext(HealthCheckResponse value) {
                answers.add(value.getStatus());
            }

            @Override
            public void onError(Throwable error) {
                answers.add(Status.fromThrowable(error));
            }

            @Override
            public void onCompleted() {
                answers.add("completed");
            }
        };
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
}
