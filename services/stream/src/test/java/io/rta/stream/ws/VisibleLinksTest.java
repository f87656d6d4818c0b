package io.rta.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.topology.query.SessionQuery;
import io.rta.topology.view.Visibility;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisibleLinksTest {

    private static final String SESSION = "{\"identity\":\"p7\",\"children\":[\"c7\",\"c9\"],\"alternates\":[\"a9\"],"
            + "\"identifier\":\"run\"}";
    private static final Visibility RESTRICTED = Visibility.of(List.of(new Visibility.Grant(SessionQuery.all(),
            null)));

    @Test
    void shouldCutLinksToSessionsTheClientMayNotSee() {
        String cut = VisibleLinks.of(RESTRICTED, Set.of("c7")::contains).apply(SESSION);

        assertThat(cut).isEqualTo("{\"identity\":\"p7\",\"children\":[\"c7\"],\"identifier\":\"run\"}");
    }

    @Test
    void shouldLeaveTheJsonAsItIsWhenNothingIsHidden() {
        assertThat(VisibleLinks.of(Visibility.ALL, id -> false).apply(SESSION)).isSameAs(SESSION);
        assertThat(VisibleLinks.of(RESTRICTED, id -> true).apply(SESSION)).isSameAs(SESSION);
        assertThat(VisibleLinks.of(RESTRICTED, id -> false).apply("{\"identity\":\"x\"}"))
                .isEqualTo("{\"identity\":\"x\"}");
    }
}
