package io.rta.files.read;

import io.rta.files.paths.FileSet;
import io.rta.files.paths.RootPaths;
import io.rta.files.store.DuckDbFiles;
import io.rta.proto.toolkit.schemamapping.EventMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.service.adapter.AdapterRead;
import io.rta.service.adapter.AdapterReads;
import io.rta.service.chunks.TimeWindows;
import io.rta.service.schemamapping.SchemaMappingClient;
import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.ChunkSink;
import io.rta.topology.data.StoredChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's core: a data read answered from the files an identity names, through its schema mapping. The
 * identity is confined to the root first ({@link RootPaths}: hostile ones never reach the file system's answers),
 * then the mapping is looked up, the range is narrowed to the files' data and rounded out to the chunk grid, and the
 * windows are served from the cache when every one of them is there, else scanned ({@link DuckDbFiles}) and chunked
 * as the rows stream in ({@link WindowChunker}), filling the cache.
 *
 * <p>A mapping's layout ({@link FileMapping}) says which reads it answers: timestamped reads for the column layout,
 * row reads for the row layout. Events come from its event mappings ({@link EventChunker}). The other kind and
 * periodic reads are an empty answer: a federated session's read must not fail because one of its bindings has none.
 */
public final class FileReads implements AdapterReads {

    /** A read spanning more windows than this is computed, not looked up window by window. */
    static final long MAX_CACHED_WINDOWS = 100_000;
    private static final int BOUNDS_ENTRIES = 1000;

    private final String source;
    private final RootPaths paths;
    private final TimeWindows windows;
    private final SchemaMappingClient mappings;
    private final DuckDbFiles files;
    private final ChunkCache cache;
    private final Map<String, DuckDbFiles.Span> bounds = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DuckDbFiles.Span> eldest) {
            return size() > BOUNDS_ENTRIES;
        }
    };

    public FileReads(String source, RootPaths paths, TimeWindows windows, SchemaMappingClient mappings,
                     DuckDbFiles files, ChunkCache cache) {
        this.source = source;
        this.paths = paths;
        this.windows = windows;
        this.mappings = mappings;
        this.files = files;
        this.cache = cache;
    }

    /** A scan of local files: its chunks come as fast as they can be sent. */
    @Override
    public boolean local() {
        return true;
    }

    /**
     * Confines the identity before the answer starts: 400 for one that could leave the root (whether or not a file
     * or a mapping exists for it), 404 for no file.
     */
    @Override
    public Prepared prepare(AdapterRead read) {
        FileSet fileSet = paths.resolve(read.identity());
        return sink -> read(read, fileSet, sink);
    }

    /** Writes the read's chunks to {@code sink}, in wire order. */
    public void read(AdapterRead request, FileSet fileSet, ChunkSink sink) throws IOException {
        switch (request.kind()) {
            case TIMESTAMPED -> read(request, fileSet, FileMapping.Layout.COLUMNS, request.channelsText(), sink);
            // a row set is served whole when any of its channels is requested: its mapping is needed whole
            case ROW -> read(request, fileSet, FileMapping.Layout.ROW, ChannelsExpression.ALL.toString(), sink);
            case EVENTS -> events(request, fileSet, sink);
            case PERIODIC -> { }
        }
    }

    /** The events of the mapping's event mappings (none: an empty answer), read afresh each time (they are few). */
    private void events(AdapterRead request, FileSet fileSet, ChunkSink sink) throws IOException {
        SchemaMapping mapping = mappings.query(source, request.identity(), "", true, request.bearerToken());
        FileMapping timing = FileMapping.of(mapping, request.identity(), ChannelsExpression.of());
        // the time column is no event source (every row has a time), as InfluxDB's time is not a field
        List<EventMapping> events = mapping.getEventMappingsList().stream()
                .filter(event -> !event.getSourceEvent().isEmpty()
                        && !event.getSourceEvent().equals(timing.timeColumn())).toList();
        if (events.isEmpty()) {
            return;
        }
        Range range = windowRange(request, fileSet, timing);
        if (range == null) {
            return;
        }
        EventChunker chunker = new EventChunker(windows, events, sink);
        files.events(request.identity(), fileSet, timing, EventChunker.sources(events),
                EventChunker.dataColumns(events), range.from(), range.to(), chunker);
        chunker.finish();
    }

    /**
     * The read's range narrowed to the files' data and rounded out to the chunk grid: {@code [from, to)}, or null when
     * the files hold no data in it.
     */
    private Range windowRange(AdapterRead request, FileSet fileSet, FileMapping timing) {
        DuckDbFiles.Span span = span(request.identity(), fileSet, timing);
        if (span == null) {
            return null;
        }
        long low = request.start() == null ? span.low() : Math.max(request.start(), span.low());
        long high = request.end() == null ? span.high() : Math.min(request.end(), span.high());
        return low > high ? null : new Range(windows.windowStart(low), windows.windowEnd(high), span.ordered());
    }

    /**
     * Windows to read.
     *
     * @param from the first window's start
     * @param to the last window's end (exclusive)
     * @param ordered whether the files' rows are in time order already ({@link DuckDbFiles.Span#ordered()})
     */
    private record Range(long from, long to, boolean ordered) {
    }

    /**
     * A read of the mapping's columns when they are laid out as {@code layout} asks (a timestamped read of a row
     * set, or a row read of columns, is an empty answer).
     *
     * @param select the channels to ask the schema mapping service for
     */
    private void read(AdapterRead request, FileSet fileSet, FileMapping.Layout layout, String select, ChunkSink sink)
            throws IOException {
        SchemaMapping mapping = mappings.query(source, request.identity(), select, false, request.bearerToken());
        if (FileMapping.layout(mapping, request.identity()) != layout) {
            return;
        }
        FileMapping columns = FileMapping.of(mapping, request.identity(), request.channels());
        if (columns.columns().isEmpty()) {
            return;
        }
        Range range = windowRange(request, fileSet, columns);
        if (range == null) {
            return;
        }
        long from = range.from();
        long to = range.to();
        String signature = fileSet.signature();
        String time = columns.timeColumn() + "@" + columns.unit();
        List<ChunkCache.Part> parts = layout == FileMapping.Layout.ROW
                ? List.of(ChunkCache.RowSet.of(columns.columns())) : List.copyOf(columns.columns());
        List<List<StoredChunk>> cached = cached(parts, from, to, signature, time);
        if (cached != null) {
            for (List<StoredChunk> chunks : cached) {
                for (StoredChunk chunk : chunks) {
                    sink.accept(chunk);
                }
            }
            return;
        }
        if (layout == FileMapping.Layout.ROW) {
            RowChunker chunker = new RowChunker(request.identity(), windows, columns, from, sink, cache,
                    window -> new ChunkCache.Key(signature, time, parts.get(0), window));
            files.scan(request.identity(), fileSet, columns, from, to, range.ordered(), chunker);
            chunker.finish(to);
        } else {
            WindowChunker chunker = new WindowChunker(windows, columns, from, sink, cache,
                    (column, window) -> new ChunkCache.Key(signature, time, column, window));
            files.scan(request.identity(), fileSet, columns, from, to, range.ordered(), chunker);
            chunker.finish(to);
        }
    }

    /** Every window's chunks of every part, in wire order, or null when one is missing from the cache. */
    private List<List<StoredChunk>> cached(List<ChunkCache.Part> parts, long from, long to, String signature,
                                           String time) {
        if ((double) to - from > (double) MAX_CACHED_WINDOWS * windows.windowNanos()) {
            return null;
        }
        List<ChunkCache.Key> wanted = new ArrayList<>();
        for (long window = from; window < to && window < windows.windowEnd(window);
             window = windows.windowEnd(window)) {
            for (ChunkCache.Part part : parts) {
                wanted.add(new ChunkCache.Key(signature, time, part, window));
            }
        }
        return cache.getAll(wanted);
    }

    /** The first and last time of the files' data and their order (cached per files version and time column). */
    private DuckDbFiles.Span span(String identity, FileSet fileSet, FileMapping columns) {
        String key = fileSet.signature() + "\n" + columns.timeColumn() + "@" + columns.unit();
        synchronized (bounds) {
            if (bounds.containsKey(key)) {
                return bounds.get(key);
            }
        }
        DuckDbFiles.Span span = files.bounds(identity, fileSet, columns);
        synchronized (bounds) {
            bounds.put(key, span);
        }
        return span;
    }
}
