package io.rta.it;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Scratch directories of the integration tests, all removed when the test JVM exits: servers, brokers and registries
 * write gigabytes (a full run left 4-8 GiB per run in the temporary directory until the disk filled and a later run's
 * broker failed with "Disk error"). Things that still write into them at exit (the shared server) are registered with
 * {@link #closeAtExit} and closed first, in reverse order of registration.
 */
final class Scratch {

    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static final List<Path> DIRECTORIES = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Scratch::cleanUp, "scratch-clean-up"));
    }

    private Scratch() {
    }

    /** A new directory in the temporary directory, deleted with its content at JVM exit. */
    static synchronized Path dir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        DIRECTORIES.add(dir);
        return dir;
    }

    /** Closes {@code resource} at JVM exit, before the scratch directories are deleted. */
    static synchronized void closeAtExit(AutoCloseable resource) {
        OPEN.push(resource);
    }

    private static synchronized void cleanUp() {
        while (!OPEN.isEmpty()) {
            try {
                OPEN.pop().close();
            } catch (Exception e) {
                System.err.println("scratch: closing at exit failed: " + e);
            }
        }
        for (Path dir : DIRECTORIES) {
            deleteQuietly(dir);
        }
    }

    /** Deletes what it can: a file still held by a dying child process must not stop the rest going. */
    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) {
                    delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("scratch: could not delete " + dir + ": " + e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left behind; the rest still goes
        }
    }
}
