package io.rta.gateway.bindings;

import io.rta.topology.data.DataKind;
import io.rta.topology.limits.InputLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Which data services a session data request goes to, and with what (data channels, data time).
 *
 * <p>For each binding, in order: the requested session channels it serves are mapped to data channels
 * ({@code data = firstDataChannel + (session - firstSessionChannel)} for session channels in
 * {@code [firstSessionChannel, lastSessionChannel]}; a binding without channel bindings serves every channel unchanged,
 * see {@link BindingMap}); the request's time bounds are intersected with the binding's
 * {@code [sessionStartTime, sessionEndTime]} and turned into data time ({@code data = session - sessionTimeOffset}).
 * A binding that serves no requested channel, or whose window does not meet the request's, is skipped; events come
 * from every binding whose window meets the request's.
 */
public final class BindingPlanner {

    private BindingPlanner() {
    }

    /** {@link #plan(DataRequest, List, InputLimits)} with the default input limits. */
    public static List<UpstreamRead> plan(DataRequest request, List<DataBinding> bindings) {
        return plan(request, bindings, InputLimits.defaults());
    }

    /**
     * The upstream reads that serve {@code request} over {@code bindings}, in binding order; none when no binding
     * serves it (the answer is then an empty 200).
     *
     * @param limits the channels expression's term limit, as the data routes apply it
     * @throws IllegalArgumentException naming the parameter and the rule when the request is malformed (400)
     */
    public static List<UpstreamRead> plan(DataRequest request, List<DataBinding> bindings, InputLimits limits) {
        SessionRequest parsed = SessionRequest.of(request, limits);
        List<BindingMap> serving = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (DataBinding binding : bindings) {
            BindingMap map = BindingMap.of(binding, parsed.channels());
            if (parsed.kind().hasChannels() && !map.servesChannels()) {
                continue;
            }
            String query = dataTimeQuery(parsed, map);
            if (query != null) {
                serving.add(map);
                paths.add(path(binding.identity(), parsed.kind(), map) + query);
            }
        }
        List<UpstreamRead> reads = new ArrayList<>(serving.size());
        for (int i = 0; i < serving.size(); i++) {
            BindingMap map = serving.get(i);
            boolean unchanged = serving.size() == 1 && map.offset() == 0 && map.channelsUnchanged() && !map.clips();
            reads.add(new UpstreamRead(map.binding(), paths.get(i), unchanged));
        }
        return List.copyOf(reads);
    }

    /**
     * {@code ?start=..&end=..} in data time (each omitted when unbounded, {@code ""} when both are), or null when the
     * binding's window does not meet the request's.
     */
    private static String dataTimeQuery(SessionRequest request, BindingMap map) {
        long from = Math.max(request.start(), map.clipFrom());
        long to = Math.min(request.end(), map.clipTo());
        if (from > to) {
            return null;
        }
        long offset = map.offset();
        // Data times are at least 0 on the data routes: a start before 0 asks for everything from the beginning.
        Long dataFrom = from == Long.MIN_VALUE ? null : saturatedMinus(from, offset);
        if (dataFrom != null && dataFrom < 0) {
            dataFrom = null;
        }
        Long dataTo = to == Long.MAX_VALUE ? null : saturatedMinus(to, offset);
        if (dataTo != null && dataTo == Long.MAX_VALUE) {
            dataTo = null;
        }
        if (dataTo != null && dataTo < 0) {
            return null;
        }
        StringBuilder query = new StringBuilder();
        if (dataFrom != null) {
            query.append("?start=").append(dataFrom);
        }
        if (dataTo != null) {
            query.append(query.length() == 0 ? "?" : "&").append("end=").append(dataTo);
        }
        return query.toString();
    }

    private static long saturatedMinus(long time, long offset) {
        long result = time - offset;
        // overflow iff the operands' signs differ and the result's sign differs from time's
        if (((time ^ offset) & (time ^ result)) < 0) {
            return time < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return result;
    }

    private static String path(String identity, DataKind kind, BindingMap map) {
        StringBuilder path = new StringBuilder("/rta/v2/data/").append(pathSegment(identity)).append('/')
                .append(kind.pathName());
        if (kind.hasChannels()) {
            path.append('/').append(map.dataChannels());
        }
        return path.toString();
    }

    /**
     * Percent-encodes text as one path segment (RFC 3986): every byte of its UTF-8 form but the unreserved characters,
     * so {@code /} is {@code %2F} and a space is {@code %20} (not {@code +}, which a path keeps literally).
     */
    static String pathSegment(String text) {
        if (text.equals(".") || text.equals("..")) {
            return text.replace(".", "%2E"); // a segment of dots would move the path, not name an identity
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }
}
