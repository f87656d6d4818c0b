package io.rta.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.gateway.http.Route.Target;
import org.junit.jupiter.api.Test;

class RouteTest {

    @Test
    void shouldRouteTheSessionAndConfigApisToTheirServices() {
        assertThat(Route.of("/rta/v2/sessions").target()).isEqualTo(Target.SESSION);
        assertThat(Route.of("/rta/v2/sessions/a%2Bb").target()).isEqualTo(Target.SESSION);
        assertThat(Route.of("/rta/v2/session-folders").target()).isEqualTo(Target.SESSION);
        assertThat(Route.of("/rta/v2/session-folders/a/b/c").target()).isEqualTo(Target.SESSION);
        assertThat(Route.of("/rta/v2/session-metamodel").target()).isEqualTo(Target.SESSION);
        assertThat(Route.of("/rta/v2/session-metamodel/properties").target()).isEqualTo(Target.SESSION);
        assertThat(Route.of("/rta/v2/configs/c1").target()).isEqualTo(Target.CONFIG);
    }

    @Test
    void shouldRouteDataRequestsWithTheRawIdentityAndTheDecodedChannels() {
        assertThat(Route.of("/rta/v2/sessions/a%20b/data/periodic/1%2C2-5"))
                .isEqualTo(new Route(Target.DATA, "a%20b", "periodic", "1,2-5"));
        assertThat(Route.of("/rta/v2/sessions/s/data/events")).isEqualTo(new Route(Target.DATA, "s", "events", null));
        assertThat(Route.of("/rta/v2/sessions/s/stream")).isEqualTo(new Route(Target.STREAM, "s", null, null));
    }

    @Test
    void shouldNameTheRouteTemplateWithoutIdentities() {
        for (String[] pathAndTemplate : new String[][] {
            {"/rta/v2/sessions", "/rta/v2/sessions"},
            {"/rta/v2/sessions/car%2F1", "/rta/v2/sessions/{identity}"},
            {"/rta/v2/session-folders", "/rta/v2/session-folders"},
            {"/rta/v2/session-folders/a/b", "/rta/v2/session-folders/{parent}"},
            {"/rta/v2/session-metamodel", "/rta/v2/session-metamodel"},
            {"/rta/v2/session-metamodel/properties", "/rta/v2/session-metamodel/properties"},
            {"/rta/v2/configs/c1", "/rta/v2/configs/{identifier}"},
            {"/rta/v2/sessions/s/data/row/1-3", "/rta/v2/sessions/{identity}/data/row/{channels}"},
            {"/rta/v2/sessions/s/data/events", "/rta/v2/sessions/{identity}/data/events"},
            {"/rta/v2/sessions/s/stream", "/rta/v2/sessions/{identity}/stream"},
            {"/rta/v2/sessions/s/data-bindings", "NOT_FOUND"},
            {"/elsewhere", "NOT_FOUND"}}) {
            assertThat(Route.of(pathAndTemplate[0]).template(pathAndTemplate[0])).as(pathAndTemplate[0])
                    .isEqualTo(pathAndTemplate[1]);
        }
    }

    @Test
    void shouldRouteNothingElseTheServicesServe() {
        for (String path : new String[] {"/rta/v2/sessions/s/data-bindings", "/rta/v2/sessions/s/data/bogus/1",
            "/rta/v2/sessions/s/data/periodic", "/rta/v2/sessions/s/data/events/x", "/rta/v2/configs",
            "/rta/v2/configs/a/b", "/rta/v2/session-metamodel/other", "/rta/v2/data/identity/events",
            "/rta/v2/session-folders/../sessions/s/data-bindings", "/rta/v2/session-folders/%2E%2e/x",
            "/rta/v2/sessions//data/events", "/other"}) {
            assertThat(Route.of(path).target()).as(path).isEqualTo(Target.NOT_FOUND);
        }
    }
}
