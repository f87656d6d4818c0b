package io.rta.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TelemetryBatch;
import io.rta.events.TimestampedBurst;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.proto.model.net.stream.StreamDataBurst;
import io.rta.stream.live.LiveData;
import io.rta.topology.data.Bursts;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveItemsTest {

    private static final long T0 = 1_715_000_000_000_000_000L;

    @Test
    void shouldEncodePeriodicBurstAsPeriodicData() throws Exception {
        PeriodicData expected = PeriodicData.newBuilder().setChannelId(0xFFFF_FFF0).setStartTimestamp(T0)
                .setInterval(1_000_000).setSamples(3).setBuffer(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6}))
                .build();

        TelemetryItem item = LiveItems.of(Bursts.fromProto(expected));

        assertThat(decode(item.data()).getPeriodicData()).isEqualTo(expected);
        assertThat(item.data().event()).isFalse();
        assertThat(item.data().channelIds()).containsExactly(0xFFFF_FFF0);
        assertThat(item.startTime()).isEqualTo(T0);
        assertThat(item.endTime()).isEqualTo(T0 + 2_000_000);
    }

    @Test
    void shouldEncodeTimestampedBurstWithItsPackedDeltasAsTimestampedData() throws Exception {
        TimestampedData expected = TimestampedData.newBuilder().setChannelId(7).setStartTimestamp(T0)
                .setTimestampDeltasScale(1000).addAllTimestampDeltas(List.of(0L, 5L, 300L, 70_000L))
                .setBuffer(ByteString.copyFrom(new byte[] {9, 8, 7, 6})).build();

        TelemetryItem item = LiveItems.of(Bursts.fromProto(expected));

        assertThat(decode(item.data()).getTimestampedData()).isEqualTo(expected);
        assertThat(item.data().channelIds()).containsExactly(7);
        assertThat(item.startTime()).isEqualTo(T0);
        assertThat(item.endTime()).isEqualTo(T0 + 1000 * (5 + 300 + 70_000));
    }

    @Test
    void shouldCopyOnlyTheRemainingBytesOfBuffersThatShareAnArray() throws Exception {
        byte[] shared = {100, 0, 5, 1, 2, 3, 101};
        TimestampedBurst burst = new TimestampedBurst(3L, T0, 10L, ByteBuffer.wrap(shared, 1, 2).slice(),
                ByteBuffer.wrap(shared, 3, 3));

        TimestampedData decoded = decode(LiveItems.of(burst).data()).getTimestampedData();

        assertThat(decoded.getTimestampDeltasList()).containsExactly(0L, 5L);
        assertThat(decoded.getBuffer().toByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldEncodeRowBurstAsRowDataWithItsChannelSet() throws Exception {
        RowData expected = RowData.newBuilder().addAllChannelIds(List.of(4, 5, 0x8000_0000)).setTimestamp(T0)
                .setBuffer(ByteString.copyFrom(new byte[] {1, 2, 3})).build();

        TelemetryItem item = LiveItems.of(Bursts.fromProto(expected));

        assertThat(decode(item.data()).getRowData()).isEqualTo(expected);
        assertThat(item.data().channelIds()).containsExactly(4, 5, 0x8000_0000);
        assertThat(item.data().event()).isFalse();
        assertThat(item.startTime()).isEqualTo(T0);
        assertThat(item.endTime()).isEqualTo(T0);
    }

    @Test
    void shouldEncodeEventBurstAsEvent() throws Exception {
        Event expected = Event.newBuilder().setEventDefinitionId(-12).setAppName("app").setTimestamp(T0)
                .setStatusText("pit in").addAllRawData(List.of(1.5, -2.0)).build();

        TelemetryItem item = LiveItems.of(Bursts.fromProto(expected));

        assertThat(decode(item.data()).getEvent()).isEqualTo(expected);
        assertThat(item.data().event()).isTrue();
        assertThat(item.data().channelIds()).isEmpty();
        assertThat(item.endTime()).isEqualTo(T0);
    }

    @Test
    void shouldKeepBurstOrderOfABatchAndConcatenateIntoAValidBurst() throws Exception {
        TelemetryBatch batch = new TelemetryBatch(List.of(
                new EventBurst(1, "", T0, "", List.of()),
                new PeriodicBurst(2L, T0, 10L, 1, ByteBuffer.wrap(new byte[] {1})),
                new RowBurst(List.of(3L), T0, ByteBuffer.wrap(new byte[] {2}))));

        List<TelemetryItem> items = LiveItems.of(batch);
        byte[] burst = new byte[items.stream().mapToInt(item -> item.data().size()).sum()];
        int at = 0;
        for (TelemetryItem item : items) {
            System.arraycopy(item.data().element(), 0, burst, at, item.data().size());
            at += item.data().size();
        }

        assertThat(StreamDataBurst.parseFrom(burst).getDataList()).extracting(StreamData::getDataCase)
                .containsExactly(StreamData.DataCase.EVENT, StreamData.DataCase.PERIODIC_DATA,
                        StreamData.DataCase.ROW_DATA);
    }

    @Test
    void shouldRejectDeltasThatAreNotVarints() {
        TimestampedBurst burst = new TimestampedBurst(3L, T0, 10L, ByteBuffer.wrap(new byte[] {(byte) 0x80}),
                ByteBuffer.wrap(new byte[] {1}));

        assertThatThrownBy(() -> LiveItems.of(burst)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestampDeltas");
    }

    /** The element is one complete StreamDataBurst.data entry: alone, it parses as a burst of one. */
    private static StreamData decode(LiveData item) throws Exception {
        List<StreamData> data = StreamDataBurst.parseFrom(item.element()).getDataList();
        assertThat(data).hasSize(1);
        return data.get(0);
    }
}
