package io.rta.service.auth;

import io.grpc.Context;
import io.rta.topology.view.Visibility;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Which sessions the caller of the current request may see, as the auth filter ({@link BearerAuthFilter}) or
 * interceptor ({@link BearerAuthInterceptor}) decided from its token and the access policies. A request they did not
 * judge (auth off) sees everything.
 */
public final class Access {

    /** The request attribute holding the caller's {@link Visibility}. */
    public static final String ATTRIBUTE = Visibility.class.getName();
    /** The gRPC context key holding the caller's {@link Visibility}. */
    public static final Context.Key<Visibility> KEY = Context.key("rta-visibility");

    private Access() {
    }

    /** The visibility of a REST request or WebSocket handshake. */
    public static Visibility of(HttpServletRequest request) {
        Object visibility = request == null ? null : request.getAttribute(ATTRIBUTE);
        return visibility instanceof Visibility v ? v : Visibility.ALL;
    }

    /** The visibility of the gRPC call being handled (in its context). */
    public static Visibility current() {
        Visibility visibility = KEY.get();
        return visibility == null ? Visibility.ALL : visibility;
    }
}
