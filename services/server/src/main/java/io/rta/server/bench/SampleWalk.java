package io.rta.server.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.rta.topology.data.StoredChunk;
import io.rta.topology.data.codec.ChunkStreamReader;
import io.rta.topology.data.codec.Lz4Block;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A lean client of timestamped double chunks: every chunk unpacked, every {@code TimestampedData} walked on the wire
 * (its deltas counted, each value of its buffer read as a double and summed) without building messages, as little as
 * a client can do and still see every sample and value. A bare DuckDB scan fetches every value too, so the two
 * sides of {@code bench files} do like work, and the sums check that the service served the values written.
 */
final class SampleWalk {

    /** Field 1 of a {@code TimestampedDataList}, length-delimited. */
    private static final int LIST_ITEM_TAG = 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private static final VarHandle LITTLE_ENDIAN_DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);

    private byte[] unpacked = new byte[64 * 1024];
    private long samples;
    private double sum;

    /** Walks every chunk of {@code reader} to its end. */
    SampleWalk walk(ChunkStreamReader reader) throws IOException {
        for (StoredChunk chunk = reader.read(); chunk != null; chunk = reader.read()) {
            if (unpacked.length < chunk.unpackedLength()) {
                unpacked = new byte[Math.max(chunk.unpackedLength(), unpacked.length * 2)];
            }
            Lz4Block.decompress(chunk.payload(), chunk.payloadOffset(), chunk.payloadLength(), unpacked, 0,
                    chunk.unpackedLength());
            CodedInputStream list = CodedInputStream.newInstance(unpacked, 0, chunk.unpackedLength());
            for (int tag = list.readTag(); tag != 0; tag = list.readTag()) {
                if (tag != LIST_ITEM_TAG) {
                    throw new IOException("a TimestampedDataList holds field tag " + tag);
                }
                int limit = list.pushLimit(list.readRawVarint32());
                result(list);
                list.popLimit(limit);
            }
        }
        return this;
    }

    /** One {@code TimestampedData}: deltas (field 4, packed) counted, buffer (field 5) read as doubles. */
    private void result(CodedInputStream in) throws IOException {
        long deltas = 0;
        long values = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 4 -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    while (in.getBytesUntilLimit() > 0) {
                        in.readRawVarint64();
                        deltas++;
                    }
                    in.popLimit(limit);
                }
                case 5 -> {
                    // read where it lies in the unpacked chunk (the stream was made over that array from 0)
                    int length = in.readRawVarint32();
                    int at = in.getTotalBytesRead();
                    in.skipRawBytes(length);
                    for (int end = at + length - Double.BYTES; at <= end; at += Double.BYTES) {
                        sum += (double) LITTLE_ENDIAN_DOUBLES.get(unpacked, at);
                        values++;
                    }
                }
                default -> in.skipField(tag);
            }
        }
        if (deltas != values) {
            throw new IOException("a result holds " + deltas + " times and " + values + " double values");
        }
        samples += deltas;
    }

    long samples() {
        return samples;
    }

    double sum() {
        return sum;
    }
}
