package io.rta.stream.protocol;

import static io.rta.stream.LiveItems.event;
import static io.rta.stream.LiveItems.periodic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.proto.model.net.stream.StreamData;
import io.rta.proto.model.net.stream.StreamDataBurst;
import io.rta.topology.data.codec.Lz4Pickler;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BurstPackerTest {

    @Test
    void shouldPickleEntriesIntoOneStreamDataBurstInOrder() throws Exception {
        BurstPacker packer = new BurstPacker(64 * 1024);
        packer.add(StreamElements.sessionJson("{\"identity\":\"s1\"}"));
        packer.add(StreamElements.timeRange(10, 20));
        packer.add(periodic(5, 100).element());
        packer.add(event(200).element());

        StreamDataBurst burst = StreamDataBurst.parseFrom(Lz4Pickler.unpickle(packer.pickle()));

        assertThat(burst.getDataList()).extracting(StreamData::getDataCase).containsExactly(
                StreamData.DataCase.SESSION_JSON, StreamData.DataCase.TIME_RANGE, StreamData.DataCase.PERIODIC_DATA,
                StreamData.DataCase.EVENT);
        assertThat(burst.getData(0).getSessionJson()).isEqualTo("{\"identity\":\"s1\"}");
        assertThat(burst.getData(1).getTimeRange().getStartTime()).isEqualTo(10);
        assertThat(burst.getData(1).getTimeRange().getEndTime()).isEqualTo(20);
        assertThat(burst.getData(2).getPeriodicData().getChannelId()).isEqualTo(5);
        assertThat(burst.getData(3).getEvent().getTimestamp()).isEqualTo(200);
    }

    @Test
    void shouldBeEmptyAfterPickling() throws Exception {
        BurstPacker packer = new BurstPacker(1024);
        packer.add(periodic(1, 1).element());
        packer.pickle();
        packer.add(periodic(2, 2).element());

        StreamDataBurst burst = StreamDataBurst.parseFrom(Lz4Pickler.unpickle(packer.pickle()));

        assertThat(burst.getDataList()).extracting(data -> data.getPeriodicData().getChannelId()).containsExactly(2);
        assertThat(packer.isEmpty()).isTrue();
    }

    @Test
    void shouldAdmitEntriesUpToTheTarget() {
        byte[] entry = periodic(1, 1, new byte[400]).element();
        BurstPacker packer = new BurstPacker(2 * entry.length + 10);

        assertThat(packer.fits(entry.length)).isTrue();
        packer.add(entry);
        assertThat(packer.fits(entry.length)).isTrue();
        packer.add(entry);
        assertThat(packer.fits(entry.length)).isFalse();
        assertThat(packer.fits(10)).isTrue();
        assertThat(packer.isFull()).isFalse();
        packer.add(new byte[10]);
        assertThat(packer.isFull()).isTrue();
    }

    @Test
    void shouldLetAnEntryLargerThanTheTargetGoAlone() throws Exception {
        byte[] huge = new byte[200 * 1024];
        new Random(1).nextBytes(huge);
        byte[] entry = periodic(1, 1, huge).element();
        BurstPacker packer = new BurstPacker(64 * 1024);

        assertThat(packer.fits(entry.length)).isTrue();
        packer.add(entry);
        assertThat(packer.isFull()).isTrue();
        assertThat(packer.fits(1)).isFalse();

        StreamDataBurst burst = StreamDataBurst.parseFrom(Lz4Pickler.unpickle(packer.pickle()));
        assertThat(burst.getData(0).getPeriodicData().getBuffer().toByteArray()).isEqualTo(huge);
    }

    @Test
    void shouldCompressRepetitiveBursts() {
        BurstPacker packer = new BurstPacker(64 * 1024);
        for (int i = 0; i < 500; i++) {
            packer.add(periodic(1, i, new byte[64]).element());
        }
        int size = packer.size();

        assertThat(packer.pickle().length).isLessThan(size / 4);
    }

    @Test
    void shouldRefuseATargetThatIsNotPositive() {
        assertThatThrownBy(() -> new BurstPacker(0)).hasMessageContaining("burst target must be positive");
    }
}
