package io.rta.service.http;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets an encoded {@code /} ({@code %2F}) or {@code %} ({@code %25}) through to the routes under the configured path
 * prefixes only ({@link HttpSettings#encodedSlashPaths()}), whose identity segment may hold them (a file path, a
 * query expression). Jetty's default mode refuses every URI violation, these two included ("Ambiguous URI path
 * separator/encoding", 400). Dropwizard configures a connector with a named mode only, so the connector runs
 * {@link #CONNECTOR_COMPLIANCE} (Jetty's pre-12 set) and this handler, first in line, answers every violation but
 * these two under a prefix with the 400 the default mode gives: {@code %2E%2E} segments, control characters, UTF-16
 * and truncated UTF-8 encodings, user info, and {@code %2F}/{@code %25} anywhere else. A path that dot segments would
 * rewrite ({@code /rta/v2/data/../sessions/...}) is never under a prefix: it must be under it as sent and once
 * normalised. What the connector itself refuses in that mode (bad UTF-8, empty segments, illegal characters, the
 * request line's size) stays refused.
 *
 * <p>Jersey matches routes on the encoded path and decodes a {@code @PathParam} after the match, so a route's
 * {@code {identity}} is one encoded segment and arrives decoded, {@code /} and {@code %} included.
 */
final class EncodedSlashHandler extends Handler.Wrapper {

    /** The named compliance mode of the connector; this handler narrows it to the default plus {@link #LET_THROUGH}. */
    static final String CONNECTOR_COMPLIANCE = "LEGACY";

    private static final Set<UriCompliance.Violation> LET_THROUGH = EnumSet.of(
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING);

    private final List<String> prefixes;

    EncodedSlashHandler(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpURI uri = request.getHttpURI();
        if (uri.hasViolations()) {
            boolean underPrefix = underPrefix(uri);
            for (UriCompliance.Violation violation : uri.getViolations()) {
                if (!underPrefix || !LET_THROUGH.contains(violation)) {
                    JsonErrorHandler.write(response, callback, HttpStatus.BAD_REQUEST_400,
                            violation.getDescription());
                    return true;
                }
            }
        }
        return super.handle(request, response, callback);
    }

    /** Under a prefix as sent, with no dot segment to normalise (the canonical path also decodes, so differs). */
    private boolean underPrefix(HttpURI uri) {
        String path = uri.getPath();
        if (path == null || (path + "/").contains("/./") || (path + "/").contains("/../")) {
            return false;
        }
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
