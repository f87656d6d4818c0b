package io.rta.files.index;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.DeleteSessionsRequest;
import io.rta.proto.toolkit.session.ListSessionsRequest;
import io.rta.proto.toolkit.session.Session;
import io.rta.proto.toolkit.session.SessionElements;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --Prune}: deletes the sessions this command made whose files are all gone, and those files' schema
 * mappings. A session is taken as the command's own only when its identity is the one the command derives (a UUID of
 * the source and the file's path, or of the source and the directory's path with {@code /}) and all its data
 * bindings are of the source and name that file or files of that directory: sessions made or added to any other way
 * are never touched.
 *
 * <p>A wrong {@code Root} (an unmounted mount point, a sub-directory) makes every file look gone, so with
 * {@code --Prune true} nothing is pruned when no file was found, or when more than half of the command's sessions
 * would go: {@code --Prune all} is needed for that.
 */
final class SessionPruner {

    /** Sessions listed per page (under any sensible {@code MaxPageSize}). */
    static final int PAGE = 500;
    /** Identities per {@code DeleteSessions} call. */
    static final int DELETE_BATCH = 100;

    /** What {@code --Prune} says. */
    enum Mode {
        OFF, CAUTIOUS, ALL;

        /** @throws IllegalArgumentException naming the option when the value is none of false, true, all */
        static Mode of(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "false", "" -> OFF;
                case "true" -> CAUTIOUS;
                case "all" -> ALL;
                default -> throw new IllegalArgumentException("option Prune '" + value + "': use false, true or all");
            };
        }
    }

    private final IndexClients clients;
    private final String source;
    private final PrintStream out;

    SessionPruner(IndexClients clients, String source, PrintStream out) {
        this.clients = clients;
        this.source = source;
        this.out = out;
    }

    /**
     * The sessions made for this source and which of them {@code found} leaves stale, as they are now: taken
     * <em>before</em> a run publishes anything, so that the sessions a run with a wrong {@code Root} (its parent, a
     * sub-directory) makes under the wrong paths do not count as sessions that stay, which made half of the right ones
     * look few enough to prune.
     */
    record Survey(Map<String, List<String>> ours, Map<String, List<String>> stale, boolean nothingFound) {

        /**
         * This survey with {@code published} sessions no longer stale: a directory whose every file was replaced
         * (a logger rotating its files) keeps its session, which this run published again bound to the new ones.
         * They still count among the sessions made for the source.
         */
        Survey withoutStale(Set<String> published) {
            Map<String, List<String>> kept = new LinkedHashMap<>(stale);
            kept.keySet().removeAll(published);
            return new Survey(ours, kept, nothingFound);
        }
    }

    /** {@link #prune(Survey, Mode, List)} of a survey taken now. */
    int prune(Set<String> found, Mode mode, List<String> failures) {
        return prune(survey(found), mode, failures);
    }

    /** @param found every data file under the root now (identities) */
    Survey survey(Set<String> found) {
        Map<String, List<String>> ours = new LinkedHashMap<>();
        Map<String, List<String>> stale = new LinkedHashMap<>();
        for (int page = 0; ; page++) {
            List<Session> sessions = clients.sessions().listSessions(ListSessionsRequest.newBuilder()
                    .addSorts("identifier").setPageIndex(page).setPageSize(PAGE)
                    .setSessionElements(SessionElements.newBuilder().setDataBindings(true)).build()).getSessionsList();
            for (Session session : sessions) {
                List<String> files = files(session);
                if (files != null && ours(session.getIdentity(), files)) {
                    ours.put(session.getIdentity(), files);
                    if (files.stream().noneMatch(found::contains)) {
                        stale.put(session.getIdentity(), files);
                    }
                }
            }
            if (sessions.size() < PAGE) {
                break;
            }
        }
        return new Survey(ours, stale, found.isEmpty());
    }

    /**
     * Deletes the survey's stale sessions (and their schema mappings), unless {@link Mode#CAUTIOUS} and more than
     * half of the sessions made for this source, or all when no file was found, would go.
     *
     * @param failures where what could not be pruned is reported (one entry each)
     * @return the sessions deleted
     */
    int prune(Survey survey, Mode mode, List<String> failures) {
        Map<String, List<String>> ours = survey.ours();
        Map<String, List<String>> stale = survey.stale();
        if (stale.isEmpty()) {
            return 0;
        }
        if (mode == Mode.CAUTIOUS && (survey.nothingFound() || 2 * stale.size() > ours.size())) {
            out.println("nothing pruned: " + stale.size() + " of the " + ours.size() + " session(s) made for "
                    + source + " would go" + (survey.nothingFound() ? " (no file was found under Root)" : "")
                    + "; is Root right? --Prune all prunes them");
            failures.add("--Prune: " + stale.size() + " of " + ours.size() + " sessions would go; not pruned");
            return 0;
        }
        List<String> identities = new ArrayList<>(stale.keySet());
        int deleted = 0;
        for (int from = 0; from < identities.size(); from += DELETE_BATCH) {
            List<String> batch = identities.subList(from, Math.min(identities.size(), from + DELETE_BATCH));
            // the mappings first: a run cut short leaves sessions the next run finds again, never orphan mappings
            for (String identity : batch) {
                for (String file : stale.get(identity)) {
                    deleteMapping(file, failures);
                }
            }
            try {
                clients.sessions().deleteSessions(DeleteSessionsRequest.newBuilder().addAllIdentities(batch).build());
            } catch (StatusRuntimeException e) {
                out.println("could not prune " + batch.size() + " session(s): " + e.getStatus().getCode()
                        + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription()));
                batch.forEach(identity -> failures.add("session " + identity + ": not pruned"));
                continue;
            }
            for (String identity : batch) {
                List<String> files = stale.get(identity);
                out.println("pruned session " + identity + ": " + String.join(", ", files)
                        + (files.size() == 1 ? " is" : " are") + " gone");
            }
            deleted += batch.size();
        }
        return deleted;
    }

    private void deleteMapping(String file, List<String> failures) {
        try {
            clients.mappings().deleteSchemaMapping(DeleteSchemaMappingRequest.newBuilder().setDataSource(source)
                    .setDataIdentity(file).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                out.println("could not delete the schema mapping of " + file + ": " + e.getStatus().getCode());
                failures.add(file + ": its schema mapping was not deleted");
            }
        }
    }

    /** The files a session's data bindings name, or null when one of them is of another source. */
    private List<String> files(Session session) {
        List<String> files = new ArrayList<>();
        for (var binding : session.getDataBindingsList()) {
            DataBindingKey key = binding.getKey();
            if (!key.getSource().equals(source)) {
                return null;
            }
            files.add(key.getIdentity());
        }
        return files;
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
