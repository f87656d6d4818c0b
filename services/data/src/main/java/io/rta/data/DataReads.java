package io.rta.data;

import io.rta.service.errors.InvalidInputException;
import io.rta.service.errors.NotFoundException;
import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.ChunkRead;
import io.rta.topology.data.ChunkView;
import io.rta.topology.data.ReadTimes;
import io.rta.topology.limits.InputLimits;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import io.rta.topology.view.Visibility;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The read side of the data service, shared by REST and gRPC: validates a query and decides whether this instance
 * answers it from its chunk view or the owner of the data identity must.
 *
 * <p>A request another instance forwarded here is never forwarded again: if this instance is not (or no longer) the
 * owner, ownership is moving (a rebalance is in progress) and the read fails with {@link DataUnavailableException}
 * (503 / UNAVAILABLE) so the client retries, rather than answering an empty or stale stream from a store this
 * instance does not own.
 */
public final class DataReads {

    /** The "session exists" check of reads by data identity: there is none. */
    public static final Predicate<String> ANY_IDENTITY = identity -> true;
    /** What a caller reads of data it may not see: nothing, as for an identity without data. */
    private static final ChunkView NOTHING = (request, sink) -> { };

    private final DataAccess access;
    private final DataAccess identityAccess;
    private final boolean byIdentity;
    private final Function<String, ChunkView> localView;
    private final OwnerLocator owners;
    private final InputLimits limits;

    /** With the default input limits (tests). */
    public DataReads(Predicate<String> sessionExists, Function<String, ChunkView> localView, OwnerLocator owners) {
        this(sessionExists, localView, owners, InputLimits.defaults());
    }

    /**
     * Reads by data identity alone, for a service with no session catalog (the data service's own routes): no
     * identity is unknown; one without data reads as an empty stream.
     */
    public static DataReads byDataIdentity(Function<String, ChunkView> localView, OwnerLocator owners,
                                           InputLimits limits) {
        return new DataReads(DataAccess.ANY, DataAccess.ANY, localView, owners, limits, true);
    }

    /** Whoever asks, by whether a session of the identity exists; reads by data identity read anything (tests). */
    public DataReads(Predicate<String> sessionExists, Function<String, ChunkView> localView, OwnerLocator owners,
                     InputLimits limits) {
        this(DataAccess.ofSessions(sessionExists), DataAccess.ANY, localView, owners, limits, false);
    }

    /**
     * @param sessions which identities the session routes may read for a caller: others are 404 (not found, whether
     *     they exist or not)
     * @param identities which identities the routes by data identity may read for a caller: others read as an empty
     *     stream, like an identity without data, so their existence does not leak
     * @param localView this instance's chunk view of a data identity's partition; throws
     *     {@link DataUnavailableException} while that partition is not queryable here (restoring, moving)
     * @param owners who owns a data identity ({@link OwnerLocator#SELF} for a single instance)
     * @param limits the identity rules and the channels expression's term limit
     */
    public DataReads(DataAccess sessions, DataAccess identities, Function<String, ChunkView> localView,
                     OwnerLocator owners, InputLimits limits) {
        this(sessions, identities, localView, owners, limits, false);
    }

    private DataReads(DataAccess access, DataAccess identityAccess, Function<String, ChunkView> localView,
                      OwnerLocator owners, InputLimits limits, boolean byIdentity) {
        this.access = access;
        this.identityAccess = identityAccess;
        this.byIdentity = byIdentity;
        this.localView = localView;
        this.owners = owners;
        this.limits = limits;
    }

    /** The same view, owners and limits, read by data identity: the session catalog is not consulted. */
    public DataReads byDataIdentity() {
        return new DataReads(identityAccess, identityAccess, localView, owners, limits, true);
    }

    /**
     * Validates the query and routes it.
     *
     * @param forwarded whether another instance forwarded the request here (then it is answered locally or not at all)
     * @throws NotFoundException when the session does not exist (never for reads {@link #byDataIdentity})
     * @throws InvalidInputException naming the parameter and the rule when the query is malformed
     * @throws DataUnavailableException when the data cannot be read now (the client should retry)
     */
    public DataRoute route(DataQuery query, boolean forwarded) {
        return route(query, forwarded, Visibility.ALL);
    }

    /**
     * {@link #route(DataQuery, boolean)} for a caller who sees {@code visibility}: a session it may not see is not
     * found; data by an identity it may not see reads as nothing (here, before any owner is asked).
     */
    public DataRoute route(DataQuery query, boolean forwarded, Visibility visibility) {
        ChunkRead read = validate(query, visibility);
        if (byIdentity && !access.mayRead(read.dataIdentity(), visibility)) {
            return DataRoute.local(read, NOTHING);
        }
        Optional<HostInfo> owner = owners.remoteOwner(read.dataIdentity());
        if (owner.isEmpty()) {
            return DataRoute.local(read, localView.apply(read.dataIdentity()));
        }
        if (forwarded) {
            // the identity stays out of the message: data identities are private (a gateway relays this answer)
            throw new DataUnavailableException("the data is owned by "
                    + owner.get().host() + ":" + owner.get().port() + ", not by the instance the request was "
                    + "forwarded to: ownership is moving (rebalance in progress); retry shortly");
        }
        return DataRoute.remote(read, owner.get());
    }

    private ChunkRead validate(DataQuery query, Visibility visibility) {
        String identity = query.dataIdentity();
        if (identity == null || identity.isBlank()) {
            throw new InvalidInputException("data identity is empty");
        }
        String problem = limits.identityProblem("data identity", identity);
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
        if (!byIdentity && !access.mayRead(identity, visibility)) {
            throw new NotFoundException("session '" + identity + "' not found");
        }
        long start;
        long end;
        try {
            start = ReadTimes.bound("start", query.startTime(), Long.MIN_VALUE);
            end = ReadTimes.bound("end", query.endTime(), Long.MAX_VALUE);
            ReadTimes.checkOrder(start, end);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        return new ChunkRead(identity, query.kind(), channels(query), start, end);
    }

    private ChannelsExpression channels(DataQuery query) {
        if (!query.kind().hasChannels()) {
            return ChannelsExpression.ALL;
        }
        try {
            return ChannelsExpression.parse(query.channels(), limits);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }
}
