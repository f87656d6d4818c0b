package io.rta.files.index;

import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What indexing one file finds and publishes, derived only from what the file holds, so indexing it again publishes
 * the same: its facts and its schema mapping of (source, path), data channels from 0. Its session and config are
 * the {@link SessionPlan}'s: the file's own, or its directory's with {@code --GroupBy directory}.
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

    /**
     * @param dataSource the data bindings' and mappings' source
     * @param timeColumn the time column
     * @param timeUnit   its unit, lower case
     * @param app        the config's application name
     * @param rowLayout  the columns are served together as row data ({@code --Layout row}), not each as
     *                   timestamped data of its channel
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
        return sessionPlan().sessionIdentity();
    }

    /** The session of this file alone ({@code ./rta index files} without {@code --GroupBy directory}). */
    public SessionPlan sessionPlan() {
        return SessionPlan.ofFile(this);
    }

    /** The config, {@code application/vnd.mat.config+json}. */
    public byte[] configJson() {
        return sessionPlan().configJson();
    }

    /** The config's identifier (see {@link SessionPlan#configIdentifier()}). */
    public String configIdentifier() {
        return sessionPlan().configIdentifier();
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

    /** The session (see {@link SessionPlan#session()}). */
    public CreateOrUpdateSessionRequest session() {
        return sessionPlan().session();
    }
}
