package io.rta.data.grpc;

import io.rta.data.resources.DataIdentityResource;
import io.rta.topology.data.ChunkRead;
import io.rta.topology.data.DataKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The Data API path on the owner instance that answers a read (gRPC reads are relayed through it): the route by data
 * identity, which every data service serves, sessions or not, and which takes any identity (encoded {@code /} and
 * {@code %} included).
 */
final class OwnerPaths {

    private OwnerPaths() {
    }

    static String restPath(ChunkRead read) {
        StringBuilder path = new StringBuilder(DataIdentityResource.PATH)
                .append(segment(read.dataIdentity())).append('/').append(read.kind().pathName());
        if (read.kind() != DataKind.EVENTS) {
            path.append('/').append(segment(read.channels().toString()));
        }
        String separator = "?";
        if (read.startTime() != Long.MIN_VALUE) {
            path.append(separator).append("start=").append(read.startTime());
            separator = "&";
        }
        if (read.endTime() != Long.MAX_VALUE) {
            path.append(separator).append("end=").append(read.endTime());
        }
        return path.toString();
    }

    /** Percent-encodes a path segment (URLEncoder is for forms: it writes spaces as '+'). */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
