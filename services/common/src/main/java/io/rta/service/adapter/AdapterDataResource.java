package io.rta.service.adapter;

import io.rta.service.auth.Access;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.errors.NotFoundException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data service's routes by data identity, answered by a data adapter (the Influx and file data services):
 * {@code GET /rta/v2/data/{dataIdentity}/{timestamped|periodic|row}/{channels}} and
 * {@code GET /rta/v2/data/{dataIdentity}/events}, with {@code start} / {@code end} (inclusive ns since the epoch), in
 * {@code application/vnd.mat.protobuf+chunked} as the data service answers them. The identity is one percent-encoded
 * path segment (an InfluxQL filter expression such as {@code car='1'}, a file glob such as {@code runs%2F*.parquet}).
 *
 * <p>An identity with no data here (no schema mapping for it, no file it names) is an empty answer, as the
 * specification's data adapter answers a schema mapping the service does not have ({@code ChunkedResult.Empty()}) and
 * the Kafka-backed data service an identity it holds nothing for: a session bound to several stores must stay
 * readable while one of its bindings has nothing yet. Each such answer is logged with what was missing.
 *
 * <p>Errors: bad parameters 400; what the adapter finds wrong before the first chunk (an identity it refuses 400, an
 * upstream unreachable 503) is a clean answer too (nothing has been sent yet); a failure after the first bytes went
 * out drops the connection ({@link StreamedBody}), so a client never takes a partial answer for a whole one.
 */
@Path(AdapterDataResource.PATH + "{identity}")
public final class AdapterDataResource {

    /** The prefix of every route here (the path whose segments may hold encoded slashes). */
    public static final String PATH = "/rta/v2/data/";
    public static final String CHUNKED_PROTOBUF = "application/vnd.mat.protobuf+chunked";
    private static final String BEARER = "Bearer ";
    private static final Logger LOG = LoggerFactory.getLogger(AdapterDataResource.class);

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
        AdapterReads.Prepared prepared;
        try {
            prepared = reads.prepare(read);
        } catch (NotFoundException e) {
            prepared = nothing(read, e);
        }
        AdapterReads.Prepared answer = prepared;
        StreamedBody.Writer body = out -> {
            ChunkStreamWriter chunks = new ChunkStreamWriter(out);
            boolean[] sent = {false};
            try {
                answer.writeTo(chunk -> {
                    sent[0] = true;
                    chunks.write(chunk);
                });
            } catch (NotFoundException e) {
                if (sent[0]) {
                    throw e;
                }
                nothing(read, e);
            }
        };
        return Response.ok(reads.local() ? StreamedBody.gathered(request, body) : StreamedBody.of(request, body),
                CHUNKED_PROTOBUF).build();
    }

    /** The empty answer to a read whose identity has no data here (see the class comment), logged. */
    private AdapterReads.Prepared nothing(AdapterRead read, NotFoundException why) {
        LOG.info("The {} answered a {} read of data identity '{}' empty: {}", service,
                read.kind().name().toLowerCase(Locale.ROOT), InputLimits.excerpt(read.identity()), why.getMessage());
        return sink -> { };
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
