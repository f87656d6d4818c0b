package io.rta.gateway.bindings;

import io.rta.topology.data.ChannelsExpression;
import java.io.IOException;
import java.util.Arrays;

/**
 * Rewrites one encoded {@code *DataList} (an unpacked chunk payload) into the session's terms, field by field: channel
 * ids mapped, every timestamp shifted by the binding's offset, and, when clipping, samples outside the session window
 * cut (periodic by index, timestamped by time) and rows and events outside it dropped. Sample buffers and fields it
 * does not know are copied as bytes; a result is written in field-number order, proto3 zeros omitted, as the
 * generated code writes it. After each call, {@link #output()} holds the new list and {@link #entries()},
 * {@link #cut()}, {@link #first()}, {@link #last()} describe it. Reused from chunk to chunk; not thread-safe.
 *
 * <p>Field meanings (model_data.proto): periodic sample i is at {@code start_timestamp + i * interval};
 * timestamped sample i at {@code start_timestamp + timestamp_deltas_scale * (deltas[0] + .. + deltas[i])}; rows and
 * events at {@code timestamp}. A result's buffer holds its samples at one width (buffer length / sample count).
 */
final class ListRewriter {

    /** Field 1, length-delimited: every list keeps its results there. */
    private static final int ENTRY_TAG = (1 << 3) | FieldReader.LENGTH_DELIMITED;

    private final ByteSink out = new ByteSink(64 * 1024);
    /** Copied fields of the current result: start, end, field number. */
    private int[] spans = new int[3 * 8];
    private int spanCount;
    private long[] values = new long[256];
    private long[] sums = new long[256];
    private int[] kept = new int[256];

    /** The shared fields of the current periodic or timestamped result (see {@link #scanSeries}). */
    private long seriesChannel;
    private long seriesTime;
    private long seriesStep;
    private long seriesSamples;
    private int seriesBufferStart;
    private int seriesBufferLength;

    private int entries;
    private boolean cut;
    private long first;
    private long last;

    /** The rewritten list. */
    ByteSink output() {
        return out;
    }

    /** Results in the rewritten list. */
    int entries() {
        return entries;
    }

    /** Whether clipping removed anything (then the chunk's span is {@link #first()}..{@link #last()}). */
    boolean cut() {
        return cut;
    }

    /** Earliest kept sample, session time (meaningful after a clipping rewrite). */
    long first() {
        return first;
    }

    /** Latest kept sample, session time (meaningful after a clipping rewrite). */
    long last() {
        return last;
    }

    /** Clipping window, session time, inclusive; a rewrite without clipping passes {@code clip = false}. */
    record Window(boolean clip, long from, long to) {
        boolean contains(long time) {
            return time >= from && time <= to;
        }
    }

    void periodic(byte[] list, int length, long channelShift, long offset, Window window) throws IOException {
        forEachEntry(list, length, (start, size) -> periodicEntry(list, start, size, channelShift, offset, window));
    }

    void timestamped(byte[] list, int length, long channelShift, long offset, Window window) throws IOException {
        forEachEntry(list, length, (start, size) -> timestampedEntry(list, start, size, channelShift, offset,
                window));
    }

    void rows(byte[] list, int length, BindingMap map, Window window) throws IOException {
        forEachEntry(list, length, (start, size) -> rowEntry(list, start, size, map, window));
    }

    void events(byte[] list, int length, long offset, Window window) throws IOException {
        forEachEntry(list, length, (start, size) -> eventEntry(list, start, size, offset, window));
    }

    private interface EntryRewrite {
        void rewrite(int start, int size) throws IOException;
    }

    /** Starts a new output list and rewrites every result of {@code list} into it. */
    private void forEachEntry(byte[] list, int length, EntryRewrite rewrite) throws IOException {
        out.reset();
        entries = 0;
        cut = false;
        first = Long.MAX_VALUE;
        last = Long.MIN_VALUE;
        FieldReader results = new FieldReader(list, 0, length);
        while (results.hasMore()) {
            int size = nextEntry(results);
            if (size >= 0) {
                rewrite.rewrite(results.position() - size, size);
            }
        }
    }

