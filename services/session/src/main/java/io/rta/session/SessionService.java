package io.rta.session;

import io.rta.events.SessionFolder;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.errors.NotFoundException;
import io.rta.session.api.SessionWriter;
import io.rta.session.grpc.SessionProtoMapper;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.query.QueryException;
import io.rta.topology.query.SessionQuery;
import io.rta.topology.query.SessionSort;
import io.rta.topology.session.ApplyResult;
import io.rta.topology.session.SessionApplier;
import io.rta.topology.session.SessionLimits;
import io.rta.topology.view.FolderNode;
import io.rta.topology.view.FolderTree;
import io.rta.topology.view.ListRequest;
import io.rta.topology.view.SessionCatalog;
import io.rta.topology.view.Visibility;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the Session API does, whatever the transport: REST resources and the SessionStore gRPC service both call here.
 * Reads come from the in-memory views; writes are validated completely (including a dry run of the update against
 * the current state) before anything is written, so bad input never leaves a partial write. Every identity and
 * every bound on a request is checked through {@link SessionInputs} and the read model's limits.
 */
public final class SessionService {

    /** From about this size on, a stored session is {@link #isLarge large}. */
    public static final long LARGE_SESSION_BYTES = 64 * 1024;

    private final SessionCatalog catalog;
    private final FolderTree folders;
    private final SessionWriter writer;
    private final Clock clock;
    private final SessionInputs inputs;

    /** With the default input limits (tests). */
    public SessionService(SessionCatalog catalog, FolderTree folders, SessionWriter writer, Clock clock) {
        this(catalog, folders, writer, clock, InputLimits.defaults());
    }

    public SessionService(SessionCatalog catalog, FolderTree folders, SessionWriter writer, Clock clock,
                          InputLimits limits) {
        this.catalog = catalog;
        this.folders = folders;
        this.writer = writer;
        this.clock = clock;
        this.inputs = new SessionInputs(limits);
    }

    /**
     * Whether the stored session {@code identity} is large (about {@link #LARGE_SESSION_BYTES} or more): an update's
     * dry run copies and measures the whole stored state, which then takes milliseconds.
     */
    public boolean isLarge(String identity) {
        return catalog.approximateBytes(identity) >= LARGE_SESSION_BYTES;
    }

    /** Whether a write can be handed to the writer without blocking ({@link SessionWriter#writesWithoutBlocking}). */
    public boolean writesWithoutBlocking() {
        return writer.writesWithoutBlocking();
    }

    public CompletableFuture<Void> createOrUpdate(CreateOrUpdateSessionRequest request) {
        String identity = inputs.requireIdentity("identity", request.getIdentity());
        SessionUpdateBatch batch = SessionProtoMapper.toBatch(request, clock);
        inputs.requireIdentities(batch);
        ApplyResult dryRun = SessionApplier.apply(catalog.get(identity).orElse(null), identity, batch,
                clock.millis(), inputs.limits());
        if (dryRun.outcome() == ApplyResult.Outcome.REJECTED) {
            throw new InvalidInputException(dryRun.reason());
        }
        SessionLimits.problem(batch, dryRun.state()).ifPresent(problem -> {
            throw new InvalidInputException(problem);
        });
        return writer.apply(identity, batch);
    }

