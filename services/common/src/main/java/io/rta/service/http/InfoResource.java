package io.rta.service.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /rta/v2/info}, polled by ATLAS. A resource of its own: JAX-RS matches the longest class path first and
 * does not fall back to other classes, so it cannot live under {@code /} next to {@code /rta/v2} resources.
 */
@Path("/rta/v2/info")
public final class InfoResource {

    private final ServiceInfo info;

    public InfoResource(ServiceInfo info) {
        this.info = info;
    }

    /** Service info polled by ATLAS: label, description and whether authentication is required. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> rtaInfo() {
        Map<String, Object> body = new LinkedHashMap<>();
        // every field always, empty or not: the spec names them without a schema, and a client reads all three
        body.put("label", info.label());
        body.put("description", info.description() == null ? "" : info.description());
        body.put("authRequired", info.authRequired());
        return body;
    }
}
