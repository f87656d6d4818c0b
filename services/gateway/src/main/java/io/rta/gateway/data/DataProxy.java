package io.rta.gateway.data;

import io.rta.gateway.bindings.BindingPlanner;
import io.rta.gateway.bindings.BindingResponses;
import io.rta.gateway.bindings.DataRequest;
import io.rta.gateway.bindings.UpstreamAnswer;
import io.rta.gateway.bindings.UpstreamRead;
import io.rta.gateway.proxy.ErrorAnswers;
import io.rta.gateway.proxy.HttpProxy;
import io.rta.gateway.proxy.Upstream;
import io.rta.gateway.proxy.UpstreamClient;
import io.rta.gateway.proxy.UpstreamFailure;
import io.rta.service.http.ClientOutput;
import io.rta.topology.limits.InputLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's data request ({@code /rta/v2/sessions/{identity}/data/...}): the session's bindings
 * ({@link SessionBindings}), planned onto data services ({@link BindingPlanner}), the reads sent in parallel, and their
 * answers streamed to the client through {@link BindingResponses} (relayed, or transformed and merged). Data
 * identities and bindings are private: no answer and no log line above DEBUG holds one; a source is named.
 */
public final class DataProxy {

    public static final String CHUNKED_PROTOBUF = "application/vnd.mat.protobuf+chunked";
    private static final Logger LOG = LoggerFactory.getLogger(DataProxy.class);

    private final UpstreamClient client;
    private final SessionBindings bindings;
    /** Data services by source, lower case. */
    private final Map<String, Upstream> sources;
    /** The input limits (the channels expression's terms), as the data services apply theirs. */
    private final InputLimits limits;

    /**
     * @param sources data services by source name in lower case
     * @param limits  the gateway's input limits options ({@code MaxChannelsTerms}, ...)
     */
    public DataProxy(UpstreamClient client, SessionBindings bindings, Map<String, Upstream> sources,
                     InputLimits limits) {
        this.client = client;
        this.bindings = bindings;
        this.sources = Map.copyOf(sources);
        this.limits = limits;
    }

