package io.rta.server.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application class-data sharing (AppCDS) for the registry's JVM: its ~15,000 Quarkus and Apicurio classes are mapped
 * from an archive instead of being read, parsed and verified from 360 jars at every start, which is most of the
 * registry's start-up.
 *
 * <p>Java 17 cannot make the archive on the fly ({@code -XX:+AutoCreateSharedArchive} is Java 19+), so a child that
 * runs without one dumps the classes it loaded when it exits ({@code -XX:ArchiveClassesAtExit}) into a file of its
 * own, which is moved into place once the child has stopped cleanly; every later child maps it
 * ({@code -XX:SharedArchiveFile}). The archive lives next to the runner jar (the build's {@code target/apicurio}), so a
 * server on an empty {@code DataPath} uses it too. Its name holds the Java version and the runner jar's size and
 * time: another JDK or registry build makes its own. The JVM checks an archive before it maps it and ignores one that
 * does not match (it warns in {@code registry.log} and starts without it), so a stale archive costs time, never
 * correctness. Where the directory is not writable no archive is made.
 */
final class RegistryCds {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryCds.class);

    private final Path archive;
    private final Path dump;

    private RegistryCds(Path archive, Path dump) {
        this.archive = archive;
        this.dump = dump;
    }

    /** The archive of this runner jar and JVM: used when it exists, made by this child when it does not. */
    static RegistryCds of(Path runnerJar) {
        Path archive = archivePath(runnerJar, System.getProperty("java.version"));
        if (Files.isReadable(archive)) {
            return new RegistryCds(archive, null);
        }
        if (!Files.isWritable(archive.getParent())) {
            LOG.debug("No class-data archive for the schema registry: {} is not writable", archive.getParent());
            return new RegistryCds(archive, null);
        }
        return new RegistryCds(archive, archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID()
                + ".tmp"));
    }

    static Path archivePath(Path runnerJar, String javaVersion) {
        long size;
        long modified;
        try {
            size = Files.size(runnerJar);
            modified = Files.getLastModifiedTime(runnerJar).toMillis();
        } catch (IOException e) {
            size = 0;
            modified = 0;
        }
        String name = runnerJar.getFileName().toString().replaceFirst("\\.jar$", "")
                + String.format(Locale.ROOT, "-java%s-%d-%d.jsa", javaVersion.replaceAll("[^0-9A-Za-z.]", "_"),
                size, modified);
        return runnerJar.toAbsolutePath().resolveSibling(name);
    }

    /** The JVM options of the child: map the archive, or dump one at exit. */
    List<String> jvmOptions() {
        if (dump != null) {
            return List.of("-XX:ArchiveClassesAtExit=" + dump);
        }
        return Files.isReadable(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    /** For the log: whether the child maps the archive, makes it, or runs without one. */
    String describe() {
        if (dump != null) {
            return "no class-data archive yet: this run writes " + archive + " when it stops";
        }
        return Files.isReadable(archive) ? "classes mapped from " + archive
                : "no class-data archive: " + archive.getParent() + " is not writable";
    }

    /**
     * After the child exited: its dump, when it stopped cleanly and wrote one, becomes the archive; a dump cut short
     * (a child killed) is deleted.
     */
    void childExited(boolean stoppedCleanly) {
        if (dump == null || !Files.exists(dump)) {
            return;
        }
        try {
            if (stoppedCleanly && Files.size(dump) > 0) {
                Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("Class-data archive of the schema registry written to {}: later starts map it", archive);
            } else {
                Files.delete(dump);
            }
        } catch (IOException e) {
            LOG.warn("Cannot keep the schema registry's class-data archive {}: {}", archive, e.toString());
        }
    }
}
