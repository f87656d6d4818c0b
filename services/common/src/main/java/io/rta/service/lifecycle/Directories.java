package io.rta.service.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;

/** Removing a directory a process made for itself (local state, temporary files) once it is done with it. */
public final class Directories {

    private Directories() {
    }

    /**
     * Deletes {@code dir} and everything under it, best effort: what cannot be deleted is logged (as {@code what}, at
     * WARN on {@code log}) and left.
     *
     * @return whether the directory is gone
     */
    public static boolean deleteRecursively(Path dir, String what, Logger log) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.warn("Cannot delete {} of {}: {}", path, what, e.toString());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot delete {} in {}: {}", what, dir, e.toString());
        }
        return !Files.exists(dir);
    }
}
