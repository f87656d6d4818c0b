package io.rta.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The files behind {@code /ui/}: the viewer's own (from the jar, or from {@code Ui:Directory}), the API description
 * for Swagger UI, and the WebJars' plotting library and Swagger UI. A request path is looked up only if every segment
 * is a plain name (letters, digits, {@code _ - .}, not starting with a dot), so no path can leave these roots; files
 * from the jar are read once and kept (a few MiB in all).
 */
final class StaticFiles {

    /** A servable file: its bytes, media type and entity tag (a hash of the bytes). */
    record StaticFile(byte[] bytes, String mediaType, String etag) {
    }

    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");
    private static final String OWN = "io/rta/ui/static/";
    private static final String API = "io/rta/ui/api/";
    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("yaml", "application/yaml"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("map", "application/json"));

    private final Optional<Path> directory;
    private final Map<String, String> webjars;
    private final Map<String, Optional<StaticFile>> jarFiles = new ConcurrentHashMap<>();

    StaticFiles(Optional<Path> directory) {
        this.directory = directory;
        this.webjars = webjarRoots();
    }

    /** Whether a request path (relative to {@code /ui/}) is one this class will look up. */
    static boolean isSafe(String path) {
        return SAFE_PATH.matcher(path).matches();
    }

    /**
     * The file for a path relative to {@code /ui/}: {@code vendor/uplot/...} and {@code vendor/swagger-ui/...} from
     * the WebJars, {@code api/<file>} from the API description when it holds that file, anything else the viewer's.
     */
    Optional<StaticFile> find(String path) {
        if (!isSafe(path)) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> webjar : webjars.entrySet()) {
            String prefix = "vendor/" + webjar.getKey() + "/";
            if (path.startsWith(prefix)) {
                return fromJar(webjar.getValue() + path.substring(prefix.length()));
            }
        }
        if (path.startsWith("api/") && path.indexOf('/', 4) < 0) {
            Optional<StaticFile> api = fromJar(API + path.substring(4));
            if (api.isPresent()) {
                return api;
            }
        }
        return directory.isPresent() ? fromDirectory(directory.get(), path) : fromJar(OWN + path);
    }

    private Optional<StaticFile> fromJar(String resource) {
        return jarFiles.computeIfAbsent(resource, name -> {
            try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(name)) {
                return in == null ? Optional.empty() : Optional.of(file(name, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + " from the jar", e);
            }
        });
    }

    /** Read on every request, so an edit shows on the next reload. */
    private static Optional<StaticFile> fromDirectory(Path root, String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(file(path, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static StaticFile file(String name, byte[] bytes) {
        return new StaticFile(bytes, mediaType(name), etag(bytes));
    }

    static String mediaType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return MEDIA_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Map<String, String> webjarRoots() {
        Properties roots = new Properties();
        try (InputStream in = StaticFiles.class.getResourceAsStream("webjars.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/rta/ui/webjars.properties is missing from the jar");
            }
            roots.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io/rta/ui/webjars.properties", e);
        }
        return Map.of("uplot", roots.getProperty("uplot"), "swagger-ui", roots.getProperty("swagger-ui"));
    }
}
