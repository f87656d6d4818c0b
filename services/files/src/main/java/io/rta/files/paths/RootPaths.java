package io.rta.files.paths;

import io.rta.service.errors.InvalidInputException;
import io.rta.service.errors.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Confines data identities to {@code Root}. An identity is a path relative to the root, {@code /}-separated, naming
 * one file or a glob of files ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}, {@code **} across directories).
 * Refused with 400: absolute paths, drive letters, backslashes, {@code ..} segments, and anything that resolves
 * (symlinks followed) outside the root. Messages name only the identity as given, never where the root is.
 */
public final class RootPaths {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final Pattern GLOB = Pattern.compile("[*?\\[{]");

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
        Path path = root.resolve(identity);
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no file '" + identity + "' under the root");
        } catch (IOException e) {
            throw new InvalidInputException("data identity '" + identity + "' cannot be resolved: "
                    + e.getClass().getSimpleName());
        }
        if (!real.startsWith(root)) {
            throw refused(identity, "resolves outside the root");
        }
        if (!Files.isRegularFile(real)) {
            throw refused(identity, "is not a regular file");
        }
        return real;
    }

    private List<Path> glob(String identity) {
        String[] segments = identity.split("/");
        Path base = root;
        int fixed = 0;
        while (fixed < segments.length - 1 && !GLOB.matcher(segments[fixed]).find()) {
            base = base.resolve(segments[fixed]);
            fixed++;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + identity);
        boolean deep = identity.contains("**");
        int depth = deep ? Integer.MAX_VALUE : segments.length - fixed;
        Set<Path> matches = new TreeSet<>();
        if (!Files.isDirectory(base)) {
            throw new NotFoundException("no file matches '" + identity + "' under the root");
        }
        try (Stream<Path> walk = Files.walk(base, depth, FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(path -> matcher.matches(root.relativize(path))).forEach(path -> {
                Path real = real(identity, path);
                if (Files.isRegularFile(real)) {
                    matches.add(real);
                    if (matches.size() > maxFiles) {
                        throw refused(identity, "matches more than " + maxFiles + " files (MaxFiles)");
                    }
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("data identity '" + identity + "' cannot be listed: "
                    + e.getClass().getSimpleName());
        }
        if (matches.isEmpty()) {
            throw new NotFoundException("no file matches '" + identity + "' under the root");
        }
        return List.copyOf(matches);
    }

    /** A match's real path; a match that is (or passes through) a link out of the root refuses the identity. */
    private Path real(String identity, Path path) {
        try {
            Path real = path.toRealPath();
            if (!real.startsWith(root)) {
                throw refused(identity, "matches a file that resolves outside the root");
            }
            return real;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