    /** Deletes sessions; identities that do not exist are ignored. */
    public CompletableFuture<Void> delete(List<String> identities) {
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < identities.size(); i++) {
            unique.add(inputs.requireIdentity("identities[" + i + "]", identities.get(i)));
        }
        return CompletableFuture.allOf(unique.stream()
                .map(identity -> writer.apply(identity, SessionProtoMapper.deleteBatch()))
                .toArray(CompletableFuture[]::new));
    }

    /** Every session (auth off, or no access policy): see {@link #get(String, Visibility)}. */
    public SessionState get(String identity) {
        return get(identity, Visibility.ALL);
    }

    /**
     * The session as {@code visibility} may see it: "not found" when it may not (existence does not leak), and its
     * children and alternates links without the sessions it may not see.
     */
    public SessionState get(String identity, Visibility visibility) {
        inputs.requireIdentity("identity", identity);
        return visibleLinks(catalog.get(identity, visibility).orElseThrow(() -> new NotFoundException("session '"
                + identity + "' not found")), visibility);
    }

    private SessionState visibleLinks(SessionState session, Visibility visibility) {
        return visibility.isAll() ? session
                : visibility.withVisibleLinks(session, linked -> catalog.get(linked, visibility).isPresent());
    }

    /**
     * A page of sessions; query and sorts follow the REST API's dialect, bounded by the input limits (query depth,
     * terms and operands, sort keys, page size, the folder's identity).
     */
    public List<SessionState> list(String query, String folder, List<String> sorts, int pageIndex, int pageSize,
                                   boolean includeSubSessions) {
        return list(query, folder, sorts, pageIndex, pageSize, includeSubSessions, Visibility.ALL);
    }

    /** {@link #list} over the sessions {@code visibility} admits, their links limited to those too. */
    public List<SessionState> list(String query, String folder, List<String> sorts, int pageIndex, int pageSize,
                                   boolean includeSubSessions, Visibility visibility) {
        inputs.requireFolder("folder", folder);
        InputLimits limits = inputs.limits();
        try {
            SessionQuery parsed = query == null || query.isBlank() ? null : SessionQuery.parse(query, limits);
            SessionSort sort = sorts == null || sorts.isEmpty() ? null : SessionSort.parse(sorts, limits);
            List<SessionState> page = catalog.list(ListRequest.bounded(parsed, folder, sort, pageIndex, pageSize,
                    includeSubSessions, limits), visibility);
            if (visibility.isAll()) {
                return page;
            }
            List<SessionState> linked = new ArrayList<>(page.size());
            page.forEach(session -> linked.add(visibleLinks(session, visibility)));
            return linked;
        } catch (QueryException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    /** Refuses more properties than a request may name ({@code prop}, {@code json_properties}). */
    public void requireProperties(String field, List<String> props) {
        inputs.requireProperties(field, props);
    }

    /** The metamodel of a folder sub-tree; transports check {@code props} with {@link #requireProperties}. */
    public com.fasterxml.jackson.databind.node.ObjectNode metamodel(String folder, List<String> props,
                                                                    Visibility visibility) {
        inputs.requireFolder("folder", folder);
        return catalog.metamodel(folder, props == null ? List.of() : props, visibility);
    }

    public List<io.rta.topology.query.PropertySummary> properties(String partialMatch, String folder,
                                                                  Visibility visibility) {
        inputs.requireFolder("folder", folder);
        return catalog.properties(partialMatch == null ? "" : partialMatch, folder, visibility);
    }

    /**
     * Child folders of a parent; the root is the empty identity. A caller who may not see every session sees only the
     * folders holding (in their sub-tree) a session it may see, and any other folder is "not found".
     */
    public List<FolderNode> folders(String parent, Visibility visibility) {
        String id = parent == null ? FolderTree.ROOT : inputs.requireFolder("parent", parent);
        if (visibility.isAll()) {
            if (!id.isEmpty() && !folders.exists(id)) {
                throw new NotFoundException("folder '" + id + "' not found");
            }
            return folders.children(id);
        }
        Set<String> shown = folders.withAncestors(catalog.linkedFolders(visibility));
        if (!id.isEmpty() && !shown.contains(id)) {
            throw new NotFoundException("folder '" + id + "' not found");
        }
        return folders.children(id, shown);
    }

    /** Creates, renames or moves a folder. */
    public CompletableFuture<Void> putFolder(String parent, String identity, String label, String description) {
        if (identity == null || identity.isEmpty()) {
            throw new InvalidInputException("identity: the root folder (empty identity) cannot be modified");
        }
        inputs.requireIdentity("identity", identity);
        String parentId = parent == null ? FolderTree.ROOT : inputs.requireFolder("parent_identity", parent);
        if (parentId.equals(identity)) {
            throw new InvalidInputException("parent_identity: a folder cannot be its own parent");
        }
        if (!parentId.isEmpty() && !folders.exists(parentId)) {
            throw new InvalidInputException("parent_identity: folder '" + parentId + "' does not exist");
        }
        if (!parentId.isEmpty() && folders.isDescendant(parentId, identity)) {
            throw new InvalidInputException("parent_identity: folder '" + parentId + "' is inside '" + identity
                    + "'; moving a folder under itself would make a cycle");
        }
        return writer.putFolder(new SessionFolder(identity, parentId, label, description));
    }

    /** Deletes folders with their sub-trees; sessions left without a folder show in the root. */
    public CompletableFuture<Void> deleteFolders(List<String> identities) {
        Set<String> doomed = new LinkedHashSet<>();
        for (int i = 0; i < identities.size(); i++) {
            String identity = identities.get(i);
            if (identity == null || identity.isEmpty()) {
                throw new InvalidInputException("folder_identities[" + i + "]: the root folder cannot be deleted");
            }
            inputs.requireIdentity("folder_identities[" + i + "]", identity);
            if (folders.exists(identity)) {
                doomed.addAll(folders.subtree(identity));
            }
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        doomed.forEach(identity -> writes.add(writer.deleteFolder(identity)));
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }
}
