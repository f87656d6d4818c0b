package io.rta.files.paths;

import java.nio.file.Path;
import java.util.List;

/**
 * The files a data identity names, each resolved (real path, inside the root), in name order, with what makes a
 * cached chunk of them stale: their modification times and sizes.
 *
 * @param format the format they all share
 * @param files real paths, sorted
 * @param version modification time and size of each file, in the same order
 */
public record FileSet(FileFormat format, List<Path> files, List<String> version) {

    /** Identifies this content: the paths and their versions (a file rewritten gets another signature). */
    public String signature() {
        StringBuilder out = new StringBuilder(format.name());
        for (int i = 0; i < files.size(); i++) {
            out.append('\n').append(files.get(i)).append('@').append(version.get(i));
        }
        return out.toString();
    }
}
