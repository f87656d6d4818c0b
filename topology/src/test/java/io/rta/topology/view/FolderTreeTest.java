package io.rta.topology.view;

import static io.rta.topology.Sessions.folder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.events.SessionFolder;
import io.rta.topology.json.FolderJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FolderTreeTest {

    private final FolderTree tree = new FolderTree();

    @BeforeEach
    void createTheGuideTree() {
        tree.put(folder("plants", "", "Plants"));
        tree.put(folder("animals", "", "Animals"));
        tree.put(folder("animals::felines", "animals", "Felines"));
        tree.put(folder("animals::felines::lions", "animals::felines", "Lions"));
    }

    @Test
    void shouldListChildrenSortedByLabelWithHasChildren() {
        assertThat(tree.children("")).extracting(FolderNode::identity).containsExactly("animals", "plants");
        assertThat(tree.children("")).extracting(FolderNode::hasChildren).containsExactly(true, false);
        assertThat(tree.children("animals")).extracting(FolderNode::identity).containsExactly("animals::felines");
        assertThat(tree.children("nowhere")).isEmpty();
    }

    @Test
    void shouldBreakLabelTiesByIdentity() {
        tree.put(folder("b", "", "Same"));
        tree.put(folder("a", "", "Same"));

        assertThat(tree.children("")).extracting(FolderNode::identity).containsExactly("animals", "plants", "a", "b");
    }

    @Test
    void shouldRenderTheGuideJson() {
        assertThat(FolderJson.render(tree.children("")).get(0).toString()).isEqualTo(
                "{\"identity\":\"animals\",\"label\":\"Animals\",\"description\":\"Animals folder\",\"hasChildren\":true}");
    }

    @Test
    void shouldGiveASubtreeWithItselfAndAllDescendants() {
        assertThat(tree.subtree("animals")).containsExactlyInAnyOrder("animals", "animals::felines", "animals::felines::lions");
        assertThat(tree.subtree("plants")).containsExactly("plants");
        assertThat(tree.subtree("nowhere")).isEmpty();
    }

    @Test
    void shouldGiveEverythingForTheRootSubtree() {
        assertThat(tree.subtree("")).containsExactlyInAnyOrder("", "plants", "animals", "animals::felines",
                "animals::felines::lions");
    }

    @Test
    void shouldMoveAndRenameOnPut() {
        tree.put(folder("animals::felines", "plants", "Cats"));

        assertThat(tree.children("animals")).isEmpty();
        assertThat(tree.children("plants")).extracting(n -> n.folder().getLabel()).containsExactly("Cats");
        assertThat(tree.subtree("plants")).contains("animals::felines::lions");
    }

    @Test
    void shouldListFoldersWhoseParentIsMissingUnderTheRoot() {
        tree.remove("animals");

        assertThat(tree.exists("animals")).isFalse();
        assertThat(tree.children("")).extracting(FolderNode::identity).containsExactly("animals::felines", "plants");
        assertThat(tree.subtree("animals")).isEmpty();

        tree.put(folder("animals", "", "Animals"));
        assertThat(tree.children("animals")).extracting(FolderNode::identity).containsExactly("animals::felines");
    }

    @Test
    void shouldTellDescendantsForCycleChecks() {
        assertThat(tree.isDescendant("animals::felines::lions", "animals")).isTrue();
        assertThat(tree.isDescendant("animals::felines::lions", "")).isTrue();
        assertThat(tree.isDescendant("animals", "animals::felines")).isFalse();
        assertThat(tree.isDescendant("animals", "animals")).isFalse();
        assertThat(tree.isDescendant("plants", "animals")).isFalse();
        assertThat(tree.isDescendant("nowhere", "")).isFalse();
    }

    @Test
    void shouldSurviveACycleWrittenAnyway() {
        tree.put(folder("animals", "animals::felines::lions", "Animals"));

        assertThat(tree.isDescendant("animals", "plants")).isFalse();
        assertThat(tree.subtree("animals")).hasSize(3);
        assertThat(tree.children("")).extracting(FolderNode::identity).containsExactly("plants");
    }

    @Test
    void shouldTreatAFolderThatIsItsOwnParentAsARootChild() {
        tree.put(folder("self", "self", "Self"));

        assertThat(tree.children("")).extracting(FolderNode::identity).contains("self");
        assertThat(tree.children("self")).isEmpty();
    }

    @Test
    void shouldKeepTheRootImplicit() {
        assertThat(tree.exists("")).isTrue();
        assertThatThrownBy(() -> tree.put(new SessionFolder("", "", "Root", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("root");
        assertThat(tree.snapshot()).hasSize(4).doesNotContainKey("");
    }
}
