package io.rta.gateway.http;

import io.rta.gateway.data.DataProxy;
import io.rta.gateway.proxy.ErrorAnswers;
import io.rta.gateway.proxy.HttpProxy;
import io.rta.gateway.proxy.Upstream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The gateway's REST API (the routes of api.yaml under {@code /rta/v2}): session, folder and metamodel requests go to
 * the session service, config requests to the config service, as they are ({@link HttpProxy}); data requests through
 * the session's data bindings ({@link DataProxy}). Anything else under the paths it is mapped to is 404, the session
 * service's internal {@code /data-bindings} included.
 */
public final class GatewayServlet extends HttpServlet {

    /** Where the servlet is mapped; other paths ({@code /}, {@code /health}, {@code /rta/v2/info}) are the gateway's own. */
    public static final List<String> URL_PATTERNS = List.of("/rta/v2/sessions", "/rta/v2/sessions/*",
            "/rta/v2/session-folders", "/rta/v2/session-folders/*", "/rta/v2/session-metamodel",
            "/rta/v2/session-metamodel/*", "/rta/v2/configs/*");

    /**
     * The timer Jersey's listener records for the gateway's own routes, with the same tags ({@code method},
     * {@code uri} = the route template, {@code status}, {@code outcome}, {@code exception}), so {@code /metrics} has
     * one {@code http_server_requests_seconds} for every route of the gateway.
     */
    static final String REQUESTS = "http.server.requests";
    /** Methods tagged as sent; any other is tagged {@code UNKNOWN} (a client must not mint new series). */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

    private final HttpProxy proxy;
    private final Upstream sessions;
    private final Upstream configs;
    private final DataProxy data;
    private final MeterRegistry metrics;

    public GatewayServlet(HttpProxy proxy, Upstream sessions, Upstream configs, DataProxy data,
                          MeterRegistry metrics) {
        this.metrics = metrics;
        this.proxy = proxy;
        this.sessions = sessions;
        this.configs = configs;
        this.data = data;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Route route = Route.of(request.getRequestURI());
        Timer.Sample sample = Timer.start(metrics);
        String exception = "None";
        try {
            serve(route, request, response);
        } catch (IOException | RuntimeException e) {
            exception = e.getClass().getSimpleName();
            throw e;
        } finally {
            int status = response.getStatus();
            sample.stop(Timer.builder(REQUESTS).tags(Tags.of(
                    Tag.of("method", METHODS.contains(request.getMethod()) ? request.getMethod() : "UNKNOWN"),
                    Tag.of("uri", route.template(request.getRequestURI())),
                    Tag.of("status", Integer.toString(status)),
                    Tag.of("outcome", Outcome.forStatus(status).name()),
                    Tag.of("exception", exception))).register(metrics));
        }
    }

    private void serve(Route route, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String problem = HttpProxy.uriProblem(request);
        if (problem != null) {
            ErrorAnswers.send(response, 400, problem);
            return;
        }
        switch (route.target()) {
            case SESSION -> proxy.forward(sessions, request, response);
            case CONFIG -> proxy.forward(configs, request, response);
            case DATA -> data.serve(route.identity(), route.kind(), route.channels(), request, response);
            case STREAM -> ErrorAnswers.send(response, 404, "live streaming is not served by this gateway (option "
                    + "StreamServiceUri is not set)");
            default -> ErrorAnswers.send(response, 404, "HTTP 404 Not Found");
        }
    }
}
