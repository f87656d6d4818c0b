package io.rta.topology.data;

import com.google.protobuf.ByteString;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import java.util.HexFormat;

/**
 * The worked examples of devguide/data/index.md (channel 16, 2021-05-04T11:50:55Z) and their protobuf encodings,
 * computed by hand from the encoding rules: tag = field number << 3 | wire type (0 varint, 1 64-bit, 2 length).
 */
public final class WorkedExamples {

    public static final long START = 1_620_129_055_000_000_000L;
    /** Where the second periodic burst starts, after the skipped sample (11:51:10Z). */
    public static final long SECOND_PERIODIC_START = 1_620_129_070_000_000_000L;
    /** 12.7, 14.9, 21.2 as little-endian doubles. */
    public static final String SAMPLES_HEX = "6666666666662940 CDCCCCCCCCCC2D40 3333333333333540";
    /** 12.7 (double), 234 (ushort), 0.7 (float). */
    public static final String ROW_HEX = "6666666666662940 EA00 3333333F";

    /** TimestampedData: 48 bytes. */
    public static final String TIMESTAMPED_HEX = ""
            + "08 10"                          // channel_id (1, varint) = 16
            + "11 0076 90AD CADA 7B16"         // start_timestamp (2, 64-bit) = 0x167BDACAAD907600, little-endian
            + "18 80 94 EB DC 03"              // timestamp_deltas_scale (3, varint) = 1e9 = 0x3B9ACA00 in 7-bit groups
            + "22 03 00 04 05"                 // timestamp_deltas (4, length 3), packed varints 0, 4, 5
            + "2A 18" + SAMPLES_HEX;           // buffer (5, length 24)
    /** TimestampedDataList: the item as field 1 (length-delimited). */
    public static final String TIMESTAMPED_LIST_HEX = "0A 30" + TIMESTAMPED_HEX;

    /** First PeriodicData burst (two samples): 37 bytes. */
    public static final String PERIODIC_1_HEX = ""
            + "08 10"                          // channel_id = 16
            + "11 0076 90AD CADA 7B16"         // start_timestamp = 1620129055000000000
            + "18 80 E4 97 D0 12"              // interval (3, varint) = 5e9 = 0x12A05F200
            + "20 02"                          // samples (4, varint) = 2
            + "2A 10 6666666666662940 CDCCCCCCCCCC2D40"; // buffer (5, length 16)
    /** Second PeriodicData burst (one sample): 29 bytes. */
    public static final String PERIODIC_2_HEX = ""
            + "08 10"                          // channel_id = 16
            + "11 004C A22B CEDA 7B16"         // start_timestamp = 1620129070000000000 = 0x167BDACE2BA24C00
            + "18 80 E4 97 D0 12"              // interval = 5e9
            + "20 01"                          // samples = 1
            + "2A 08 3333333333333540";        // buffer (5, length 8)
    /** PeriodicDataList: both bursts as repeated field 1. */
    public static final String PERIODIC_LIST_HEX = "0A 25" + PERIODIC_1_HEX + "0A 1D" + PERIODIC_2_HEX;

    /** RowData: 30 bytes. */
    public static final String ROW_DATA_HEX = ""
            + "0A 03 10 11 12"                 // channel_ids (1, length 3): packed varints 16, 17, 18
            + "11 0076 90AD CADA 7B16"         // timestamp (2, 64-bit)
            + "1A 0E" + ROW_HEX;               // buffer (3, length 14)
    public static final String ROW_LIST_HEX = "0A 1E" + ROW_DATA_HEX;

    private WorkedExamples() {
    }

    public static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s", ""));
    }

    public static TimestampedData timestamped() {
        return TimestampedData.newBuilder()
                .setChannelId(16)
                .setStartTimestamp(START)
                .setTimestampDeltasScale(1_000_000_000L)
                .addTimestampDeltas(0).addTimestampDeltas(4).addTimestampDeltas(5)
                .setBuffer(ByteString.copyFrom(hex(SAMPLES_HEX)))
                .build();
    }

    public static TimestampedDataList timestampedList() {
        return TimestampedDataList.newBuilder().addTimestampedData(timestamped()).build();
    }

    public static PeriodicData periodicFirst() {
        return PeriodicData.newBuilder()
                .setChannelId(16)
                .setStartTimestamp(START)
                .setInterval(5_000_000_000L)
                .setSamples(2)
                .setBuffer(ByteString.copyFrom(hex("6666666666662940 CDCCCCCCCCCC2D40")))
                .build();
    }

    public static PeriodicData periodicSecond() {
        return PeriodicData.newBuilder()
                .setChannelId(16)
                .setStartTimestamp(SECOND_PERIODIC_START)
                .setInterval(5_000_000_000L)
                .setSamples(1)
                .setBuffer(ByteString.copyFrom(hex("3333333333333540")))
                .build();
    }

    public static PeriodicDataList periodicList() {
        return PeriodicDataList.newBuilder().addPeriodicData(periodicFirst()).addPeriodicData(periodicSecond()).build();
    }

    public static RowData row() {
        return RowData.newBuilder()
                .addChannelIds(16).addChannelIds(17).addChannelIds(18)
                .setTimestamp(START)
                .setBuffer(ByteString.copyFrom(hex(ROW_HEX)))
                .build();
    }

    public static RowDataList rowList() {
        return RowDataList.newBuilder().addRowData(row()).build();
    }
}
