package io.rta.files.resources;

import io.rta.files.paths.FileSet;
import io.rta.files.read.FileReads;
import io.rta.files.read.ReadRequest;
import io.rta.service.auth.Access;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.http.StreamedBody;
import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.DataKind;
import io.rta.topology.data.ReadTimes;
import io.rta.topology.data.codec.ChunkStreamWriter;
import io.rta.topology.limits.InputLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * The data service's routes by data identity, answered from files under the root:
 * {@code GET /rta/v2/data/{dataIdentity}/{timestamped|periodic|row}/{channels}} and
 * {@code GET /rta/v2/data/{dataIdentity}/events}, with {@code start} / {@code end} (inclusive ns since the epoch), in
 * {@code application/vnd.mat.protobuf+chunked}. The identity is one percent-encoded path segment: a file or glob
 * relative to the root ({@code runs%2F2024%2Fcar1.parquet}).
 *
 * <p>Errors: bad parameters and identities that could leave the root 400; no file or no schema mapping 404; the
 * schema mapping service unreachable 503. The identity is resolved and the first rows read before the answer
 * starts, so those are clean errors; a failure after the first bytes went out drops the connection.
 */
@Path(FileDataResource.PATH + "{identity}")
public final class FileDataResource {

    /** The prefix of every route here (the path whose segments may hold encoded slashes). */
    public static final String PATH = "/rta/v2/data/";
    public static final String CHUNKED_PROTOBUF = "application/vnd.mat.protobuf+chunked";
    private static final String BEARER = "Bearer ";

    private final FileReads reads;
    private final InputLimits limits;

    public FileDataResource(FileReads reads, InputLimits limits) {
        this.reads = reads;
        this.limits = limits;
    }

    @GET
    @Path("{kind: timestamped|periodic|row}/{channels}")
    public Response channelData(@PathParam("identity") String identity, @PathParam("kind") String kind,
                                @PathParam("channels") String channels, @QueryParam("start") String start,
                                @QueryParam("end") String end,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @Context HttpServletRequest request) {
        ChannelsExpression parsed;
        try {
            parsed = ChannelsExpression.parse(channels, limits);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        return read(new ReadRequest(identity(identity), DataKind.valueOf(kind.toUpperCase(Locale.ROOT)), channels,
                parsed, time("start", start), time("end", end), token(authorization)), request);
    }

    @GET
    @Path("events")
    public Response events(@PathParam("identity") String identity, @QueryParam("start") String start,
                           @QueryParam("end") String end,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServletRequest request) {
        return read(new ReadRequest(identity(identity), DataKind.EVENTS, null, null, time("start", start),
                time("end", end), token(authorization)), request);
    }

    private Response read(ReadRequest read, HttpServletRequest request) {
        try {
            long low = ReadTimes.bound("start", read.start(), Long.MIN_VALUE);
            long high = ReadTimes.bound("end", read.end(), Long.MAX_VALUE);
            ReadTimes.checkOrder(low, high);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        // as the Influx data service: no session catalog here to tell which sessions bind this identity
        if (!Access.of(request).isAll()) {
            throw new ForbiddenException("the file data service serves only callers whom the access policies let "
                    + "see every session: it has no session catalog to tell which sessions bind this identity");
        }
        FileSet files = reads.resolve(read.identity());
        return Response.ok(StreamedBody.of(request, out -> reads.read(read, files, new ChunkStreamWriter(out)::write)),
                CHUNKED_PROTOBUF).build();
    }

    private String identity(String identity) {
        String problem = limits.identityProblem("dataIdentity", identity);
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
        return identity;
    }

    private static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }

    private static Long time(String name, String value) {
        try {
            return ReadTimes.parse(name, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }
}
