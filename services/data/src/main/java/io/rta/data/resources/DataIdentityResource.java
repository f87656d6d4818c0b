package io.rta.data.resources;

import io.rta.data.DataReads;
import io.rta.data.api.ChunkEncoder;
import io.rta.data.remote.OwnerClient;
import jakarta.ws.rs.Path;

/**
 * The data service's own routes, by data identity (no session involved):
 * {@code GET /rta/v2/data/{dataIdentity}/{timestamped|periodic|row}/{channels}} and
 * {@code GET /rta/v2/data/{dataIdentity}/events} ({@link DataRoutes}: {@code start}/{@code end}, answers, errors,
 * owner forwarding and read slots exactly as the session routes). This is what a gateway's data binding asks.
 *
 * <p>The identity is one path segment, percent-encoded (RFC 3986: {@code /} as {@code %2F}, {@code %} as {@code %25},
 * a space as {@code %20}, never {@code +}); it arrives decoded (Jersey matches the encoded path, then decodes the
 * parameter). An unencoded {@code /} makes the path longer than any route here (404), so clients must encode; the
 * HTTP server must let {@code %2F} and {@code %25} through under {@link #PATH}
 * ({@code HttpSettings.withEncodedSlashesUnder}). An identity with no data (unknown, or not written yet) is an empty
 * 200 stream: the chunk store cannot tell the two apart, and a binding to data that is still to come is normal.
 */
@Path(DataIdentityResource.PATH + "{identity}")
public final class DataIdentityResource extends DataRoutes {

    /** The prefix of every route here (the path whose segments may hold encoded slashes). */
    public static final String PATH = io.rta.service.http.ApiPaths.DATA;

    /** @param reads the data reads of this instance; read here {@link DataReads#byDataIdentity()} */
    public DataIdentityResource(DataReads reads, OwnerClient owners, ChunkEncoder encoder) {
        super(reads.byDataIdentity(), owners, encoder);
    }
}