    /** Steps over the next list field; returns the length of a result, or -1 for another (ignored) field. */
    private static int nextEntry(FieldReader list) throws IOException {
        long tag = list.varint();
        if (tag == ENTRY_TAG) {
            return list.lengthDelimited();
        }
        if (tag >>> 3 == 1) {
            throw new IOException("list field 1 has wire type " + (tag & 7) + ", not a message");
        }
        list.skip((int) (tag & 7));
        return -1;
    }

    // ---- periodic and timestamped: channel_id 1, start_timestamp 2, interval or scale 3, samples 4 (periodic),
    //      buffer 5 ----

    /** Reads the fields periodic and timestamped results share; every other field becomes a copied span. */
    private void scanSeries(byte[] list, int start, int size, boolean periodic) throws IOException {
        spanCount = 0;
        seriesChannel = 0;
        seriesTime = 0;
        seriesStep = 0;
        seriesSamples = 0;
        seriesBufferStart = 0;
        seriesBufferLength = 0;
        FieldReader fields = new FieldReader(list, start, size);
        while (fields.hasMore()) {
            int at = fields.position();
            long tag = fields.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == 1 && wireType == FieldReader.VARINT) {
                seriesChannel = fields.varint() & ChannelsExpression.MAX_CHANNEL_ID;
            } else if (field == 2 && wireType == FieldReader.FIXED64) {
                seriesTime = fields.fixed64();
            } else if (field == 3 && wireType == FieldReader.VARINT) {
                seriesStep = fields.varint();
            } else if (periodic && field == 4 && wireType == FieldReader.VARINT) {
                seriesSamples = fields.varint();
            } else if (field == 5 && wireType == FieldReader.LENGTH_DELIMITED) {
                seriesBufferLength = fields.lengthDelimited();
                seriesBufferStart = fields.position() - seriesBufferLength;
            } else {
                fields.skip(wireType);
                span(at, fields.position(), field);
            }
        }
    }

    // ---- periodic ----

    private void periodicEntry(byte[] list, int start, int size, long channelShift, long offset, Window window)
            throws IOException {
        scanSeries(list, start, size, true);
        long interval = seriesStep;
        int samples = (int) seriesSamples;
        int bufferStart = seriesBufferStart;
        int bufferLength = seriesBufferLength;
        long session = mapChannel(seriesChannel, channelShift);
        long t0 = add(seriesTime, offset, "periodic start_timestamp");
        if (window.clip()) {
            if (samples <= 0) {
                cut = true;
                return;
            }
            if (interval < 0) {
                throw new IOException("periodic interval " + interval + " is negative");
            }
            long tl = add(t0, multiply(interval, samples - 1L), "periodic end time");
            if (!window.contains(t0) || !window.contains(tl)) {
                long from = firstIndexAtOrAfter(t0, interval, window.from());
                long to = Math.min(samples - 1L, lastIndexAtOrBefore(t0, interval, window.to(), samples));
                if (from > to) {
                    cut = true;
                    return;
                }
                int width = sampleWidth(bufferLength, samples, "periodic");
                bufferStart += (int) from * width;
                bufferLength = (int) (to - from + 1) * width;
                t0 += from * interval;
                samples = (int) (to - from + 1);
                tl = t0 + interval * (samples - 1L);
                cut = true;
            }
            track(t0, tl);
        }
        int messageSize = uint32Size(1, session) + fixed64Size(t0) + int64Size(interval) + int64Size(samples)
                + bytesSize(bufferLength) + spanBytes();
        beginEntry(messageSize);
        writeUint32(1, session);
        writeFixed64(2, t0);
        writeInt64(3, interval);
        writeInt64(4, samples);
        writeBytes(5, list, bufferStart, bufferLength);
        writeSpans(list, 0, Integer.MAX_VALUE);
    }

    private static long firstIndexAtOrAfter(long t0, long interval, long from) {
        if (t0 >= from) {
            return 0;
        }
        if (interval == 0) {
            return Long.MAX_VALUE;
        }
        long gap = from - t0;
        if (gap < 0) { // overflowed: further than any index reaches
            return Long.MAX_VALUE;
        }
        return gap / interval + (gap % interval == 0 ? 0 : 1);
    }

    private static long lastIndexAtOrBefore(long t0, long interval, long to, long samples) {
        if (to < t0) {
            return -1;
        }
        long gap = to - t0;
        if (interval == 0 || gap < 0) {
            return samples - 1;
        }
        return gap / interval;
    }

    // ---- timestamped ----

    private void timestampedEntry(byte[] list, int start, int size, long channelShift, long offset, Window window)
            throws IOException {
        // timestamp_deltas (field 4, packed or not) are kept as copied spans unless samples are cut
        scanSeries(list, start, size, false);
        long scale = seriesStep;
        int bufferStart = seriesBufferStart;
        int bufferLength = seriesBufferLength;
        long session = mapChannel(seriesChannel, channelShift);
        long t0 = add(seriesTime, offset, "timestamped start_timestamp");
        if (window.clip()) {
            int samples = readDeltas(list);
            int keptCount = keepTimes(t0, scale, samples, window);
            if (keptCount < samples) {
                cut = true;
                if (keptCount > 0) {
                    int width = sampleWidth(bufferLength, samples, "timestamped");
                    writeTimestampedCut(list, session, timeAt(t0, scale, sums[kept[0]]), scale, bufferStart, width,
                            keptCount);
                }
                return;
            }
            if (samples == 0) {
                cut = true;
                return;
            }
        }
        int messageSize = uint32Size(1, session) + fixed64Size(t0) + int64Size(scale) + spanBytes()
                + bytesSize(bufferLength);
        beginEntry(messageSize);
        writeUint32(1, session);
        writeFixed64(2, t0);
        writeInt64(3, scale);
        writeSpans(list, 4, 4);
        writeBytes(5, list, bufferStart, bufferLength);
        writeSpans(list, 0, 3);
        writeSpans(list, 5, Integer.MAX_VALUE);
    }

    /** Decodes the copied field-4 spans (packed or one by one) into {@link #values}; returns the sample count. */
    private int readDeltas(byte[] list) throws IOException {
        int count = 0;
        for (int i = 0; i < spanCount; i++) {
            if (spans[3 * i + 2] != 4) {
                continue;
            }
            FieldReader field = new FieldReader(list, spans[3 * i], spans[3 * i + 1] - spans[3 * i]);
            long tag = field.varint();
            if ((tag & 7) == FieldReader.LENGTH_DELIMITED) {
                int length = field.lengthDelimited();
                FieldReader packed = new FieldReader(list, field.position() - length, length);
                while (packed.hasMore()) {
                    count = addValue(count, packed.varint());
                }
            } else if ((tag & 7) == FieldReader.VARINT) {
                count = addValue(count, field.varint());
            } else {
                throw new IOException("timestamped timestamp_deltas has wire type " + (tag & 7));
            }
        }
        return count;
    }

    private int addValue(int count, long value) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count] = value;
        return count + 1;
    }

    /**
     * Marks in {@link #kept} the samples inside the window (their running delta sums in {@link #sums}), tracking the
     * kept times; returns how many.
     */
    private int keepTimes(long t0, long scale, int samples, Window window) throws IOException {
        if (sums.length < samples) {
            sums = new long[Math.max(samples, sums.length * 2)];
            kept = new int[sums.length];
        }
        long sum = 0;
        int count = 0;
        for (int i = 0; i < samples; i++) {
            sum = add(sum, values[i], "timestamped delta sum");
            sums[i] = sum;
            long t = timeAt(t0, scale, sum);
            if (window.contains(t)) {
                track(t, t);
                kept[count++] = i;
            }
        }
        return count;
    }

    private static long timeAt(long t0, long scale, long sum) throws IOException {
        return add(t0, multiply(scale, sum), "timestamped sample time");
    }

    private void writeTimestampedCut(byte[] list, long session, long t0, long scale, int bufferStart, int width,
                                     int keptCount) {
        int deltasSize = 0;
        for (int j = 0; j < keptCount; j++) {
            deltasSize += ByteSink.varintSize(keptDelta(j));
        }
        int bufferLength = keptCount * width;
        int messageSize = uint32Size(1, session) + fixed64Size(t0) + int64Size(scale) + bytesSize(deltasSize)
                + bytesSize(bufferLength) + spanBytesExcept(4);
        beginEntry(messageSize);
        writeUint32(1, session);
        writeFixed64(2, t0);
        writeInt64(3, scale);
        out.varint((4 << 3) | FieldReader.LENGTH_DELIMITED);
        out.varint(deltasSize);
        for (int j = 0; j < keptCount; j++) {
            out.varint(keptDelta(j));
        }
        if (bufferLength > 0) {
            out.varint((5 << 3) | FieldReader.LENGTH_DELIMITED);
            out.varint(bufferLength);
            for (int j = 0; j < keptCount; j++) {
                out.write(list, bufferStart + kept[j] * width, width);
            }
        }
        writeSpans(list, 0, 3);
        writeSpans(list, 5, Integer.MAX_VALUE);
    }

    /** The first kept sample starts the new result (delta 0); each other is the sum of the deltas since the last. */
    private long keptDelta(int j) {
        return j == 0 ? 0 : sums[kept[j]] - sums[kept[j - 1]];
    }

    // ---- row ----

    private void rowEntry(byte[] list, int start, int size, BindingMap map, Window window) throws IOException {
        spanCount = 0;
        FieldReader fields = new FieldReader(list, start, size);
        int ids = 0;
        long time = 0;
        int bufferStart = 0;
        int bufferLength = 0;
        while (fields.hasMore()) {
            int at = fields.position();
            long tag = fields.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == 1 && wireType == FieldReader.LENGTH_DELIMITED) {
                int length = fields.lengthDelimited();
                FieldReader packed = new FieldReader(list, fields.position() - length, length);
                while (packed.hasMore()) {
                    ids = addValue(ids, rowChannel(map, packed.varint()));
                }
            } else if (field == 1 && wireType == FieldReader.VARINT) {
                ids = addValue(ids, rowChannel(map, fields.varint()));
            } else if (field == 2 && wireType == FieldReader.FIXED64) {
                time = fields.fixed64();
            } else if (field == 3 && wireType == FieldReader.LENGTH_DELIMITED) {
                bufferLength = fields.lengthDelimited();
                bufferStart = fields.position() - bufferLength;
            } else {
                fields.skip(wireType);
                span(at, fields.position(), field);
            }
        }
        long t = add(time, map.offset(), "row timestamp");
        if (window.clip()) {
            if (!window.contains(t)) {
                cut = true;
                return;
            }
            track(t, t);
        }
        int idsSize = 0;
        for (int i = 0; i < ids; i++) {
            idsSize += ByteSink.varintSize(values[i]);
        }
        beginEntry((ids == 0 ? 0 : bytesSize(idsSize)) + fixed64Size(t) + bytesSize(bufferLength) + spanBytes());
        if (ids > 0) {
            out.varint((1 << 3) | FieldReader.LENGTH_DELIMITED);
            out.varint(idsSize);
            for (int i = 0; i < ids; i++) {
                out.varint(values[i]);
            }
        }
        writeFixed64(2, t);
        writeBytes(3, list, bufferStart, bufferLength);
        writeSpans(list, 0, Integer.MAX_VALUE);
    }

    /** @throws IOException when no channel binding maps the row's data channel (its buffer could not be read) */
    static long rowChannel(BindingMap map, long dataChannel) throws IOException {
        long channel = dataChannel & ChannelsExpression.MAX_CHANNEL_ID;
        long session = map.rowSessionChannel(channel);
        if (session < 0 || session > ChannelsExpression.MAX_CHANNEL_ID) {
            throw new IOException("row data holds data channel " + channel
                    + ", which the binding's channel bindings do not map to a session channel");
        }
        return session;
    }

    // ---- events ----

    private void eventEntry(byte[] list, int start, int size, long offset, Window window) throws IOException {
        spanCount = 0;
        FieldReader fields = new FieldReader(list, start, size);
        long time = 0;
        while (fields.hasMore()) {
            int at = fields.position();
            long tag = fields.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == 3 && wireType == FieldReader.FIXED64) {
                time = fields.fixed64();
            } else {
                fields.skip(wireType);
                span(at, fields.position(), field);
            }
        }
        long t = add(time, offset, "event timestamp");
        if (window.clip()) {
            if (!window.contains(t)) {
                cut = true;
                return;
            }
            track(t, t);
        }
        beginEntry(fixed64Size(t) + spanBytes());
        writeSpans(list, 0, 2);
        writeFixed64(3, t);
        writeSpans(list, 3, Integer.MAX_VALUE);
    }

    // ---- shared ----

    private void track(long from, long to) {
        first = Math.min(first, from);
        last = Math.max(last, to);
    }

    private static long mapChannel(long channel, long shift) throws IOException {
        long session = channel + shift;
        if (session < 0 || session > ChannelsExpression.MAX_CHANNEL_ID) {
            throw new IOException("data channel " + channel + " maps outside the uint32 channel ids");
        }
        return session;
    }

    private static int sampleWidth(int bufferLength, long samples, String kind) throws IOException {
        if (bufferLength % samples != 0) {
            throw new IOException(kind + " buffer of " + bufferLength + " bytes does not split into " + samples
                    + " samples of one width");
        }
        return (int) (bufferLength / samples);
    }

    static long add(long a, long b, String what) throws IOException {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            throw new IOException(what + " overflows 64 bits once shifted");
        }
        return sum;
    }

    private static long multiply(long a, long b) throws IOException {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
            throw new IOException("sample times overflow 64 bits");
        }
        return lo;
    }

    private void span(int start, int end, int field) {
        if (3 * spanCount + 3 > spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
        }
        spans[3 * spanCount] = start;
        spans[3 * spanCount + 1] = end;
        spans[3 * spanCount + 2] = field;
        spanCount++;
    }

    private int spanBytes() {
        return spanBytesExcept(-1);
    }

    private int spanBytesExcept(int field) {
        int bytes = 0;
        for (int i = 0; i < spanCount; i++) {
            if (spans[3 * i + 2] != field) {
                bytes += spans[3 * i + 1] - spans[3 * i];
            }
        }
        return bytes;
    }

    /** Copies the spans whose field number is in {@code [fromField, toField]}, in their order. */
    private void writeSpans(byte[] list, int fromField, int toField) {
        for (int i = 0; i < spanCount; i++) {
            int field = spans[3 * i + 2];
            if (field >= fromField && field <= toField) {
                out.write(list, spans[3 * i], spans[3 * i + 1] - spans[3 * i]);
            }
        }
    }

    private void beginEntry(int messageSize) {
        out.varint(ENTRY_TAG);
        out.varint(messageSize);
        entries++;
    }

    private static int uint32Size(int field, long value) {
        return value == 0 ? 0 : 1 + ByteSink.varintSize(value);
    }

    private static int fixed64Size(long value) {
        return value == 0 ? 0 : 9;
    }

    private static int int64Size(long value) {
        return value == 0 ? 0 : 1 + ByteSink.varintSize(value);
    }

    private static int bytesSize(int length) {
        return length == 0 ? 0 : 1 + ByteSink.varintSize(length) + length;
    }

    private void writeUint32(int field, long value) {
        if (value != 0) {
            out.varint(field << 3);
            out.varint(value);
        }
    }

    private void writeInt64(int field, long value) {
        if (value != 0) {
            out.varint(field << 3);
            out.varint(value);
        }
    }

    private void writeFixed64(int field, long value) {
        if (value != 0) {
            out.varint((field << 3) | FieldReader.FIXED64);
            out.fixed64(value);
        }
    }

    private void writeBytes(int field, byte[] source, int offset, int length) {
        if (length > 0) {
            out.varint((field << 3) | FieldReader.LENGTH_DELIMITED);
            out.varint(length);
            out.write(source, offset, length);
        }
    }
}
