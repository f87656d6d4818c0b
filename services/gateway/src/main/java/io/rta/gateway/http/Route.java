package io.rta.gateway.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Which service answers a request, from its raw path: the routes of api.yaml only, so nothing else a service serves
 * (such as the session service's internal {@code /data-bindings}) is reachable through the gateway.
 *
 * @param target   who answers
 * @param identity the session identity, raw (percent-encoded as sent) for {@link Target#DATA} and {@link Target#STREAM}
 * @param kind     {@code timestamped}, {@code periodic}, {@code row} or {@code events} for {@link Target#DATA}
 * @param channels the channels expression, decoded, for {@link Target#DATA} of a channel kind; else null
 */
public record Route(Target target, String identity, String kind, String channels) {

    /** Who answers a request. */
    public enum Target { SESSION, CONFIG, DATA, STREAM, NOT_FOUND }

    static final String API = "/rta/v2/";
    private static final Set<String> CHANNEL_KINDS = Set.of("timestamped", "periodic", "row");
    private static final Route NOT_FOUND = new Route(Target.NOT_FOUND, null, null, null);
    private static final Route SESSION = new Route(Target.SESSION, null, null, null);
    private static final Route CONFIG = new Route(Target.CONFIG, null, null, null);

    /** The route of {@code rawPath} (the request URI's path, not decoded). */
    public static Route of(String rawPath) {
        if (!rawPath.startsWith(API)) {
            return NOT_FOUND;
        }
        List<String> segments = List.of(rawPath.substring(API.length()).split("/", -1));
        if (segments.stream().anyMatch(Route::isDotSegment)) {
            // a service would resolve "..", reaching paths this gateway does not route
            return NOT_FOUND;
        }
        return switch (segments.get(0)) {
            case "sessions" -> sessions(segments);
            case "session-folders" -> SESSION;
            case "session-metamodel" -> segments.size() == 1
                    || (segments.size() == 2 && segments.get(1).equals("properties")) ? SESSION : NOT_FOUND;
            case "configs" -> segments.size() == 2 && !segments.get(1).isEmpty() ? CONFIG : NOT_FOUND;
            default -> NOT_FOUND;
        };
    }

    private static Route sessions(List<String> segments) {
        if (segments.size() <= 2) {
            return SESSION;
        }
        String identity = segments.get(1);
        if (identity.isEmpty()) {
            return NOT_FOUND;
        }
        if (segments.size() == 3 && segments.get(2).equals("stream")) {
            return new Route(Target.STREAM, identity, null, null);
        }
        if (segments.size() == 4 && segments.get(2).equals("data") && segments.get(3).equals("events")) {
            return new Route(Target.DATA, identity, "events", null);
        }
        if (segments.size() == 5 && segments.get(2).equals("data") && CHANNEL_KINDS.contains(segments.get(3))
                && !segments.get(4).isEmpty()) {
            return new Route(Target.DATA, identity, segments.get(3), decode(segments.get(4)));
        }
        return NOT_FOUND;
    }

    /**
     * The route template of this route's request, as api.yaml writes it, for metrics: never an identity, a config
     * identifier or a channels expression; {@code NOT_FOUND} for a path no route serves.
     *
     * @param rawPath the path this route was made from
     */
    public String template(String rawPath) {
        return switch (target) {
            case DATA -> API + "sessions/{identity}/data/" + (kind.equals("events") ? "events" : kind + "/{channels}");
            case STREAM -> API + "sessions/{identity}/stream";
            case CONFIG -> API + "configs/{identifier}";
            case SESSION -> {
                String[] segments = rawPath.substring(API.length()).split("/", -1);
                yield API + switch (segments[0]) {
                    case "sessions" -> segments.length == 1 ? "sessions" : "sessions/{identity}";
                    case "session-folders" -> segments.length == 1 ? "session-folders" : "session-folders/{parent}";
                    default -> segments.length == 1 ? "session-metamodel" : "session-metamodel/properties";
                };
            }
            case NOT_FOUND -> "NOT_FOUND";
        };
    }

    private static boolean isDotSegment(String raw) {
        String segment = decode(raw);
        return segment.equals(".") || segment.equals("..");
    }

    /** Percent-decoding of a path segment ({@code +} stays a plus); a malformed escape is left as written. */
    static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
