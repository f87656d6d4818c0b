package io.rta.it.data;

import com.google.protobuf.ByteString;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.data.TimestampedDataList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Single samples of periodic and timestamped data, with their absolute times: what was written and what was read
 * compare sample by sample, however the server cut the results at chunk boundaries.
 */
public final class Samples {

    /** Orders samples as a read returns them: by channel (unsigned), then time. */
    public static final Comparator<Sample> READ_ORDER = Comparator.comparingLong(Sample::channelId)
            .thenComparingLong(Sample::time);

    private Samples() {
    }

    /**
     * One sample.
     *
     * @param channelId unsigned channel id
     * @param time ns since the Unix epoch
     * @param value the sample's bytes (a buffer's width divided by its sample count)
     */
    public record Sample(long channelId, long time, ByteString value) {
    }

    public static List<Sample> ofPeriodic(List<PeriodicData> results) {
        List<Sample> samples = new ArrayList<>();
        for (PeriodicData data : results) {
            int width = data.getBuffer().size() / data.getSamples();
            for (int i = 0; i < data.getSamples(); i++) {
                samples.add(new Sample(Integer.toUnsignedLong(data.getChannelId()),
                        data.getStartTimestamp() + i * data.getInterval(),
                        data.getBuffer().substring(i * width, (i + 1) * width)));
            }
        }
        return samples;
    }

    public static List<Sample> ofTimestamped(List<TimestampedData> results) {
        List<Sample> samples = new ArrayList<>();
        for (TimestampedData data : results) {
            int count = data.getTimestampDeltasCount();
            int width = data.getBuffer().size() / count;
            long time = data.getStartTimestamp();
            for (int i = 0; i < count; i++) {
                time += data.getTimestampDeltas(i) * data.getTimestampDeltasScale();
                samples.add(new Sample(Integer.toUnsignedLong(data.getChannelId()), time,
                        data.getBuffer().substring(i * width, (i + 1) * width)));
            }
        }
        return samples;
    }

    /** The samples of decoded periodic chunks, in the order the response carries them. */
    public static List<Sample> ofPeriodicChunks(List<DecodedChunk<PeriodicDataList>> chunks) {
        return ofPeriodicLists(chunks.stream().map(DecodedChunk::list).toList());
    }

    public static List<Sample> ofPeriodicLists(List<PeriodicDataList> lists) {
        return ofPeriodic(lists.stream().flatMap(list -> list.getPeriodicDataList().stream()).toList());
    }

    /** The samples of decoded timestamped chunks, in the order the response carries them. */
    public static List<Sample> ofTimestampedChunks(List<DecodedChunk<TimestampedDataList>> chunks) {
        return ofTimestampedLists(chunks.stream().map(DecodedChunk::list).toList());
    }

    public static List<Sample> ofTimestampedLists(List<TimestampedDataList> lists) {
        return ofTimestamped(lists.stream().flatMap(list -> list.getTimestampedDataList().stream()).toList());
    }

    /** The samples sorted as a read returns them. */
    public static List<Sample> inReadOrder(List<Sample> samples) {
        return samples.stream().sorted(READ_ORDER).toList();
    }
}
