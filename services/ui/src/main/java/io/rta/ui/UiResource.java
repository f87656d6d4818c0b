package io.rta.ui;

import io.rta.service.errors.NotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /ui/}: the browser viewer, Swagger UI for the API at {@code /ui/api/}, and {@code /ui/config.json}, what the
 * page needs to log in. Open without a token (static files and public settings only; the data they show comes from
 * {@code /rta/v2/}, which checks the token). Every answer is revalidated ({@code no-cache} + entity tag), so an
 * upgraded server is never shown with yesterday's scripts.
 */
@Path("/ui")
public final class UiResource {

    /**
     * Scripts from this origin only (no inline script, no eval); styles may be inline (uPlot and Swagger UI set
     * them); the API, the live WebSocket and the identity provider (login) are the only places the page talks to.
     * {@code 'self'} covers the page's own {@code ws:}/{@code wss:} origin (CSP Level 3), so a script could not open
     * a WebSocket to any other host (as {@code ws: wss:} allowed) and send the token there.
     */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'%s; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'";

    private final StaticFiles files;
    private final UiSettings settings;
    private final String csp;

    public UiResource(UiSettings settings) {
        this.settings = settings;
        this.files = new StaticFiles(settings.directory());
        this.csp = String.format(java.util.Locale.ROOT, CSP, settings.login().map(l -> " " + origin(l.authority()))
                .orElse(""));
    }

    /**
     * {@code /ui/} is the viewer's page; {@code /ui} → {@code /ui/}, so the page's relative links resolve under it
     * (behind a path prefix too). Jersey routes both here.
     */
    @GET
    public Response root(@Context UriInfo uri, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        if (uri.getPath().endsWith("/")) {
            return file("", ifNoneMatch);
        }
        return Response.status(308).header(HttpHeaders.LOCATION, "ui/").build();
    }

    /** What the page needs to log in with EnableAuth (nothing secret: a public client and the authority). */
    @GET
    @Path("config.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response config() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authRequired", settings.login().isPresent());
        body.put("authority", settings.login().map(UiSettings.Login::authority).orElse(null));
        body.put("clientId", settings.login().map(UiSettings.Login::clientId).filter(s -> !s.isEmpty()).orElse(null));
        body.put("audience", settings.login().map(UiSettings.Login::audience).filter(s -> !s.isEmpty()).orElse(null));
        body.put("scope", settings.login().map(UiSettings.Login::scope).orElse("openid"));
        return Response.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    @GET
    @Path("{path: .*}")
    public Response file(@PathParam("path") String path, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String name = path.isEmpty() || path.endsWith("/") ? path + "index.html" : path;
        if (name.equals("api")) {
            return Response.status(308).header(HttpHeaders.LOCATION, "api/").build();
        }
        StaticFiles.StaticFile file = files.find(name)
                .orElseThrow(() -> new NotFoundException("/ui/" + path + " is not a file of the viewer"));
        Response.ResponseBuilder answer = file.etag().equals(ifNoneMatch) ? Response.notModified()
                : Response.ok(file.bytes(), file.mediaType());
        answer.header(HttpHeaders.ETAG, file.etag())
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
        if (file.mediaType().startsWith("text/html")) {
            answer.header("Content-Security-Policy", csp);
        }
        return answer.build();
    }

    private static String origin(String authority) {
        URI uri = URI.create(authority);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
