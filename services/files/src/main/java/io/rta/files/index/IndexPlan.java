package io.rta.files.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What indexing one file publishes, derived only from what the file holds, so indexing it again publishes the same:
 * a config (one f64 channel, timestamped or row data, and one parameter per numeric column) whose identifier is a
 * hash of its content, the schema mapping of (source, path), and a session whose identity is a name-based UUID of
 * (source, path).
 *
 * @param identity     the file's path relative to the root, with {@code /} (the data identity)
 * @param format       {@code parquet} or {@code csv}
 * @param columns      the channels
 * @param rows         rows in the file
 * @param start        earliest time, ns
 * @param end          latest time, ns
 * @param metadata     the file's key-value metadata
 * @param settings     what the options say
 */
public record IndexPlan(String identity, String format, List<IndexedColumn> columns, long rows, long start, long end,
                        Map<String, String> metadata, Settings settings) {

    /** Session state "closed". */
    static final int CLOSED = 4;
    /** Most metadata entries copied into the session details, and the longest value copied. */
    static final int MAX_METADATA_DETAILS = 32;
    static final int MAX_DETAIL_LENGTH = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param dataSource the data bindings' and mappings' source
     * @param timeColumn the time column
     * @param timeUnit   its unit, lower case
     * @param app        the config's application name
     * @param rowLayout    the columns are served together as row data ({@code --Layout row}), not each as
     *                     timestamped data of its channel
     */
    public record Settings(String dataSource, String timeColumn, String timeUnit, String app, boolean rowLayout) {

        /** Settings of the column layout. */
        public Settings(String dataSource, String timeColumn, String timeUnit, String app) {
            this(dataSource, timeColumn, timeUnit, app, false);
        }
    }

    /** The session's identity: a name-based (v3) UUID of source and path, the same on every run. */
    public static String sessionIdentity(String dataSource, String identity) {
        return UUID.nameUUIDFromBytes((dataSource + "\n" + identity).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public String sessionIdentity() {
        return sessionIdentity(settings.dataSource(), identity);
    }

    /** The config, {@code application/vnd.mat.config+json}. */
    public byte[] configJson() {
        ObjectNode app = JSON.createObjectNode();
        app.put("desc", "Columns of files indexed from " + settings.dataSource());
        ArrayNode params = app.putObject("tree").putArray("params");
        ArrayNode parameters = app.putArray("parameters");
        ArrayNode channels = app.putArray("channels");
        String conversion = "identity:" + settings.app();
        for (IndexedColumn column : columns) {
            String id = column.name() + ":" + settings.app();
            params.add(id);
            ObjectNode parameter = parameters.addObject();
            parameter.put("id", id);
            parameter.put("name", column.name());
            parameter.put("desc", column.column());
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
     * The schema mapping of (source, path): each column to its channel, the time column and unit, and with
     * {@code --Layout row} {@code properties["layout"] = "row"}.
     */
    public PutSchemaMappingRequest mapping() {
        SchemaMapping.Builder mapping = SchemaMapping.newBuilder()
                .putProperties("time_column", settings.timeColumn())
                .putProperties("time_unit", settings.timeUnit());
        if (settings.rowLayout()) {
            mapping.putProperties("layout", "row");
        }
        for (IndexedColumn column : columns) {
            mapping.addFieldMappings(FieldMapping.newBuilder().setSourceField(column.column())
                    .setTargetChannel(column.channel()).setSourceFieldDataType(column.type()));
        }
        return PutSchemaMappingRequest.newBuilder().setDataSource(settings.dataSource()).setDataIdentity(identity)
                .setSchemaMapping(mapping).build();
    }

    /**
     * The session: created closed, named by the path, and on every run set (not merged) to the file's time range,
     * details, config binding and data binding, so a second run leaves it as the first did.
     */
    public CreateOrUpdateSessionRequest session() {
        String timestamp = Instant.ofEpochSecond(Math.floorDiv(start, 1_000_000_000L),
                Math.floorMod(start, 1_000_000_000L)).toString();
        DataBinding data = DataBinding.newBuilder()
                .setKey(DataBindingKey.newBuilder().setSource(settings.dataSource()).setIdentity(identity))
                .addDataChannelBindings(DataChannelBinding.newBuilder().setFirstDataChannel(0)
                        .setFirstSessionChannel(0).setLastSessionChannel(columns.size() - 1))
                .build();
        return CreateOrUpdateSessionRequest.newBuilder()
                .setIdentity(sessionIdentity())
                .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.newBuilder()
                        .setState(CLOSED).setTimestamp(timestamp).setIdentifier(identity))
                .addUpdates(SessionUpdate.newBuilder().setSetIdentifier(identity))
                .addUpdates(SessionUpdate.newBuilder().setSetTimestamp(timestamp))
                .addUpdates(SessionUpdate.newBuilder().setSetTimeRange(TimeRange.newBuilder().setStartTime(start)
                        .setEndTime(end)))
                .addUpdates(SessionUpdate.newBuilder().setSetDetails(SessionUpdate.DetailsMap.newBuilder()
                        .putAllDetails(details())))
                .addUpdates(SessionUpdate.newBuilder().setSetConfigBindings(SessionUpdate.ConfigBindingsList
                        .newBuilder().addConfigBindings(ConfigBinding.newBuilder()
                                .setIdentifier(configIdentifier()))))
                .addUpdates(SessionUpdate.newBuilder().setSetDataBindings(SessionUpdate.DataBindingsList.newBuilder()
                        .addDataBindings(data)))
                .build();
    }

    /**
     * The session details: the file's facts, then up to {@link #MAX_METADATA_DETAILS} of its metadata entries that
     * read as short text (not units, not the writers' own schema blobs such as {@code ARROW:schema} or
     * {@code pandas}); the facts win over metadata of the same name.
     */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        int copied = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (copied < MAX_METADATA_DETAILS && detail(entry.getKey(), entry.getValue())) {
                details.put(entry.getKey(), entry.getValue());
                copied++;
            }
        }
        details.put("file", identity);
        details.put("format", format);
        details.put("rows", Long.toString(rows));
        details.put("channels", Integer.toString(columns.size()));
        details.put("timeColumn", settings.timeColumn());
        return details;
    }

    private static boolean detail(String key, String value) {
        return !key.isBlank() && key.length() <= 64 && !ColumnChannels.unitKey(key) && !key.startsWith("ARROW:")
                && !key.equals("pandas") && !key.startsWith("org.apache.") && value.length() <= MAX_DETAIL_LENGTH
                && (key + value).chars().noneMatch(Character::isISOControl);
    }
}
