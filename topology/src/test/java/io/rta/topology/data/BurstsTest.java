package io.rta.topology.data;

import static io.rta.topology.data.WorkedExamples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TimestampedBurst;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurstsTest {

    @Test
    void shouldEncodeTimestampedWorkedExampleToHandComputedBytes() throws Exception {
        assertThat(WorkedExamples.timestamped().toByteArray()).isEqualTo(hex(WorkedExamples.TIMESTAMPED_HEX));
        assertThat(WorkedExamples.timestampedList().toByteArray())
                .isEqualTo(hex(WorkedExamples.TIMESTAMPED_LIST_HEX));
        assertThat(TimestampedDataList.parseFrom(hex(WorkedExamples.TIMESTAMPED_LIST_HEX)))
                .isEqualTo(WorkedExamples.timestampedList());
    }

    @Test
    void shouldEncodePeriodicWorkedExampleSplitIntoTwoBursts() throws Exception {
        assertThat(WorkedExamples.periodicFirst().toByteArray()).isEqualTo(hex(WorkedExamples.PERIODIC_1_HEX));
        assertThat(WorkedExamples.periodicSecond().toByteArray()).isEqualTo(hex(WorkedExamples.PERIODIC_2_HEX));
        assertThat(WorkedExamples.periodicList().toByteArray()).isEqualTo(hex(WorkedExamples.PERIODIC_LIST_HEX));
        assertThat(PeriodicDataList.parseFrom(hex(WorkedExamples.PERIODIC_LIST_HEX)))
                .isEqualTo(WorkedExamples.periodicList());
    }

    @Test
    void shouldEncodeRowWorkedExampleToHandComputedBytes() throws Exception {
        assertThat(WorkedExamples.row().toByteArray()).isEqualTo(hex(WorkedExamples.ROW_DATA_HEX));
        assertThat(WorkedExamples.rowList().toByteArray()).isEqualTo(hex(WorkedExamples.ROW_LIST_HEX));
        assertThat(RowDataList.parseFrom(hex(WorkedExamples.ROW_LIST_HEX))).isEqualTo(WorkedExamples.rowList());
    }

    @Test
    void shouldHoldTheWorkedExampleSamplesAsLittleEndianDoubles() {
        ByteBuffer samples = ByteBuffer.wrap(hex(WorkedExamples.SAMPLES_HEX)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(List.of(samples.getDouble(), samples.getDouble(), samples.getDouble()))
                .containsExactly(12.7, 14.9, 21.2);
        ByteBuffer row = ByteBuffer.wrap(hex(WorkedExamples.ROW_HEX)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(row.getDouble()).isEqualTo(12.7);
        assertThat(Short.toUnsignedInt(row.getShort())).isEqualTo(234);
        assertThat(row.getFloat()).isEqualTo(0.7f);
    }

    @Test
    void shouldConvertTimestampedExampleToBurstWithDeltasAsField4Contents() {
        TimestampedBurst burst = Bursts.fromProto(WorkedExamples.timestamped());

        assertThat(burst.getChannelId()).isEqualTo(16L);
        assertThat(burst.getStartTimestamp()).isEqualTo(WorkedExamples.START);
        assertThat(burst.getTimestampDeltasScale()).isEqualTo(1_000_000_000L);
        assertThat(bytes(burst.getTimestampDeltas())).isEqualTo(hex("00 04 05"));
        assertThat(Bursts.unpackDeltas(burst.getTimestampDeltas())).containsExactly(0, 4, 5);
        assertThat(bytes(burst.getBuffer())).isEqualTo(hex(WorkedExamples.SAMPLES_HEX));
    }

    @Test
    void shouldRoundTripTimestampedExampleThroughBurst() {
        TimestampedBurst burst = Bursts.fromProto(WorkedExamples.timestamped());

        TimestampedData.Builder back = TimestampedData.newBuilder()
                .setChannelId((int) burst.getChannelId())
                .setStartTimestamp(burst.getStartTimestamp())
                .setTimestampDeltasScale(burst.getTimestampDeltasScale())
                .setBuffer(Bursts.bytes(burst.getBuffer()));
        for (long delta : Bursts.unpackDeltas(burst.getTimestampDeltas())) {
            back.addTimestampDeltas(delta);
        }
        assertThat(back.build().toByteArray()).isEqualTo(hex(WorkedExamples.TIMESTAMPED_HEX));
    }

    @Test
    void shouldRoundTripPeriodicExampleThroughBursts() {
        List<PeriodicData> back = new ArrayList<>();
        for (PeriodicData data : WorkedExamples.periodicList().getPeriodicDataList()) {
            PeriodicBurst burst = Bursts.fromProto(data);
            back.add(PeriodicData.newBuilder()
                    .setChannelId((int) burst.getChannelId())
                    .setStartTimestamp(burst.getStartTimestamp())
                    .setInterval(burst.getInterval())
                    .setSamples(burst.getSamples())
                    .setBuffer(Bursts.bytes(burst.getBuffer()))
                    .build());
        }
        assertThat(PeriodicDataList.newBuilder().addAllPeriodicData(back).build().toByteArray())
                .isEqualTo(hex(WorkedExamples.PERIODIC_LIST_HEX));
        assertThat(Bursts.fromProto(WorkedExamples.periodicSecond()).getStartTimestamp())
                .isEqualTo(WorkedExamples.SECOND_PERIODIC_START);
    }

    @Test
    void shouldRoundTripRowExampleThroughBurst() {
        RowBurst burst = Bursts.fromProto(WorkedExamples.row());

        assertThat(burst.getChannelIds()).containsExactly(16L, 17L, 18L);
        RowData.Builder back = RowData.newBuilder()
                .setTimestamp(burst.getTimestamp())
                .setBuffer(Bursts.bytes(burst.getBuffer()));
        burst.getChannelIds().forEach(id -> back.addChannelIds(id.intValue()));
        assertThat(back.build().toByteArray()).isEqualTo(hex(WorkedExamples.ROW_DATA_HEX));
    }

    @Test
    void shouldReadChannelIdsAsUnsigned() {
        TimestampedData timestamped = WorkedExamples.timestamped().toBuilder().setChannelId(0xFFFF_FFFF).build();
        RowData row = WorkedExamples.row().toBuilder().setChannelIds(0, 0x8000_0000).build();

        assertThat(Bursts.fromProto(timestamped).getChannelId()).isEqualTo(4_294_967_295L);
        assertThat(Bursts.fromProto(row).getChannelIds()).containsExactly(2_147_483_648L, 17L, 18L);
    }

    @Test
    void shouldConvertEvent() {
        Event event = Event.newBuilder().setEventDefinitionId(7).setAppName("app").setTimestamp(WorkedExamples.START)
                .setStatusText("pit in").addRawData(1.5).addRawData(-2).build();

        EventBurst burst = Bursts.fromProto(event);

        assertThat(burst.getEventDefinitionId()).isEqualTo(7);
        assertThat(burst.getAppName()).isEqualTo("app");
        assertThat(burst.getTimestamp()).isEqualTo(WorkedExamples.START);
        assertThat(burst.getStatusText()).isEqualTo("pit in");
        assertThat(burst.getRawData()).containsExactly(1.5, -2.0);
    }

    @Test
    void shouldPackNegativeDeltasAsTenByteVarints() {
        ByteBuffer packed = Bursts.packDeltas(List.of(0L, -1L, 300L));

        // 0; -1 as int64 = 64 one bits: nine 0xFF groups and a final 0x01; 300 = AC 02
        assertThat(bytes(packed)).isEqualTo(hex("00 FFFFFFFFFFFFFFFFFF01 AC02"));
        assertThat(Bursts.unpackDeltas(packed)).containsExactly(0, -1, 300);
    }

    @Test
    void shouldUnpackDeltasWithoutMovingTheBuffer() {
        ByteBuffer packed = ByteBuffer.wrap(hex("FF 00 04 05")).position(1);

        assertThat(Bursts.unpackDeltas(packed)).containsExactly(0, 4, 5);
        assertThat(packed.position()).isEqualTo(1);
        assertThat(Bursts.unpackDeltas(ByteBuffer.allocate(0))).isEmpty();
    }

    @Test
    void shouldRejectDeltasEndingInsideAVarint() {
        assertThatThrownBy(() -> Bursts.unpackDeltas(ByteBuffer.wrap(hex("00 84"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestamp_deltas");
    }

    @Test
    void shouldShareBufferContentsAsByteString() {
        ByteBuffer buffer = ByteBuffer.wrap(hex("0102030405")).position(2);

        assertThat(Bursts.bytes(buffer)).isEqualTo(ByteString.copyFrom(hex("030405")));
        assertThat(buffer.position()).isEqualTo(2);
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
