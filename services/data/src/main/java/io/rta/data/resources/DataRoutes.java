package io.rta.data.resources;

import io.rta.data.DataQuery;
import io.rta.data.DataReads;
import io.rta.data.DataRoute;
import io.rta.data.DataUnavailableException;
import io.rta.data.api.ChunkEncoder;
import io.rta.data.remote.OwnerClient;
import io.rta.service.auth.Access;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.http.StreamedBody;
import io.rta.topology.data.DataKind;
import io.rta.topology.data.ReadTimes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * The Data REST routes under a path that names the data's identity ({@code {identity}}: a session's, or a data
 * identity): {@code {timestamped|periodic|row}/{channels}} and {@code events}, with {@code start}/{@code end}. A
 * request is parsed, validated and routed by {@link DataReads}, then streamed as
 * {@code application/vnd.mat.protobuf+chunked} from this instance's chunk view or relayed byte for byte from the
 * owner of the data (the same path and query, still encoded). Subclasses give the path and the reads.
 */
public abstract sealed class DataRoutes permits DataResource, DataIdentityResource {

    public static final String CHUNKED_PROTOBUF = "application/vnd.mat.protobuf+chunked";

    private final DataReads reads;
    private final OwnerClient owners;
    private final ChunkEncoder encoder;

    DataRoutes(DataReads reads, OwnerClient owners, ChunkEncoder encoder) {
        this.reads = reads;
        this.owners = owners;
        this.encoder = encoder;
    }

    @GET
    @Path("{kind: timestamped|periodic|row}/{channels}")
    public Response channelData(@PathParam("identity") String identity, @PathParam("kind") String kind,
                                @PathParam("channels") String channels, @QueryParam("start") String start,
                                @QueryParam("end") String end,
                                @HeaderParam(OwnerClient.FORWARDED_HEADER) String forwarded,
                                @Context UriInfo uri, @Context HttpServletRequest request) {
        DataKind dataKind = DataKind.valueOf(kind.toUpperCase(Locale.ROOT));
        return read(new DataQuery(identity, dataKind, channels, time("start", start), time("end", end)),
                forwarded, uri, request);
    }

    @GET
    @Path("events")
    public Response events(@PathParam("identity") String identity, @QueryParam("start") String start,
                           @QueryParam("end") String end,
                           @HeaderParam(OwnerClient.FORWARDED_HEADER) String forwarded, @Context UriInfo uri,
                           @Context HttpServletRequest request) {
        return read(new DataQuery(identity, DataKind.EVENTS, null, time("start", start), time("end", end)),
                forwarded, uri, request);
    }

    private Response read(DataQuery query, String forwarded, UriInfo uri, HttpServletRequest request) {
        DataRoute route = reads.route(query, OwnerClient.FORWARDED.equals(forwarded), Access.of(request));
        return route.isLocal() ? local(route, request) : relay(route, uri.getRequestUri(), request);
    }

    private Response local(DataRoute route, HttpServletRequest request) {
        // a local read is made as fast as it can be sent: gathered into large writes
        StreamingOutput body = StreamedBody.gathered(request,
                out -> route.local().read(route.read(), encoder.open(out)));
        return Response.ok(body, CHUNKED_PROTOBUF).build();
    }

    /** The owner's status, media type and body, unchanged (its errors included). */
    private Response relay(DataRoute route, URI requestUri, HttpServletRequest request) {
        String pathAndQuery = requestUri.getRawPath()
                + (requestUri.getRawQuery() == null ? "" : "?" + requestUri.getRawQuery());
        HttpResponse<InputStream> answer = owners.get(route.owner(), pathAndQuery,
                request.getHeader(HttpHeaders.AUTHORIZATION));
        StreamingOutput body = StreamedBody.of(request, out -> copy(route, answer.body(), out));
        Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(body);
        answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(response::type);
        answer.headers().firstValue(HttpHeaders.RETRY_AFTER)
                .ifPresent(value -> response.header(HttpHeaders.RETRY_AFTER, value));
        return response.build();
    }

    /** Copies the owner's body; the owner failing part-way is {@link DataUnavailableException}, the client's own. */
    private static void copy(DataRoute route, InputStream in, OutputStream out) throws IOException {
        try (in) {
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    throw new DataUnavailableException("the owner " + route.owner().host() + ":"
                            + route.owner().port() + " of the data stopped answering part-way: " + e, e);
                }
                if (read < 0) {
                    return;
                }
                out.write(buffer, 0, read);
            }
        }
    }

    private static Long time(String name, String value) {
        try {
            return ReadTimes.parse(name, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }
}
