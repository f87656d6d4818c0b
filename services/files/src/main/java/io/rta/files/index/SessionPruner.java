package io.rta.files.index;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DeleteSessionsRequest;
import io.rta.proto.toolkit.session.ListSessionsRequest;
import io.rta.proto.toolkit.session.Session;
import io.rta.proto.toolkit.session.SessionElements;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --Prune}: deletes the sessions this command made whose files are all gone, and those files' schema
 * mappings. A session is taken as the command's own only when its identity is the one the command derives (a UUID of
 * the source and the file's path, or of the source and the directory's path with {@code /}) and every data binding of
 * the source names a file of that directory: sessions made any other way are never touched.
 */
final class SessionPruner {

    /** Sessions listed per page (under any sensible {@code MaxPageSize}). */
    static final int PAGE = 500;
    /** Identities per {@code DeleteSessions} call. */
    static final int DELETE_BATCH = 100;

    private final IndexClients clients;
    private final String source;
    private final PrintStream out;

    SessionPruner(IndexClients clients, String source, PrintStream out) {
        this.clients = clients;
        this.source = source;
        this.out = out;
    }

    /**
     * @param found every data file under the root now (identities)
     * @return the sessions deleted
     */
    int prune(Set<String> found) {
        List<Session> stale = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<Session> sessions = clients.sessions().listSessions(ListSessionsRequest.newBuilder()
                    .addSorts("identifier").setPageIndex(page).setPageSize(PAGE)
                    .setSessionElements(SessionElements.newBuilder().setDataBindings(true)).build()).getSessionsList();
            for (Session session : sessions) {
                List<String> files = files(session);
                if (ours(session.getIdentity(), files) && files.stream().noneMatch(found::contains)) {
                    stale.add(session);
                }
            }
            if (sessions.size() < PAGE) {
                break;
            }
        }
        Set<String> mappings = new LinkedHashSet<>();
        for (int from = 0; from < stale.size(); from += DELETE_BATCH) {
            List<Session> batch = stale.subList(from, Math.min(stale.size(), from + DELETE_BATCH));
            clients.sessions().deleteSessions(DeleteSessionsRequest.newBuilder()
                    .addAllIdentities(batch.stream().map(Session::getIdentity).toList()).build());
            for (Session session : batch) {
                List<String> files = files(session);
                mappings.addAll(files);
                out.println("pruned session " + session.getIdentity() + ": " + String.join(", ", files)
                        + (files.size() == 1 ? " is" : " are") + " gone");
            }
        }
        for (String file : mappings) {
            try {
                clients.mappings().deleteSchemaMapping(DeleteSchemaMappingRequest.newBuilder().setDataSource(source)
                        .setDataIdentity(file).build());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return stale.size();
    }

    /** The files a session's data bindings of this source name. */
    private List<String> files(Session session) {
        return session.getDataBindingsList().stream().map(DataBinding::getKey)
                .filter(key -> key.getSource().equals(source)).map(key -> key.getIdentity()).toList();
    }

    /** Whether the command made a session of that identity binding those files (a file's, or a directory's). */
    private boolean ours(String identity, List<String> files) {
        if (files.isEmpty()) {
            return false;
        }
        if (files.size() == 1 && identity.equals(IndexPlan.sessionIdentity(source, files.get(0)))) {
            return true;
        }
        String directory = FileIndexer.directory(files.get(0));
        return files.stream().allMatch(file -> FileIndexer.directory(file).equals(directory))
                && identity.equals(IndexPlan.sessionIdentity(source, directory + "/"));
    }
}
