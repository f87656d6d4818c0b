package io.rta.files.index;

import io.rta.files.FileOptions;
import io.rta.service.auth.AuthSettings;
import io.rta.service.auth.ClientCredentials;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Options of {@code ./rta index files}: where the files are, the three services it publishes to, how the files'
 * time column reads, and the OAuth 2.0 client it gets a write token with when the services need one.
 */
public final class IndexOptions {

    public static final OptionDef ROOT = OptionDef.of("Root", "",
            "Directory scanned (recursively, symlinked directories not followed) for Parquet (.parquet, .parq) and "
                    + "CSV (.csv, .csv.gz, .tsv) files; required. Use the file data service's Root: each file's "
                    + "data identity is its path relative to it, with /.");
    public static final OptionDef SESSION_SERVICE_URI = OptionDef.of("SessionServiceUri", "",
            "gRPC URI of the session service (SessionStore), e.g. http://localhost:2652/ (./rta server: its "
                    + "GrpcPort); https:// for TLS. Required.");
    public static final OptionDef CONFIG_SERVICE_URI = OptionDef.of("ConfigServiceUri", "",
            "gRPC URI of the config service (ConfigStore), e.g. http://localhost:2662/; https:// for TLS. Required.");
    public static final OptionDef SCHEMA_MAPPING_GRPC_URI = OptionDef.of("SchemaMappingGrpcUri", "",
            "gRPC URI of the schema mapping service (SchemaMappingStore), e.g. http://localhost:2682/; the file "
                    + "data service reads a file through the mapping published here. Required.");
    public static final OptionDef DATA_SOURCE = FileOptions.DATA_SOURCE;
    public static final OptionDef TIME_COLUMN = OptionDef.of("TimeColumn", "time",
            "The files' time column (the mapping's properties[\"time_column\"]). A file without it is skipped.");
    public static final OptionDef TIME_UNIT = OptionDef.of("TimeUnit", "ns",
            "Unit of integer or decimal times (the mapping's properties[\"time_unit\"]): ns, us, ms or s. "
                    + "Timestamp columns are taken as they are.");
    public static final OptionDef APP = OptionDef.of("App", "Files",
            "Application name of the generated configs: parameters are <column>:<App>. Letters, digits and _.");
    public static final OptionDef LAYOUT = OptionDef.of("Layout", "columns",
            "How the file data service serves the columns (the mapping's properties[\"layout\"]): columns, each "
                    + "column timestamped data of its channel; or row, all columns of a row together as row data "
                    + "(channels of source row in the config).");
    public static final OptionDef GROUP_BY = OptionDef.of("GroupBy", "file",
            "Which files make one session: file (a session per file) or directory (a session per directory holding "
                    + "data files, each file bound at its channel offset, one config over all their columns).");
    public static final OptionDef PRUNE = OptionDef.of("Prune", "false",
            "After indexing, delete the sessions this command made for DataSource whose files are all gone (and their "
                    + "schema mappings): false, true, or all. Sessions made or added to otherwise are never touched. "
                    + "Nothing is pruned when part of Root could not be read, nor with true when no file was found or "
                    + "more than half of the command's sessions would go (a wrong Root): all prunes them then.");
    public static final OptionDef UPSTREAM_TIMEOUT = OptionDef.of("UpstreamTimeout", "30000",
            "Milliseconds each service has to answer one call (a write answers once the service's view shows it).");

    /** The command's own options, in documentation order. */
    public static final List<OptionDef> OWN = List.of(ROOT, SESSION_SERVICE_URI, CONFIG_SERVICE_URI,
            SCHEMA_MAPPING_GRPC_URI, DATA_SOURCE, TIME_COLUMN, TIME_UNIT, LAYOUT, GROUP_BY, PRUNE, APP, UPSTREAM_TIMEOUT,
            FileOptions.ENGINE_MEMORY);

    /** The OAuth 2.0 client options it shares with the gateway (the token asks for Auth:WriteScope by default). */
    public static final List<OptionDef> AUTH = Stream.concat(ClientCredentials.OPTIONS.stream(),
            Stream.of(AuthSettings.AUTHORITY, AuthSettings.WRITE_SCOPE)).toList();

    /** Every option of {@code ./rta index files}. */
    public static final List<OptionDef> ALL = Stream.of(Stream.of(RtaOptions.CONFIG), OWN.stream(), AUTH.stream(),
            Stream.of(RtaOptions.LOG_FORMAT, RtaOptions.LOG_LEVEL, RtaOptions.LOG_LEVELS)).flatMap(s -> s).toList();

    private IndexOptions() {
    }

    public static Options load(String[] args) {
        return Options.load(ALL, args);
    }
}
