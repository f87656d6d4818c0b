package io.rta.data.resources;

import io.rta.data.DataReads;
import io.rta.data.api.ChunkEncoder;
import io.rta.data.remote.OwnerClient;
import jakarta.ws.rs.Path;

/**
 * The RTA Data REST API: {@code GET /rta/v2/sessions/{identity}/data/{timestamped|periodic|row}/{channels}} and
 * {@code .../data/events} ({@link DataRoutes}). The session must exist (404 otherwise); its identity is the data
 * identity (RTA Server mode).
 */
@Path("/rta/v2/sessions/{identity}/data")
public final class DataResource extends DataRoutes {

    /** @param reads reads that check the session exists */
    public DataResource(DataReads reads, OwnerClient owners, ChunkEncoder encoder) {
        super(reads, owners, encoder);
    }
}
