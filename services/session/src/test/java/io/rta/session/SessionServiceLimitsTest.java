package io.rta.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.topology.view.Visibility;
import io.rta.events.SessionFolder;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.proto.toolkit.session.ConfigBinding;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.service.errors.InvalidInputException;
import io.rta.session.api.SessionWriter;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.view.FolderTree;
import io.rta.topology.view.SessionCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Session API's bounds, whatever the transport: identities everywhere a request names one, and what a list or
 * metamodel request may cost. Every refusal is an {@link InvalidInputException} naming the field, and nothing is
 * written.
 */
class SessionServiceLimitsTest {

    private static final String TOO_LONG = "s".repeat(1025);
    private static final String TOO_LONG_PROBLEM = "the identity is 1025 bytes long; at most 1024 bytes are allowed "
            + "(MaxIdentityLength)";

    private final FolderTree folders = new FolderTree();
    private final SessionCatalog catalog = new SessionCatalog(folders);
    private final List<Object> writes = Collections.synchronizedList(new ArrayList<>());
    private final SessionService sessions = new SessionService(catalog, folders, new RecordingWriter(),
            Clock.fixed(Instant.parse("2021-01-01T00:00:00Z"), ZoneOffset.UTC), InputLimits.defaults());

    @BeforeEach
    void fill() {
        folders.put(new SessionFolder("f", "", "F", ""));
        catalog.put(SessionState.newBuilder().setIdentity("s1").setState(4).setTimestamp("2021-01-01T00:00:00Z")
                .setIdentifier("s1").setHeartbeatUtc("2021-01-01T00:00:00Z").build());
    }

    static List<String> badIdentities() {
        return List.of(TOO_LONG, "run\r\n12 INFO forged", "a\u0000b", "\u001b[2Jclear", "tab\there", "del\u007f",
                "c1\u0085");
    }

    @ParameterizedTest
    @MethodSource("badIdentities")
    void shouldRefuseABadSessionIdentityOnEveryEntry(String bad) {
        refused(() -> sessions.createOrUpdate(update(bad, SessionUpdate.newBuilder().setSetType(
                com.google.protobuf.StringValue.of("x")).build())), "identity: the identity ");
        refused(() -> sessions.delete(List.of("s1", bad)), "identities[1]: the identity ");
        refused(() -> sessions.get(bad), "identity: the identity ");
        refused(() -> sessions.putFolder("", bad, "label", ""), "identity: the identity ");
        refused(() -> sessions.putFolder(bad, "g", "label", ""), "parent_identity: the identity ");
        refused(() -> sessions.deleteFolders(List.of(bad)), "folder_identities[0]: the identity ");
        refused(() -> sessions.folders(bad, Visibility.ALL), "parent: the identity ");
        refused(() -> sessions.list(null, bad, null, 0, 0, false), "folder: the identity ");
        refused(() -> sessions.metamodel(bad, List.of(), Visibility.ALL), "folder: the identity ");
        refused(() -> sessions.properties("", bad, Visibility.ALL), "folder: the identity ");
        assertThat(writes).isEmpty();
    }

    @Test
    void shouldNameTheLimitOfAnOverLongIdentity() {
        assertThatThrownBy(() -> sessions.get(TOO_LONG)).isInstanceOf(InvalidInputException.class)
                .hasMessage("identity: " + TOO_LONG_PROBLEM);
        assertThatThrownBy(() -> sessions.get("a\u0000b")).isInstanceOf(InvalidInputException.class)
                .hasMessage("identity: the identity holds the control character U+0000 at position 1; control "
                        + "characters are not allowed");
    }

