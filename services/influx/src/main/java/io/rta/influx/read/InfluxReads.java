package io.rta.influx.read;

import io.rta.influx.chunks.EventChunker;
import io.rta.influx.chunks.TimestampedChunker;
import io.rta.influx.query.InfluxQl;
import io.rta.influx.query.InfluxTarget;
import io.rta.influx.store.InfluxClient;
import io.rta.influx.store.Row;
import io.rta.influx.store.RowSink;
import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.service.adapter.AdapterRead;
import io.rta.service.adapter.AdapterReads;
import io.rta.service.chunks.TimeWindows;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.schemamapping.SchemaMappingClient;
import io.rta.topology.data.ChunkSink;
import io.rta.topology.data.DataKind;
import io.rta.topology.limits.InputLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service's core: a data read answered from InfluxDB through the identity's schema mapping. The mapping is looked
 * up first (no mapping, no query: that is what keeps an arbitrary filter expression from reaching InfluxDB), then the
 * time range is rounded out to the chunk grid ({@link TimeWindows}) and read in queries of whole windows, each
 * streamed into chunks as its rows arrive.
 *
 * <p>Periodic and row reads are an empty answer: InfluxDB points carry their own times, so its data is served as
 * timestamped (a periodic or row request reaches here when a session's channels of another binding are periodic; an
 * error would fail the whole federated read).
 */
public final class InfluxReads implements AdapterReads {

    /** A read longer than this many queries first asks InfluxDB where the identity's data starts and ends. */
    static final long MAX_BLIND_QUERIES = 16;

    private final String source;
    private final MappingDefaults defaults;
    private final TimeWindows windows;
    private final SchemaMappingClient mappings;
    private final InfluxClient influx;

    public InfluxReads(String source, MappingDefaults defaults, TimeWindows windows, SchemaMappingClient mappings,
                       InfluxClient influx) {
        this.source = source;
        this.defaults = defaults;
        this.windows = windows;
        this.mappings = mappings;
        this.influx = influx;
    }

    /** Nothing to check before the answer starts: the mapping lookup's failures come before the first chunk. */
    @Override
    public Prepared prepare(AdapterRead read) {
        return sink -> read(read, sink);
    }

    /** Writes the read's chunks to {@code sink}, in wire order. */
    public void read(AdapterRead request, ChunkSink sink) throws IOException {
        String problem = InfluxQl.filterProblem(request.identity());
        if (problem != null) {
            throw new InvalidInputException("data identity '" + InputLimits.excerpt(request.identity()) + "' "
                    + problem + " (it is merged into the query as WHERE (<identity>) AND time ...)");
        }
        switch (request.kind()) {
            case TIMESTAMPED -> timestamped(request, sink);
            case EVENTS -> events(request, sink);
            case PERIODIC, ROW -> { }
        }
    }

    private void timestamped(AdapterRead request, ChunkSink sink) throws IOException {
        SchemaMapping mapping = mappings.query(source, request.identity(), request.channelsText(), false,
                request.bearerToken());
        Map<String, long[]> channelsByField = channelsByField(mapping, request);
        if (channelsByField.isEmpty()) {
            return;
        }
        InfluxTarget target = target(mapping, request.identity());
        TimestampedChunker chunker = new TimestampedChunker(windows, channelsByField, sink);
        run(request, target, List.copyOf(channelsByField.keySet()), chunker);
        chunker.finish();
    }

    private void events(AdapterRead request, ChunkSink sink) throws IOException {
        SchemaMapping mapping = mappings.query(source, request.identity(), "", true, request.bearerToken());
        if (mapping.getEventMappingsCount() == 0) {
            return;
        }
        InfluxTarget target = target(mapping, request.identity());
        EventChunker chunker = new EventChunker(windows, mapping.getEventMappingsList(), sink);
        run(request, target, EventChunker.fields(mapping.getEventMappingsList()), chunker);
        chunker.finish();
    }

