package io.rta.gateway;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.rta.service.http.HttpServer;
import io.rta.service.http.ServiceInfo;
import io.rta.service.metrics.ProcessMetrics;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Real HTTP servers (our own {@link HttpServer}: Jetty and Jersey on real sockets) standing in for the services behind
 * the gateway, answering what the tests need to see: the request as it arrived, large and slow bodies, errors, data
 * bindings, and an echoing live WebSocket.
 */
public final class StandInServices {

    public static final String SUB_PROTOCOL = "mat.ocs.rta.stream-lz4";
    /** Session identity to data-bindings JSON; a session not in it is 404. */
    public static final Map<String, String> BINDINGS = new ConcurrentHashMap<>();
    static final int BIG_BODY_BYTES = 8 * 1024 * 1024 + 13;
    /** How often the data bindings were asked for. */
    public static final AtomicInteger BINDINGS_READS = new AtomicInteger();

    private StandInServices() {
    }

    public static HttpServer start() throws Exception {
        // as the session and config services: identities may hold an encoded '/' or '%'
        io.rta.service.http.HttpSettings settings = io.rta.service.http.HttpSettings.of(0, "text");
        for (String prefix : List.of(io.rta.service.http.ApiPaths.SESSIONS, io.rta.service.http.ApiPaths.SESSION_FOLDERS,
                io.rta.service.http.ApiPaths.CONFIGS)) {
            settings = settings.withEncodedSlashesUnder(prefix);
        }
        return HttpServer.start(new ServiceInfo("stand-in", "test", List.of(), "stand-in", "", false), settings,
                ProcessMetrics.create(), new HealthCheckRegistry(), jersey -> jersey.register(new Api()),
                environment -> {
                    JettyWebSocketServletContainerInitializer.configure(environment.getApplicationContext(),
                            (context, container) -> container.setIdleTimeout(Duration.ofMinutes(1)));
                    environment.servlets().addFilter("echo", new EchoUpgrade())
                            .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/rta/v2/sessions/*");
                });
    }

    /** What a request looked like when it arrived. */
    @Path("/rta/v2")
    public static final class Api {

        @GET
        @Path("sessions/{identity}")
        public Response echo(@Context UriInfo uri, @Context HttpHeaders headers) {
            return Response.ok("{\"path\":\"" + uri.getRequestUri().getRawPath() + "\",\"query\":\""
                    + uri.getRequestUri().getRawQuery() + "\",\"authorization\":\""
                    + headers.getHeaderString("Authorization") + "\",\"forwardedFor\":\""
                    + headers.getHeaderString("X-Forwarded-For") + "\"}", "application/json")
                    .header("X-Stand-In", "yes").build();
        }

        @POST
        @Path("sessions")
        public Response query(byte[] body, @Context HttpHeaders headers) {
            return Response.ok(body, "text/plain").header("X-Content-Type", headers.getMediaType()).build();
        }

        @GET
        @Path("session-folders/{parent: .*}")
        public Response missing(@PathParam("parent") String parent) {
            return Response.status(404).type("application/json")
                    .entity("{\"code\":404,\"message\":\"folder '" + parent + "' not found\"}").build();
        }

        @GET
        @Path("session-metamodel")
        public StreamingOutput big() {
            return out -> {
                byte[] block = new byte[64 * 1024];
                for (int sent = 0; sent < BIG_BODY_BYTES; sent += block.length) {
                    for (int i = 0; i < block.length; i++) {
                        block[i] = (byte) (sent + i);
                    }
                    out.write(block, 0, Math.min(block.length, BIG_BODY_BYTES - sent));
                }
            };
        }

        @GET
        @Path("session-metamodel/properties")
        public StreamingOutput stalls() {
            return out -> {
                out.write(new byte[100_000]);
                out.flush();
                sleep(Duration.ofSeconds(5));
            };
        }

        @GET
        @Path("configs/{identifier}")
        public Response slow(@PathParam("identifier") String identifier) {
            if (identifier.equals("slow")) {
                sleep(Duration.ofSeconds(5));
            }
            return Response.ok("{\"config\":\"" + identifier + "\"}", "application/vnd.mat.config+json").build();
        }

        @HEAD
        @Path("configs/{identifier}")
        public Response has(@PathParam("identifier") String identifier) {
            return Response.status(identifier.equals("known") ? 200 : 404).build();
        }

        @GET
        @Path("sessions/{identity}/data-bindings")
        public Response bindings(@PathParam("identity") String identity) {
            BINDINGS_READS.incrementAndGet();
            String json = BINDINGS.get(identity);
            return json == null
                    ? Response.status(404).type("application/json")
                            .entity("{\"code\":404,\"message\":\"session '" + identity + "' not found\"}").build()
                    : Response.ok(json, "application/json").build();
        }

        /** A data service: answers any read with bytes naming what was asked (the gateway relays, never decodes). */
        @GET
        @Path("data/{identity}/{rest: .*}")
        public Response data(@Context UriInfo uri) {
            return Response.ok(("relayed " + uri.getRequestUri().getRawPath() + "?"
                    + uri.getRequestUri().getRawQuery()).getBytes(StandardCharsets.UTF_8),
                    "application/vnd.mat.protobuf+chunked").build();
        }

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Upgrades {@code .../stream} to an echo: binary back as sent; the text {@code close:N} closes with code N. */
    static final class EchoUpgrade extends HttpFilter {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (!request.getRequestURI().endsWith("/stream")) {
                chain.doFilter(request, response);
                return;
            }
            JettyWebSocketServerContainer.getContainer(request.getServletContext()).upgrade((req, res) -> {
                res.setAcceptedSubProtocol(SUB_PROTOCOL);
                return new Echo();
            }, request, response);
        }
    }

    public static final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            session.sendText("hello", Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            callback.succeed();
            session.sendBinary(copy, Callback.NOOP);
        }

        @Override
        public void onWebSocketText(String message) {
            if (message.startsWith("close:")) {
                session.close(Integer.parseInt(message.substring(6)), "bye", Callback.NOOP);
            } else {
                session.sendText(new String(message.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                        Callback.NOOP);
            }
        }
    }
}