    @Test
    void shouldRefuseBadIdentitiesNamedInsideASessionUpdate() {
        refused(update("s1", SessionUpdate.newBuilder().setSetFolders(
                SessionUpdate.FoldersList.newBuilder().addIdentities("f").addIdentities(TOO_LONG)).build()),
                "updates[0].set_folders.identities[1]: " + TOO_LONG_PROBLEM);
        refused(update("s1", SessionUpdate.newBuilder().setUpdateChildOfRefs(
                SessionUpdate.RefUrisList.newBuilder().addRefUris("acq:a\nb")).build()),
                "updates[0].update_child_of_refs.ref_uris[0]: the identity holds the control character U+000A");
        refused(update("s1", SessionUpdate.newBuilder().setSetRefAnchors(
                SessionUpdate.RefUrisList.newBuilder().addRefUris(TOO_LONG)).build()),
                "updates[0].set_ref_anchors.ref_uris[0]: " + TOO_LONG_PROBLEM);
        refused(update("s1", SessionUpdate.newBuilder().setSetAlternateOfRefs(
                SessionUpdate.RefUrisList.newBuilder().addRefUris("x\u0000y")).build()),
                "updates[0].set_alternate_of_refs.ref_uris[0]: the identity holds the control character U+0000");
        refused(update("s1", SessionUpdate.newBuilder().setSetConfigBindings(
                SessionUpdate.ConfigBindingsList.newBuilder().addConfigBindings(ConfigBinding.newBuilder()
                        .setIdentifier(TOO_LONG))).build()),
                "updates[0].set_config_bindings.config_bindings[0].identifier: " + TOO_LONG_PROBLEM);
        refused(update("s1", SessionUpdate.newBuilder().setDeleteConfigBindings(
                SessionUpdate.ConfigIdentifiersList.newBuilder().addIdentifiers("c\r")).build()),
                "updates[0].delete_config_bindings.identifiers[0]: the identity holds the control character U+000D");
        refused(update("s1", SessionUpdate.newBuilder().setSetDataBindings(
                SessionUpdate.DataBindingsList.newBuilder().addDataBindings(DataBinding.newBuilder()
                        .setKey(DataBindingKey.newBuilder().setSource("s").setIdentity(TOO_LONG)))).build()),
                "updates[0].set_data_bindings.data_bindings[0].key.identity: " + TOO_LONG_PROBLEM);
        refused(update("s1", SessionUpdate.newBuilder().setDeleteDataBindings(
                SessionUpdate.DataBindingKeysList.newBuilder().addKeys(DataBindingKey.newBuilder()
                        .setSource("s").setIdentity("\u001b"))).build()),
                "updates[0].delete_data_bindings.keys[0].identity: the identity holds the control character U+001B");
        assertThat(writes).isEmpty();
    }

    @Test
    void shouldAcceptIdentitiesAtTheLimitAndTheRootFolderLink() {
        String longest = "é".repeat(512);
        assertThatCode(() -> sessions.createOrUpdate(update(longest, SessionUpdate.newBuilder().setSetFolders(
                SessionUpdate.FoldersList.newBuilder().addIdentities("")).build()))).doesNotThrowAnyException();
        assertThat(writes).hasSize(1);
    }

    @Test
    void shouldRefuseAPageSizeAboveTheCapOverEveryList() {
        assertThatThrownBy(() -> sessions.list(null, null, null, 0, Integer.MAX_VALUE, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("pageSize is 2147483647; at most 10000 allowed (MaxPageSize)");
        assertThat(sessions.list(null, null, null, 0, 10_000, false)).hasSize(1);
        assertThat(sessions.list(null, null, null, Integer.MAX_VALUE, 10_000, false)).isEmpty();
    }

    @Test
    void shouldParseQueriesAndSortsWithTheConfiguredLimits() {
        SessionService tight = new SessionService(catalog, folders, new RecordingWriter(), Clock.systemUTC(),
                InputLimits.defaults().withMaxQueryDepth(2).withMaxSortKeys(1));

        assertThat(tight.list("{\"type\": {\"$eq\": \"a\"}}", null, List.of("identity"), 0, 0, false)).isEmpty();
        assertThatThrownBy(() -> tight.list("{\"$or\": [{\"type\": \"a\"}]}", null, null, 0, 0, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("query nesting depth is 3; at most 2 allowed (MaxQueryDepth)");
        assertThatThrownBy(() -> tight.list(null, null, List.of("identity", "state"), 0, 0, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sort key count is 2; at most 1 allowed (MaxSortKeys)");
    }

    @Test
    void shouldRefuseMoreSortKeysThanTheLimit() {
        List<String> sorts = IntStream.range(0, 17).mapToObj(i -> "details.K" + i).toList();

        assertThatThrownBy(() -> sessions.list(null, null, sorts, 0, 0, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sort key count is 17; at most 16 allowed (MaxSortKeys)");
    }

    @Test
    void shouldRefuseMorePropertiesThanTheLimit() {
        List<String> props = IntStream.range(0, 257).mapToObj(i -> "extDetails.C" + i).toList();

        assertThatThrownBy(() -> sessions.requireProperties("prop", props))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("prop count is 257; at most 256 allowed (MaxProperties)");
        assertThatCode(() -> sessions.requireProperties("prop", props.subList(0, 256))).doesNotThrowAnyException();
    }

    private void refused(Runnable call, String messageStart) {
        assertThatThrownBy(call::run).isInstanceOf(InvalidInputException.class).hasMessageStartingWith(messageStart);
    }

    private void refused(CreateOrUpdateSessionRequest request, String messageStart) {
        refused(() -> sessions.createOrUpdate(request), messageStart);
    }

    private static CreateOrUpdateSessionRequest update(String identity, SessionUpdate update) {
        return CreateOrUpdateSessionRequest.newBuilder().setIdentity(identity).addUpdates(update).build();
    }

    /** Records what would be written; nothing must be, for a refused request. */
    private final class RecordingWriter implements SessionWriter {
        @Override
        public CompletableFuture<Void> apply(String identity, SessionUpdateBatch batch) {
            writes.add(batch);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> putFolder(SessionFolder folder) {
            writes.add(folder);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> deleteFolder(String identity) {
            writes.add(identity);
            return CompletableFuture.completedFuture(null);
        }
    }
}
