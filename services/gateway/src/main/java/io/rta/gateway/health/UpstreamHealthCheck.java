package io.rta.gateway.health;

import com.codahale.metrics.health.HealthCheck;
import io.rta.gateway.proxy.Upstream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Healthy while a service behind the gateway answers {@code GET /} (its root, as the toolkit's gateway README asks)
 * with 200 within {@code HealthTimeout}. One check per service, named for it.
 */
public final class UpstreamHealthCheck extends HealthCheck {

    private final Upstream upstream;
    private final HttpClient client;
    private final Duration timeout;

    public UpstreamHealthCheck(Upstream upstream, HttpClient client, Duration timeout) {
        this.upstream = upstream;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    protected Result check() {
        HttpRequest request = HttpRequest.newBuilder(upstream.resolve("/")).timeout(timeout).GET().build();
        try {
            HttpResponse<Void> answer = client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return answer.statusCode() == 200
                    ? Result.healthy("the " + upstream.name() + " at " + upstream.root() + " answers")
                    : Result.unhealthy("the " + upstream.name() + " at " + upstream.root() + " answered "
                            + answer.statusCode() + " at its root");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.unhealthy("interrupted");
        } catch (java.util.concurrent.TimeoutException e) {
            return Result.unhealthy("the " + upstream.name() + " at " + upstream.root() + " did not answer within "
                    + timeout.toMillis() + " ms (HealthTimeout)");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof IOException ? e.getCause() : e;
            return Result.unhealthy("the " + upstream.name() + " at " + upstream.root() + " cannot be reached: "
                    + cause);
        }
    }
}
