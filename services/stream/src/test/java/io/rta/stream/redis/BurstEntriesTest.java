package io.rta.stream.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.net.stream.StreamData;
import io.rta.proto.model.net.stream.StreamDataBurst;
import io.rta.proto.model.net.stream.StreamTimeRange;
import io.rta.stream.live.LiveData;
import io.rta.stream.protocol.StreamElements;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurstEntriesTest {

    private static final TimestampedData TIMESTAMPED = TimestampedData.newBuilder().setChannelId(5)
            .setStartTimestamp(1000).setTimestampDeltasScale(10).addAllTimestampDeltas(List.of(0L, 1L, 2L))
            .setBuffer(ByteString.copyFrom(new byte[24])).build();
    private static final PeriodicData PERIODIC = PeriodicData.newBuilder().setChannelId(6).setStartTimestamp(2000)
            .setInterval(5).setSamples(4).setBuffer(ByteString.copyFrom(new byte[16])).build();
    private static final RowData ROW = RowData.newBuilder().addAllChannelIds(List.of(1, 2, 3)).setTimestamp(3000)
            .setBuffer(ByteString.copyFrom(new byte[12])).build();
    private static final Event EVENT = Event.newBuilder().setEventDefinitionId(9).setTimestamp(4000)
            .setStatusText("pit").build();

    private final Recorder recorder = new Recorder();

    @Test
    void shouldSliceEachDataEntryAsTheWireEncodesIt() {
        byte[] burst = StreamDataBurst.newBuilder()
                .addData(StreamData.newBuilder().setTimestampedData(TIMESTAMPED))
                .addData(StreamData.newBuilder().setPeriodicData(PERIODIC))
                .addData(StreamData.newBuilder().setRowData(ROW))
                .addData(StreamData.newBuilder().setEvent(EVENT))
                .build().toByteArray();

        BurstEntries.read(burst, recorder);

        assertThat(recorder.items).hasSize(4);
        assertItem(recorder.items.get(0), false, new int[] {5}, 1030,
                StreamElements.of(StreamElements.TIMESTAMPED_DATA, TIMESTAMPED));
        assertItem(recorder.items.get(1), false, new int[] {6}, 2015,
                StreamElements.of(StreamElements.PERIODIC_DATA, PERIODIC));
        assertItem(recorder.items.get(2), false, new int[] {1, 2, 3}, 3000,
                StreamElements.of(StreamElements.ROW_DATA, ROW));
        assertItem(recorder.items.get(3), true, new int[0], 4000, StreamElements.of(StreamElements.EVENT, EVENT));
    }

    @Test
    void shouldPassSessionJsonAndTimeRangesOn() {
        byte[] burst = StreamDataBurst.newBuilder()
                .addData(StreamData.newBuilder().setSessionJson("{\"state\":\"open\"}"))
                .addData(StreamData.newBuilder().setTimeRange(StreamTimeRange.newBuilder().setStartTime(-5)
                        .setEndTime(Long.MAX_VALUE)))
                .build().toByteArray();

        BurstEntries.read(burst, recorder);

        assertThat(recorder.json).containsExactly("{\"state\":\"open\"}");
        assertThat(recorder.ranges).containsExactly(new TimeRange(-5, Long.MAX_VALUE));
        assertThat(recorder.items).isEmpty();
    }

    @Test
    void shouldSkipEntriesWithoutAValueAndUnknownFields() {
        byte[] known = StreamDataBurst.newBuilder()
                .addData(StreamData.getDefaultInstance())
                .addData(StreamData.newBuilder().setEvent(EVENT))
                .build().toByteArray();
        byte[] burst = Arrays.copyOf(known, known.length + 2);
        burst[known.length] = (byte) (9 << 3); // field 9, varint: not part of StreamDataBurst
        burst[known.length + 1] = 1;

        BurstEntries.read(burst, recorder);

        assertThat(recorder.items).hasSize(1);
        assertThat(recorder.items.get(0).event()).isTrue();
    }

    @Test
    void shouldRejectATruncatedBurst() {
        byte[] burst = StreamDataBurst.newBuilder().addData(StreamData.newBuilder().setEvent(EVENT)).build()
                .toByteArray();

        assertThatThrownBy(() -> BurstEntries.read(Arrays.copyOf(burst, burst.length - 3), recorder))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed StreamDataBurst");
    }

    private static void assertItem(LiveData item, boolean event, int[] channels, long endTime, byte[] element) {
        assertThat(item.event()).isEqualTo(event);
        assertThat(item.channelIds()).containsExactly(channels);
        assertThat(item.endTime()).isEqualTo(endTime);
        assertThat(item.element()).isEqualTo(element);
    }

    private static final class Recorder implements BurstVisitor {
        final List<LiveData> items = new ArrayList<>();
        final List<String> json = new ArrayList<>();
        final List<TimeRange> ranges = new ArrayList<>();

        @Override
        public void sessionJson(String sessionJson) {
            json.add(sessionJson);
        }

        @Override
        public void timeRange(TimeRange range) {
            ranges.add(range);
        }

        @Override
        public void data(LiveData item) {
            items.add(item);
        }
    }
}
