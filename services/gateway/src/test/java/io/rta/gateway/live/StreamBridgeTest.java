package io.rta.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.Test;

/** The bridge's own bounds, with a stream service that takes nothing and a client side that records its close. */
class StreamBridgeTest {

    @Test
    void shouldCloseAClientWhoseTextMessagesPileUpFasterThanTheStreamServiceTakesThem() {
        List<String> upstreamTexts = new ArrayList<>();
        WebSocket stuck = (WebSocket) Proxy.newProxyInstance(WebSocket.class.getClassLoader(),
                new Class<?>[] {WebSocket.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendText" -> {
                        upstreamTexts.add(args[0].toString());
                        yield new CompletableFuture<WebSocket>(); // never sent
                    }
                    case "request", "abort" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        List<String> closes = new ArrayList<>();
        Session client = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && args != null && args.length == 3) {
                        closes.add(args[0] + " " + args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        StreamBridge bridge = new StreamBridge();
        bridge.upstream(stuck);
        bridge.onWebSocketOpen(client);

        for (int i = 0; i < StreamBridge.MAX_WAITING_TEXTS; i++) {
            bridge.onWebSocketText("t" + i);
        }
        assertThat(closes).isEmpty();
        bridge.onWebSocketText("one too many");

        assertThat(closes).containsExactly(StatusCode.POLICY_VIOLATION + " more than 16 text messages are waiting "
                + "for the stream service");
        // the JDK client takes one send at a time: the first is out, the others wait behind it
        assertThat(upstreamTexts).containsExactly("t0");
    }
}
