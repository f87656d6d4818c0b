package io.rta.gateway.proxy;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Headers that belong to one connection, not to the message (RFC 9110 section 7.6.1), and those the JDK client sets
 * itself: neither is copied from one side of the gateway to the other.
 */
final class HopByHop {

    private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            // set by the JDK client or by Jetty for the connection they write on
            "host", "content-length", "expect", "date", "http2-settings");

    private HopByHop() {
    }

    /** The headers not to copy: the fixed ones and those the {@code Connection} header names. */
    static Set<String> of(Collection<String> connectionValues) {
        Set<String> names = new TreeSet<>(ALWAYS);
        for (String value : connectionValues) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    names.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
