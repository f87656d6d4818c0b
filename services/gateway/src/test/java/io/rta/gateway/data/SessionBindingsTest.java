package io.rta.gateway.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.gateway.StandInServices;
import io.rta.gateway.bindings.ChannelBinding;
import io.rta.gateway.bindings.DataBinding;
import io.rta.gateway.proxy.Upstream;
import io.rta.gateway.proxy.UpstreamClient;
import io.rta.service.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading and caching a session's bindings from a real HTTP server standing in for the session service. */
class SessionBindingsTest {

    private static HttpServer service;
    private static Upstream sessions;
    private final AtomicLong clock = new AtomicLong();
    private final UpstreamClient client = new UpstreamClient(Duration.ofSeconds(2), Duration.ofSeconds(10));

    @BeforeAll
    static void start() throws Exception {
        service = StandInServices.start();
        sessions = Upstream.of("session service", "SessionServiceUri", "http://127.0.0.1:" + service.port());
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void shouldReadTheDocumentedShapeAndReuseItForTheCacheTimeOnly() throws Exception {
        StandInServices.BINDINGS.put("cached", """
                [{"key": {"source": "influx01", "identity": "someField='abc123'", "timeRef": 7},
                  "sessionStartTime": 100, "sessionEndTime": null, "sessionTimeOffset": 300000000,
                  "dataChannelBindings": [{"firstDataChannel": 0, "firstSessionChannel": 50,
                                           "lastSessionChannel": 59}]}]""");
        SessionBindings bindings = new SessionBindings(client, sessions, null, Duration.ofSeconds(2), 10, clock::get);
        int before = StandInServices.BINDINGS_READS.get();

        SessionBindings.Lookup first = bindings.of("cached");
        clock.addAndGet(Duration.ofMillis(1999).toNanos());
        SessionBindings.Lookup second = bindings.of("cached");
        int readsWithinCacheTime = StandInServices.BINDINGS_READS.get() - before;
        clock.addAndGet(Duration.ofMillis(1).toNanos());
        bindings.of("cached");

        assertThat(first).isEqualTo(new SessionBindings.Found(List.of(new DataBinding("influx01",
                "someField='abc123'", 7, 100L, null, 300_000_000L, List.of(new ChannelBinding(0, 50, 59))))));
        assertThat(second).isEqualTo(first);
        assertThat(readsWithinCacheTime).isEqualTo(1);
        assertThat(StandInServices.BINDINGS_READS.get() - before).isEqualTo(2);
    }

    @Test
    void shouldNeverCacheAnUnknownSession() throws Exception {
        SessionBindings bindings = new SessionBindings(client, sessions, null, Duration.ofMinutes(1), 10, clock::get);
        int before = StandInServices.BINDINGS_READS.get();

        SessionBindings.Lookup first = bindings.of("not-yet");
        ((SessionBindings.Refused) first).answer().body().close();
        StandInServices.BINDINGS.put("not-yet", "[]");
        SessionBindings.Lookup second = bindings.of("not-yet");

        assertThat(((SessionBindings.Refused) first).answer().statusCode()).isEqualTo(404);
        assertThat(second).isEqualTo(new SessionBindings.Found(List.of()));
        assertThat(StandInServices.BINDINGS_READS.get() - before).isEqualTo(2);
    }
}
