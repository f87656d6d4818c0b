package io.rta.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Which session a stream request is for: read from the raw path, one segment, decoded on its own. */
class StreamIdentityTest {

    private static String identity(String rawUri) {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                StreamIdentityTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> method.getName().equals("getRequestURI") ? rawUri : null);
        return StreamUpgradeFilter.streamIdentity(request);
    }

    @Test
    void shouldReadTheIdentitySegmentDecodedOnItsOwn() {
        assertThat(identity("/rta/v2/sessions/run-1/stream")).isEqualTo("run-1");
        assertThat(identity("/rta/v2/sessions/dir%2Frun%20100%25/stream")).isEqualTo("dir/run 100%");
        assertThat(identity("/rta/v2/sessions/a+b/stream")).isEqualTo("a+b");
        // the session "x/stream" is not the stream of "x"
        assertThat(identity("/rta/v2/sessions/x%2Fstream")).isNull();
        assertThat(identity("/rta/v2/sessions/x%2Fstream/stream")).isEqualTo("x/stream");
        // ;parameters are dropped as Jersey drops them
        assertThat(identity("/rta/v2/sessions/run-1;v=2/stream;x")).isEqualTo("run-1");
    }

    @Test
    void shouldNotTakeOtherPaths() {
        assertThat(identity("/rta/v2/sessions/run-1")).isNull();
        assertThat(identity("/rta/v2/sessions//stream")).isNull();
        assertThat(identity("/rta/v2/sessions/a/b/stream")).isNull();
        assertThat(identity("/rta/v2/sessions/a%zz/stream")).isNull();
        assertThat(identity("/rta/v2/configs/x/stream")).isNull();
    }
}
