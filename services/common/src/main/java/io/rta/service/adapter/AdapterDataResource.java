package io.rta.service.adapter;

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
 * The data service's routes by data identity, answered by a data adapter (the Influx and file data services):
 * {@code GET /rta/v2/data/{dataIdentity}/{timestamped|periodic|row}/{channels}} and
 * {@code GET /rta/v2/data/{dataIdentity}/events}, with {@code start} / {@code end} (inclusive ns since the epoch), in
 * {@code application/vnd.mat.protobuf+chunked} as the data service answers them. The identity is one percent-encoded
 * path segment (an InfluxQL filter expression such as {@code car='1'}, a file glob such as {@code runs%2F*.parquet}).
 *
 * <p>Errors: bad parameters 400; what the adapter finds wrong before the first chunk (no schema mapping 404, an
 * identity it refuses 400, an upstream unreachable 503) is a clean answer too (nothing has been sent yet); a
 * failure after the first bytes went out drops the connection ({@link StreamedBody}), so a client never takes a
 * partial answer for a whole one.
 */
@Path(AdapterDataResource.PATH + "{identity}")
public final class AdapterDataResource {

    /** The prefix of every route here (the path whose segments may hold encoded slashes). */
    public static final String PATH = "/rta/v2/data/";
    public static final String CHUNKED_PROTOBUF = "application/vnd.mat.protobuf+chunked";
    private static final String BEARER = "Bearer ";

    private final String service;
    private final AdapterReads reads;
    private final InputLimits limits;

    /** @param service what to call the service in messages ({@code influx data service}) */
    public AdapterDataResource(String service, AdapterReads reads, InputLimits limits) {
        this.service = service;
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
        return read(new AdapterRead(identity(identity), DataKind.valueOf(kind.toUpperCase(Locale.ROOT)), channels,
                parsed, time("start", start), time("end", end), token(authorization)), request);
    }

    @GET
    @Path("events")
    public Response events(@PathParam("identity") String identity, @QueryParam("start") String start,
                           @QueryParam("end") String end,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServletRequest request) {
        return read(new AdapterRead(identity(identity), DataKind.EVENTS, null, null, time("start", start),
                time("end", end), token(authorization)), request);
    }

    private Response read(AdapterRead read, HttpServletRequest request) {
        try {
            long low = ReadTimes.bound("start", read.start(), Long.MIN_VALUE);
            long high = ReadTimes.bound("end", read.end(), Long.MAX_VALUE);
            ReadTimes.checkOrder(low, high);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        // Access policies grant sessions; without a session catalog this service cannot tell which identities a
        // session grants, so only a caller who sees every session reads here. (To serve partners, run it without
        // policies behind a gateway, which checks the caller sees the session before it reads the bindings.)
        if (!Access.of(request).isAll()) {
            throw new ForbiddenException("the " + service + " serves only callers whom the access policies let "
                    + "see every session: it has no session catalog to tell which sessions bind this identity");
        }
        AdapterReads.Prepared prepared = reads.prepare(read);
        StreamedBody.Writer body = out -> prepared.writeTo(new ChunkStreamWriter(out)::write);
        return Response.ok(reads.local() ? StreamedBody.gathered(request, body) : StreamedBody.of(request, body),
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
