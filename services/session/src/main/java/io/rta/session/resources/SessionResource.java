package io.rta.session.resources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.events.DataBinding;
import io.rta.events.DataChannelBinding;
import io.rta.events.SessionState;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.auth.Access;
import io.rta.session.SessionService;
import io.rta.topology.json.FolderJson;
import io.rta.topology.json.Json;
import io.rta.topology.json.SessionJson;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.view.Visibility;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The RTA Session REST API ({@code /rta/v2}): sessions, folders and the metamodel, exactly as in api.yaml. */
@Path("/rta/v2")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    /** The docs write extra sorts as bare parameters ({@code ?sort=timestamp:asc&quality:desc}); accept both. */
    private static final Pattern BARE_SORT = Pattern.compile("^[^=]+:(?i:asc|desc)$");
    /**
     * The internal routes, which only services call: with auth on they need {@code Auth:InternalScope}. Matched on the
     * whole decoded path; any identity (an encoded {@code /} in it too) and a trailing {@code /} included.
     */
    public static final List<Pattern> INTERNAL_PATHS = List.of(Pattern.compile("/rta/v2/sessions/.+/data-bindings/?"));

    private final SessionService sessions;

    public SessionResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @GET
    @Path("sessions")
    public ObjectNode listSessions(@Context UriInfo uri, @Context HttpServletRequest request) {
        return list(uri.getQueryParameters(), false, Access.of(request));
    }

    /** A form only: another Content-Type is 415 (a request without one and without a body is an empty form). */
    @POST
    @Path("sessions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public ObjectNode querySessions(@Context UriInfo uri, @Context HttpServletRequest request,
                                    MultivaluedMap<String, String> form) {
        MultivaluedMap<String, String> params = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        uri.getQueryParameters().forEach(params::addAll);
        if (form != null) {
            form.forEach(params::addAll);
        }
        return list(params, true, Access.of(request));
    }

    private ObjectNode list(MultivaluedMap<String, String> params, boolean post, Visibility visibility) {
        String query = post ? last(params, "query") : null;
        List<String> props = post ? params.getOrDefault("prop", List.of()) : List.of();
        sessions.requireProperties("prop", props);
        List<SessionState> page = sessions.list(query, last(params, "folder"), sorts(params),
                integer(params, "pageIndex"), integer(params, "pageSize"), false, visibility);
        return SessionJson.renderPage(page, props);
    }

    @GET
    @Path("sessions/{identity}")
    public ObjectNode getSession(@PathParam("identity") String identity, @Context HttpServletRequest request) {
        return SessionJson.render(sessions.get(identity, Access.of(request)), List.of());
    }

    /**
     * Internal: used by the gateway to route data requests; never exposed to ATLAS ({@link #INTERNAL_PATHS}). With auth
     * on only service credentials reach it (the internal scope), and they see every session: access policies are for
     * callers, and the gateway checks its caller may see the session ({@code GET} with the caller's token) first.
     */
    @GET
    @Path("sessions/{identity}/data-bindings")
    public ArrayNode getDataBindings(@PathParam("identity") String identity) {
        ArrayNode bindings = Json.NODES.arrayNode();
        for (DataBinding binding : sessions.get(identity).getDataBindings()) {
            bindings.add(dataBinding(binding));
        }
        return bindings;
    }

    @GET
    @Path("session-folders")
    public ArrayNode getRootFolders(@Context HttpServletRequest request) {
        return FolderJson.render(sessions.folders("", Access.of(request)));
    }

    @GET
    @Path("session-folders/{parent: .*}")
    public ArrayNode getSessionFolders(@PathParam("parent") String parent, @Context HttpServletRequest request) {
        return FolderJson.render(sessions.folders(parent, Access.of(request)));
    }

    @GET
    @Path("session-metamodel")
    public ObjectNode getSessionMetamodel(@QueryParam("folder") String folder, @QueryParam("prop") List<String> props,
                                          @Context HttpServletRequest request) {
        sessions.requireProperties("prop", props);
        return sessions.metamodel(folder, props, Access.of(request));
    }

    @GET
    @Path("session-metamodel/properties")
    public ArrayNode querySessionMetamodel(@QueryParam("query") String query, @QueryParam("folder") String folder,
                                           @Context HttpServletRequest request) {
        ArrayNode result = Json.NODES.arrayNode();
        sessions.properties(query, folder, Access.of(request)).forEach(p -> {
            ObjectNode node = result.addObject().put("id", p.id()).put("label", p.label());
            if (p.description() != null && !p.description().isEmpty()) {
                node.put("description", p.description());
            }
        });
        return result;
    }

    private static ObjectNode dataBinding(DataBinding binding) {
        ObjectNode node = Json.NODES.objectNode();
        node.putObject("key").put("source", binding.getKey().getSource())
                .put("identity", binding.getKey().getIdentity()).put("timeRef", binding.getKey().getTimeRef());
        putNullable(node, "sessionStartTime", binding.getSessionStartTime());
        putNullable(node, "sessionEndTime", binding.getSessionEndTime());
        node.put("sessionTimeOffset", binding.getSessionTimeOffset());
        ArrayNode channels = node.putArray("dataChannelBindings");
        for (DataChannelBinding channel : binding.getDataChannelBindings()) {
            channels.addObject().put("firstDataChannel", channel.getFirstDataChannel())
                    .put("firstSessionChannel", channel.getFirstSessionChannel())
                    .put("lastSessionChannel", channel.getLastSessionChannel());
        }
        return node;
    }

    private static void putNullable(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static List<String> sorts(MultivaluedMap<String, String> params) {
        List<String> sorts = new ArrayList<>();
        params.getOrDefault("sort", List.of()).forEach(value -> {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    sorts.add(part.trim());
                }
            }
        });
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            boolean bare = entry.getValue().stream().allMatch(String::isEmpty);
            if (bare && BARE_SORT.matcher(entry.getKey()).matches()) {
                sorts.add(entry.getKey());
            }
        }
        return sorts;
    }

    private static String last(MultivaluedMap<String, String> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static int integer(MultivaluedMap<String, String> params, String name) {
        String value = last(params, name);
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0) {
                throw new InvalidInputException(name + " must be 0 or more, not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be an integer from 0 to " + Integer.MAX_VALUE + ", not '"
                    + InputLimits.excerpt(value) + "'");
        }
    }
}
