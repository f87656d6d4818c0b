package io.rta.stream.protocol;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes entries of {@code StreamDataBurst.data} (field 1): each entry is tag {@code 0x0A}, a varint length and one
 * {@code StreamData} message whose oneof holds a single field. A burst is then just its entries concatenated, so an
 * item encoded once can be copied into every client's burst. The field numbers of {@code net_stream.proto} live here
 * and nowhere else.
 */
public final class StreamElements {

    /** {@code StreamDataBurst.data}. */
    public static final int BURST_DATA = 1;
    public static final int SESSION_JSON = 2;
    public static final int TIME_RANGE = 3;
    public static final int TIMESTAMPED_DATA = 4;
    public static final int PERIODIC_DATA = 5;
    public static final int ROW_DATA = 6;
    public static final int EVENT = 7;

    private StreamElements() {
    }

    /** An entry whose {@code StreamData} holds {@code message} in oneof field {@code field} (4..7). */
    public static byte[] of(int field, MessageLite message) {
        return of(field, message.toByteArray());
    }

    /** An entry whose {@code StreamData} holds {@code message} already serialized, in oneof field {@code field}. */
    public static byte[] of(int field, byte[] message) {
        int streamData = CodedOutputStream.computeTagSize(field)
                + CodedOutputStream.computeUInt32SizeNoTag(message.length) + message.length;
        byte[] out = new byte[CodedOutputStream.computeTagSize(BURST_DATA)
                + CodedOutputStream.computeUInt32SizeNoTag(streamData) + streamData];
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        try {
            coded.writeTag(BURST_DATA, 2);
            coded.writeUInt32NoTag(streamData);
            coded.writeByteArray(field, message);
            coded.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** An entry carrying {@code session_json}. */
    public static byte[] sessionJson(String json) {
        return of(SESSION_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** An entry carrying {@code time_range} (two sfixed64 fields). */
    public static byte[] timeRange(long startTime, long endTime) {
        byte[] range = new byte[18];
        CodedOutputStream coded = CodedOutputStream.newInstance(range);
        try {
            coded.writeSFixed64(1, startTime);
            coded.writeSFixed64(2, endTime);
            coded.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(TIME_RANGE, range);
    }
}
