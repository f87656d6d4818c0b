package io.rta.files.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.proto.toolkit.session.ConfigBinding;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.DataBinding;
import io.rta.proto.toolkit.session.DataBindingKey;
import io.rta.proto.toolkit.session.DataChannelBinding;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.proto.toolkit.session.TimeRange;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One session {@code ./rta index files} publishes, derived only from what its files hold, so indexing them again
 * publishes the same: a session per file, or with {@code --GroupBy directory} one per directory holding data files.
 *
 * <p>Its config has one f64 channel (timestamped or row data) and one parameter per numeric column of its files,
 * session channels numbered from 0 across the files in path order; its identifier is a hash of its content. Each
 * file keeps its own schema mapping (data channels from 0, {@link IndexPlan#mapping()}), and the session binds each
 * file with its channel offset. A group's parameter names are unique across its files (a repeated column name gets
 * {@code _2}, {@code _3}, ...) and their descriptions name the file (without its directory, so directories holding
 * alike files share one config).
 *
 * @param name     the file's path, or the directory's ({@code .} for the root), relative to the root
 * @param group    a directory's session, not a file's
 * @param files    the files, in path order
 * @param settings what the options say
 */
public record SessionPlan(String name, boolean group, List<IndexPlan> files, IndexPlan.Settings settings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The session of one file: identity and identifier its path, as before grouping existed. */
    public static SessionPlan ofFile(IndexPlan file) {
        return new SessionPlan(file.identity(), false, List.of(file), file.settings());
    }

    /** The session of a directory's files (at least one). */
    public static SessionPlan ofDirectory(String directory, List<IndexPlan> files, IndexPlan.Settings settings) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a directory's session needs a file");
        }
        return new SessionPlan(directory, true, List.copyOf(files), settings);
    }

    /**
     * The session's identity: a name-based (v3) UUID of the source and the file's path, or of the source and the
     * directory's path with a trailing {@code /} (never a file's path), the same on every run.
     */
    public String sessionIdentity() {
        return IndexPlan.sessionIdentity(settings.dataSource(), group ? name + "/" : name);
    }

    /** The session's identifier: the file's path, or the directory's with a trailing {@code /}. */
    public String identifier() {
        return group ? name + "/" : name;
    }

    /** Every channel of the session: the files' columns in path order, channels and names made session-wide. */
    public List<IndexedColumn> channels() {
        List<IndexedColumn> channels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (IndexPlan file : files) {
            for (IndexedColumn column : file.columns()) {
                String name = column.name();
                for (int i = 2; !names.add(name.toLowerCase(Locale.ROOT)); i++) {
                    name = column.name() + "_" + i;
                }
                channels.add(new IndexedColumn(column.column(), name, channels.size(), column.type(),
                        column.unit()));
            }
        }
        return List.copyOf(channels);
    }

    public long rows() {
        return files.stream().mapToLong(IndexPlan::rows).sum();
    }

    public long start() {
        return files.stream().mapToLong(IndexPlan::start).min().orElseThrow();
    }

    public long end() {
        return files.stream().mapToLong(IndexPlan::end).max().orElseThrow();
    }

    /** The config, {@code application/vnd.mat.config+json}. */
    public byte[] configJson() {
        ObjectNode app = JSON.createObjectNode();
        app.put("desc", "Columns of files indexed from " + settings.dataSource());
        ArrayNode params = app.putObject("tree").putArray("params");
        ArrayNode parameters = app.putArray("parameters");
        ArrayNode channels = app.putArray("channels");
        String conversion = "identity:" + settings.app();
        List<IndexedColumn> all = channels();
        int index = 0;
        for (IndexPlan file : files) {
            for (int i = 0; i < file.columns().size(); i++, index++) {
                IndexedColumn column = all.get(index);
                String id = column.name() + ":" + settings.app();
                params.add(id);
                ObjectNode parameter = parameters.addObject();
                parameter.put("id", id);
                parameter.put("name", column.name());
                parameter.put("desc", group ? fileName(file.identity()) + ": " + column.column() : column.column());
                parameter.put("conv", conversion);
                if (!column.unit().isEmpty()) {
                    parameter.put("unit", column.unit());
                }
                parameter.putArray("channels").add(column.channel());
                ObjectNode channel = channels.addObject();
                channel.put("id", column.channel());
                channel.put("name", column.column());
                channel.put("source", settings.rowLayout() ? "row" : "timestamped");
                channel.put("type", "f64");
            }
        }
        ObjectNode identity = app.putArray("conversions").addObject();
        identity.put("name", conversion);
        identity.put("format", "%.6g");
        ArrayNode coefficients = identity.putObject("rational").putArray("coeffs");
        for (int c : new int[] {0, 1, 0, 0, 1, 0}) {
            coefficients.add(c);
        }
        ObjectNode config = JSON.createObjectNode();
        config.set(settings.app(), app);
        try {
            return JSON.writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's name without its directory (directories with alike files then share one config). */
    private static String fileName(String identity) {
        return identity.substring(identity.lastIndexOf('/') + 1);
    }

    /**
     * The config's identifier: {@code <app>-<first 24 hex digits of the SHA-256 of its JSON>}. Files with the same
     * columns (names, order, units) share one config, and a config never changes under its identifier (the config
     * service keeps the first one stored).
     */
    public String configIdentifier() {
        return settings.app().toLowerCase(Locale.ROOT) + "-" + sha256(configJson()).substring(0, 24);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * The session: created closed, named by the path, and on every run set (not merged) to the files' time range,
     * details, config binding and data bindings (one per file, at its channel offset), so a second run leaves it as
     * the first did.
     */
    public CreateOrUpdateSessionRequest session() {
        long start = start();
        String timestamp = Instant.ofEpochSecond(Math.floorDiv(start, 1_000_000_000L),
                Math.floorMod(start, 1_000_000_000L)).toString();
        SessionUpdate.DataBindingsList.Builder bindings = SessionUpdate.DataBindingsList.newBuilder();
        int offset = 0;
        for (IndexPlan file : files) {
            bindings.addDataBindings(DataBinding.newBuilder()
                    .setKey(DataBindingKey.newBuilder().setSource(settings.dataSource()).setIdentity(file.identity()))
                    .addDataChannelBindings(DataChannelBinding.newBuilder().setFirstDataChannel(0)
                            .setFirstSessionChannel(offset).setLastSessionChannel(offset + file.columns().size() - 1)));
            offset += file.columns().size();
        }
        return CreateOrUpdateSessionRequest.newBuilder()
                .setIdentity(sessionIdentity())
                .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.newBuilder()
                        .setState(IndexPlan.CLOSED).setTimestamp(timestamp).setIdentifier(identifier()))
                .addUpdates(SessionUpdate.newBuilder().setSetIdentifier(identifier()))
                .addUpdates(SessionUpdate.newBuilder().setSetTimestamp(timestamp))
                .addUpdates(SessionUpdate.newBuilder().setSetTimeRange(TimeRange.newBuilder().setStartTime(start)
                        .setEndTime(end())))
                .addUpdates(SessionUpdate.newBuilder().setSetDetails(SessionUpdate.DetailsMap.newBuilder()
                        .putAllDetails(details())))
                .addUpdates(SessionUpdate.newBuilder().setSetConfigBindings(SessionUpdate.ConfigBindingsList
                        .newBuilder().addConfigBindings(ConfigBinding.newBuilder()
                                .setIdentifier(configIdentifier()))))
                .addUpdates(SessionUpdate.newBuilder().setSetDataBindings(bindings))
                .build();
    }

    /**
     * The session details: up to {@link IndexPlan#MAX_METADATA_DETAILS} of its files' metadata entries that read as
     * short text (not units, not the writers' own schema blobs such as {@code ARROW:schema} or {@code pandas}; the
     * first file's entry wins), then the facts, which win over metadata of the same name: {@code file} (a file's
     * session) or {@code directory} and {@code files} (a directory's), {@code format} (formats, comma-separated),
     * {@code rows}, {@code channels}, {@code timeColumn}.
     */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        for (IndexPlan file : files) {
            for (Map.Entry<String, String> entry : file.metadata().entrySet()) {
                if (details.size() < IndexPlan.MAX_METADATA_DETAILS && !details.containsKey(entry.getKey())
                        && detail(entry.getKey(), entry.getValue())) {
                    details.put(entry.getKey(), entry.getValue());
                }
            }
        }
        if (group) {
            details.put("directory", name);
            details.put("files", Integer.toString(files.size()));
        } else {
            details.put("file", name);
        }
        details.put("format", String.join(", ", new TreeSet<>(files.stream().map(IndexPlan::format).toList())));
        details.put("rows", Long.toString(rows()));
        details.put("channels", Integer.toString(channels().size()));
        details.put("timeColumn", settings.timeColumn());
        return details;
    }

    private static boolean detail(String key, String value) {
        return !key.isBlank() && key.length() <= 64 && !ColumnChannels.unitKey(key) && !key.startsWith("ARROW:")
                && !key.equals("pandas") && !key.startsWith("org.apache.") && value.length() <= IndexPlan.MAX_DETAIL_LENGTH
                && (key + value).chars().noneMatch(Character::isISOControl);
    }
}
