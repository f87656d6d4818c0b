package io.rta.files.paths;

import io.rta.service.errors.InvalidInputException;
import io.rta.service.errors.NotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Confines data identities to {@code Root}. An identity is a path relative to the root, {@code /}-separated, naming
 * one file or a glob of files ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}, {@code **} across directories).
 * Refused with 400: absolute paths, drive letters, backslashes, {@code ..} segments, and anything that resolves
 * (symlinks followed) outside the root. Messages name only the identity as given, never where the root is.
 */
public final class RootPaths {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final Pattern GLOB = Pattern.compile("[*?\\[{]");
    /** The reason the JDK gives for ENOTDIR (a path going through a file as if it were a directory). */
    private static final String NOT_A_DIRECTORY = "Not a directory";

    private final Path root;
    private final int maxFiles;

    /** @param root a real path (as {@code Path#toRealPath} gives) */
    public RootPaths(Path root, int maxFiles) {
        this.root = root;
        this.maxFiles = maxFiles;
    }

    /** The root, for messages that must hide it. */
    public Path root() {
        return root;
    }

    /**
     * The files {@code identity} names.
     *
     * @throws InvalidInputException (400) for an identity that could leave the root, mixes formats or names
     *     something that is not a Parquet or CSV file
     * @throws NotFoundException (404) when it names no file
     */
    public FileSet resolve(String identity) {
        check(identity);
        List<Path> files = GLOB.matcher(identity).find() ? glob(identity) : List.of(single(identity));
        List<String> versions = new ArrayList<>(files.size());
        FileFormat format = null;
        for (Path file : files) {
            FileFormat each = FileFormat.of(file.getFileName().toString());
            if (each == null) {
                throw new InvalidInputException("data identity '" + identity + "' names a file that is neither "
                        + "Parquet (.parquet) nor CSV (.csv)" + (files.size() > 1 ? ": " + relative(file) : ""));
            }
            if (format != null && each != format) {
                throw new InvalidInputException("data identity '" + identity + "' matches both Parquet and CSV files:"
                        + " one identity reads one format");
            }
            format = each;
            versions.add(version(identity, file));
        }
        return new FileSet(format, files, versions);
    }

    /** The lexical rules, before the file system is asked anything. */
    public static void check(String identity) {
        if (identity.isBlank()) {
            throw refused(identity, "is empty");
        }
        if (identity.indexOf('\0') >= 0) {
            throw refused(identity, "holds a NUL character");
        }
        if (identity.startsWith("/")) {
            throw refused(identity, "is an absolute path: identities are relative to the root");
        }
        if (identity.indexOf('\\') >= 0) {
            throw refused(identity, "holds a backslash: separate directories with /");
        }
        if (DRIVE.matcher(identity).matches()) {
            throw refused(identity, "starts with a drive letter: identities are relative to the root");
        }
        for (String segment : identity.split("/", -1)) {
            if (segment.equals("..")) {
                throw refused(identity, "has a '..' segment: identities cannot leave the root");
            }
        }
    }

    private Path single(String identity) {
        Path real = confined(identity, root.resolve(identity), "no file '" + identity + "' under the root");
        if (!Files.isRegularFile(real)) {
            throw refused(identity, "is not a regular file");
        }
        return real;
    }

    /**
     * The real path of {@code path}, which must be in the root (400 otherwise); 404 with {@code nothing} when it does
     * not exist (400 when a link on its way leads out of the root).
     */
    private Path confined(String identity, Path path, String nothing) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw missing(identity, path, nothing);
        } catch (FileSystemException e) {
            if (NOT_A_DIRECTORY.equals(e.getReason())) {
                throw missing(identity, path, nothing); // a file where the path needs a directory: nothing there
            }
            throw new InvalidInputException("data identity '" + identity + "' cannot be resolved: "
                    + e.getClass().getSimpleName());
        } catch (IOException e) {
            throw new InvalidInputException("data identity '" + identity + "' cannot be resolved: "
                    + e.getClass().getSimpleName());
        }
        if (!real.startsWith(root)) {
            throw refused(identity, "resolves outside the root");
        }
        return real;
    }

    /**
     * The answer for a path that does not resolve: 400 when a link on its way leads out of the root (a dangling one
     * included: where it points is refused whether or not something is there), else 404 with {@code message}.
     */
    private RuntimeException missing(String identity, Path path, String message) {
        Path at = root;
        for (Path segment : root.relativize(path)) {
            at = at.resolve(segment);
            if (!Files.isSymbolicLink(at)) {
                continue;
            }
            Path target;
            try {
                target = at.toRealPath();
            } catch (IOException e) {
                try {
                    target = at.getParent().resolve(Files.readSymbolicLink(at)).normalize();
                } catch (IOException | UnsupportedOperationException unreadable) {
                    break;
                }
            }
            if (!target.startsWith(root)) {
                return refused(identity, "resolves outside the root");
            }
        }
        return new NotFoundException(message);
    }

    /**
     * The files a glob matches. Its leading segments without wildcards must stay in the root like a single file's
     * path (400 otherwise); the walk below them follows links but does not go into a directory that resolves outside
     * the root (nor around a loop of links), and a match that resolves outside refuses the identity. A link to
     * nothing is no file.
     */
    private List<Path> glob(String identity) {
        String[] segments = identity.split("/");
        Path lexical = root;
        int fixed = 0;
        while (fixed < segments.length - 1 && !GLOB.matcher(segments[fixed]).find()) {
            lexical = lexical.resolve(segments[fixed]);
            fixed++;
        }
        String nothing = "no file matches '" + identity + "' under the root";
        if (!Files.isDirectory(confined(identity, lexical, nothing))) {
            throw new NotFoundException(nothing);
        }
        Path base = lexical;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + identity);
        boolean deep = identity.contains("**");
        int depth = deep ? Integer.MAX_VALUE : segments.length - fixed;
        Set<Path> matches = new TreeSet<>();
        try {
            Files.walkFileTree(base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
                        throws IOException {
                    return dir.equals(base) || dir.toRealPath().startsWith(root) ? FileVisitResult.CONTINUE
                            : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    // a link whose target is missing comes with the link's own attributes: no file; nor is a
                    // directory at the walk's depth
                    if (attributes.isSymbolicLink() || attributes.isDirectory()
                            || !matcher.matches(root.relativize(file))) {
                        return FileVisitResult.CONTINUE;
                    }
                    Path real = file.toRealPath();
                    if (!real.startsWith(root)) {
                        throw refused(identity, "matches a file that resolves outside the root");
                    }
                    if (attributes.isRegularFile()) {
                        matches.add(real);
                        if (matches.size() > maxFiles) {
                            throw refused(identity, "matches more than " + maxFiles + " files (MaxFiles)");
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException || e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // around a loop of links, or gone while listed
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new InvalidInputException("data identity '" + identity + "' cannot be listed: "
                    + e.getClass().getSimpleName());
        }
        if (matches.isEmpty()) {
            throw new NotFoundException(nothing);
        }
        return List.copyOf(matches);
    }

    private String version(String identity, Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    new LinkOption[0]);
            return attributes.lastModifiedTime().toMillis() + ":" + attributes.size();
        } catch (IOException e) {
            throw new NotFoundException("a file of '" + identity + "' went away while it was being read");
        }
    }

    private String relative(Path file) {
        return root.relativize(file).toString();
    }

    private static InvalidInputException refused(String identity, String why) {
        return new InvalidInputException("data identity '" + identity + "' " + why);
    }
}