    /** The requested channels' fields (a field may serve several channels), in mapping order. */
    static Map<String, long[]> channelsByField(SchemaMapping mapping, AdapterRead request) {
        Map<String, List<Long>> channels = new LinkedHashMap<>();
        for (FieldMapping field : mapping.getFieldMappingsList()) {
            long channel = Integer.toUnsignedLong(field.getTargetChannel());
            if (!field.getSourceField().isEmpty() && request.channels().matches(channel)) {
                channels.computeIfAbsent(field.getSourceField(), name -> new ArrayList<>()).add(channel);
            }
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        channels.forEach((field, ids) -> out.put(field, ids.stream().mapToLong(Long::longValue).distinct()
                .toArray()));
        return out;
    }

    /** Where the identity's points are: the mapping's properties, else the defaults. */
    InfluxTarget target(SchemaMapping mapping, String identity) {
        Map<String, String> properties = mapping.getPropertiesMap();
        String dialect = properties.getOrDefault("dialect", "");
        dialect = dialect.isBlank() ? defaults.dialect() : dialect; // blank as unset, as for the other properties
        if (!dialect.toLowerCase(Locale.ROOT).equals("influxql")) {
            throw new InvalidInputException("the schema mapping of identity '" + identity + "' asks for dialect '"
                    + dialect + "': only influxql is supported");
        }
        return new InfluxTarget(property(properties, "database", defaults.database(),
                "SchemaMappingDefaults:InfluxQL:Database", identity),
                property(properties, "retention_policy", defaults.retentionPolicy(),
                        "SchemaMappingDefaults:InfluxQL:RetentionPolicy", identity),
                property(properties, "measurement", defaults.measurement(),
                        "SchemaMappingDefaults:InfluxQL:Measurement", identity));
    }

    private static String property(Map<String, String> properties, String name, String fallback, String option,
                                   String identity) {
        String value = properties.getOrDefault(name, "");
        value = value.isBlank() ? fallback : value;
        if (value.isBlank()) {
            throw new InvalidInputException("the schema mapping of identity '" + identity + "' has no property '"
                    + name + "' and the service's " + option + " is not set");
        }
        return value;
    }

    /** Queries {@code [start, end]}, rounded out to whole windows, at most {@link TimeWindows#queryNanos} a query. */
    private void run(AdapterRead request, InfluxTarget target, List<String> fields, RowSink rows) throws IOException {
        long low = request.start() == null ? 0 : request.start();
        long high = request.end() == null ? TimeWindows.MAX_TIME : Math.min(request.end(), TimeWindows.MAX_TIME);
        if (request.start() == null || request.end() == null || queries(low, high) > MAX_BLIND_QUERIES) {
            long[] bounds = dataBounds(request.identity(), target, fields);
            if (bounds == null) {
                return;
            }
            low = Math.max(low, bounds[0]);
            high = Math.min(high, bounds[1]);
            if (low > high) {
                return;
            }
        }
        long from = windows.windowStart(low);
        long to = windows.windowEnd(high);
        while (from < to) {
            long until = to - from > windows.queryNanos() ? from + windows.queryNanos() : to;
            influx.query(target.database(), target.retentionPolicy(),
                    InfluxQl.select(fields, target, request.identity(), from, until), rows);
            from = until;
        }
    }

    private long queries(long low, long high) {
        double span = (double) windows.windowEnd(high) - windows.windowStart(low);
        return (long) Math.ceil(span / windows.queryNanos());
    }

    /** The first and last time of a point of the identity with one of the fields, or null when there is none. */
    private long[] dataBounds(String identity, InfluxTarget target, List<String> fields) throws IOException {
        long[] bounds = {Long.MAX_VALUE, Long.MIN_VALUE};
        influx.query(target.database(), target.retentionPolicy(), InfluxQl.bounds(fields, target, identity),
                new RowSink() {
                    @Override
                    public void columns(List<String> columns) {
                    }

                    @Override
                    public void row(Row row) {
                        bounds[0] = Math.min(bounds[0], row.time());
                        bounds[1] = Math.max(bounds[1], row.time());
                    }
                });
        return bounds[0] > bounds[1] ? null : bounds;
    }
}
