package io.rta.session.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.events.SessionFolder;
import io.rta.events.SessionUpdateBatch;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.session.SessionService;
import io.rta.session.api.SessionWriter;
import io.rta.topology.view.FolderTree;
import io.rta.topology.view.SessionCatalog;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which SessionStore calls may run on the transport's thread: creating or updating a session, once it cannot block. */
class SessionStoreServicePlacementTest {

    private final Writer writer = new Writer();
    private final FolderTree folders = new FolderTree();
    private final SessionCatalog catalog = new SessionCatalog(folders);
    private final SessionService sessions = new SessionService(catalog, folders, writer, Clock.systemUTC());
    private final SessionStoreService service = new SessionStoreService(sessions);

    @Test
    void shouldRunCreateOrUpdateInPlaceOnlyOnceTheWriterCannotBlock() {
        String createOrUpdate = SessionStoreGrpc.getCreateOrUpdateSessionMethod().getFullMethodName();
        assertThat(service.neverBlocks(createOrUpdate)).as("the writer's first write asks the registry").isFalse();

        writer.ready = true;

        assertThat(service.neverBlocks(createOrUpdate)).isTrue();
    }

    @Test
    void shouldTellALargeStoredSessionFromASmallOne() {
        catalog.put(io.rta.events.SessionState.newBuilder().setIdentity("small").setState(4)
                .setTimestamp("2021-01-01T00:00:00Z").setIdentifier("small").setHeartbeatUtc("2021-01-01T00:00:00Z")
                .build());
        catalog.put(io.rta.events.SessionState.newBuilder().setIdentity("large").setState(4)
                .setTimestamp("2021-01-01T00:00:00Z").setIdentifier("large").setHeartbeatUtc("2021-01-01T00:00:00Z")
                .setDetails(java.util.List.of(new io.rta.events.Detail("Notes",
                        "n".repeat((int) SessionService.LARGE_SESSION_BYTES))))
                .build());

        assertThat(sessions.isLarge("small")).isFalse();
        assertThat(sessions.isLarge("large")).isTrue();
        assertThat(sessions.isLarge("absent")).isFalse();
    }

    @Test
    void shouldHandEveryOtherCallToThePool() {
        writer.ready = true;

        for (var method : SessionStoreGrpc.getServiceDescriptor().getMethods()) {
            if (!method.equals(SessionStoreGrpc.getCreateOrUpdateSessionMethod())) {
                assertThat(service.neverBlocks(method.getFullMethodName())).as(method.getFullMethodName()).isFalse();
            }
        }
    }

    private static final class Writer implements SessionWriter {

        volatile boolean ready;

        @Override
        public CompletableFuture<Void> apply(String identity, SessionUpdateBatch batch) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> putFolder(SessionFolder folder) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> deleteFolder(String identity) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean writesWithoutBlocking() {
            return ready;
        }
    }
}
