package io.rta.topology.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FoldersTest {

    @Test
    void shouldLinkAnOrphanToTheRoot() {
        assertThat(Folders.normalize(List.of())).containsExactly(Folders.ROOT);
    }

    @Test
    void shouldDropTheRootWhenInAnyOtherFolder() {
        assertThat(Folders.normalize(List.of("", "animals", "plants", "animals"))).containsExactly("animals", "plants");
        assertThat(Folders.normalize(List.of("", ""))).containsExactly("");
    }

    @Test
    void shouldReturnAMutableRootOnlyList() {
        List<String> folders = Folders.rootOnly();
        folders.add("x");
        assertThat(Folders.rootOnly()).containsExactly("");
    }
}