    /**
     * Answers the data request of session {@code rawIdentity}.
     *
     * @param channels the decoded channels expression, null for events
     */
    public void serve(String rawIdentity, String kind, String channels, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET")) {
            ErrorAnswers.send(response, 405, "data is read with GET", "Allow", "GET");
            return;
        }
        SessionBindings.Lookup lookup;
        try {
            lookup = bindings.of(rawIdentity, request.getHeader("Authorization"));
        } catch (UpstreamFailure e) {
            ErrorAnswers.send(response, e.status(), e.getMessage());
            return;
        }
        if (lookup instanceof SessionBindings.Refused refused) {
            HttpProxy.relay(refused.answer(), request, response);
            return;
        }
        DataRequest dataRequest = new DataRequest(kind, channels, request.getParameter("start"),
                request.getParameter("end"));
        List<UpstreamRead> reads;
        try {
            List<io.rta.gateway.bindings.DataBinding> found = ((SessionBindings.Found) lookup).bindings();
            reads = BindingPlanner.plan(dataRequest, found, limits); // checks the request even without bindings
        } catch (IllegalArgumentException e) {
            ErrorAnswers.send(response, 400, e.getMessage());
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Session {} {}: {} upstream read(s) {}", rawIdentity, kind, reads.size(), reads);
        }
        List<Upstream> targets = new ArrayList<>(reads.size());
        for (UpstreamRead read : reads) {
            Upstream target = sources.get(read.binding().source().toLowerCase(Locale.ROOT));
            if (target == null) {
                LOG.warn("A data request needs data source '{}', which this gateway does not know: set option "
                        + "DataServiceUris:{}", read.binding().source(), read.binding().source());
                ErrorAnswers.send(response, 502, "data source '" + read.binding().source() + "' is not configured "
                        + "on this gateway (option DataServiceUris:" + read.binding().source() + ")");
                return;
            }
            targets.add(target);
        }
        List<UpstreamAnswer> answers = new ArrayList<>(reads.size());
        try {
            if (!ask(reads, targets, answers, request.getHeader("Authorization"), response)) {
                return;
            }
            write(dataRequest, answers, request, response);
        } finally {
            for (UpstreamAnswer answer : answers) {
                answer.body().close();
            }
        }
    }

    /**
     * Sends every read at once and waits for their answers' headers. Anything but 200 from a data service is a 502
     * (503 with its {@code Retry-After} when it said 503) naming the source, never relayed: its message may name the
     * data identity.
     *
     * @return false when an error answer was sent instead
     */
    private boolean ask(List<UpstreamRead> reads, List<Upstream> targets, List<UpstreamAnswer> answers,
                        String authorization, HttpServletResponse response) throws IOException {
        List<CompletableFuture<HttpResponse<InputStream>>> pending = new ArrayList<>(reads.size());
        for (int i = 0; i < reads.size(); i++) {
            HttpRequest.Builder read = client.request(targets.get(i), reads.get(i).pathAndQuery())
                    .header("Accept", CHUNKED_PROTOBUF).GET();
            if (authorization != null) {
                read.header("Authorization", authorization); // the caller's token, checked by the data service too
            }
            pending.add(client.sendAsync(targets.get(i), read.build()));
        }
        boolean ok = true;
        for (int i = 0; i < reads.size(); i++) {
            if (!ok) {
                pending.get(i).thenAccept(answer -> closeQuietly(answer.body()));
                continue;
            }
            HttpResponse<InputStream> answer;
            try {
                answer = client.await(targets.get(i), pending.get(i));
            } catch (UpstreamFailure e) {
                ErrorAnswers.send(response, e.status(), e.getMessage());
                ok = false;
                continue;
            }
            if (answer.statusCode() != 200) {
                refuse(targets.get(i), answer, response);
                closeQuietly(answer.body());
                ok = false;
                continue;
            }
            answers.add(new UpstreamAnswer(reads.get(i), answer.body()));
        }
        return ok;
    }

    private static void refuse(Upstream target, HttpResponse<InputStream> answer, HttpServletResponse response)
            throws IOException {
        LOG.warn("The {} answered a data read with {}", target.name(), answer.statusCode());
        if (answer.statusCode() == 503) {
            ErrorAnswers.send(response, 503, "the " + target.name() + " is unavailable (503); try again",
                    "Retry-After", answer.headers().firstValue("Retry-After").orElse("1"));
            return;
        }
        ErrorAnswers.send(response, 502, "the " + target.name() + " answered " + answer.statusCode()
                + " to the gateway's read");
    }

    /** Streams the answer; a data service failing part-way is an error answer or a dropped connection. */
    private void write(DataRequest dataRequest, List<UpstreamAnswer> answers, HttpServletRequest request,
                              HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType(CHUNKED_PROTOBUF);
        ClientOutput out = new ClientOutput(response.getOutputStream());
        try {
            if (!answers.isEmpty()) {
                BindingResponses.write(dataRequest, answers, out, limits);
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            if (out.clientFailed()) {
                LOG.debug("The client went away during a data answer: {}", e.toString());
                return;
            }
            UpstreamFailure upstream = upstreamCause(e);
            String message = upstream != null ? upstream.getMessage()
                    : "the data services' answers could not be turned into the session's";
            LOG.warn("A data answer failed: {}", upstream != null ? upstream.getMessage() : e.getClass().getName());
            LOG.debug("A data answer failed", e);
            HttpProxy.failPartWay(request, response, upstream != null ? upstream.status() : 502, message, e);
        }
    }

    private static UpstreamFailure upstreamCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UpstreamFailure failure) {
                return failure;
            }
        }
        return null;
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            LOG.debug("Closing a data service's answer failed: {}", e.toString());
        }
    }
}
