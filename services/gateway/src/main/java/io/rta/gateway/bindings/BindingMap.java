package io.rta.gateway.bindings;

import io.rta.topology.data.ChannelsExpression;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One binding applied to one request: which data channels serve the requested session channels, and back; the time
 * offset; the clipping window. Shared by the planner (what to ask for) and the responses (how to turn the answer into
 * the session's).
 *
 * <p>A binding without channel bindings serves every channel unchanged (data channel n is session channel n): that is
 * what the data-bindings guide's "Simple" example needs to serve any data at all, and what a client of a one-source
 * session expects. (The proto comment reads as "channel data not bound"; a binding can still be limited to events by
 * giving it a channel binding that covers no channel a client asks for.)
 */
final class BindingMap {

    /**
     * Requested session channels {@code [dataFrom - shift, dataTo - shift]} are data channels
     * {@code [dataFrom, dataTo]}: {@code session = data + sessionShift}.
     */
    record Segment(long dataFrom, long dataTo, long sessionShift) {
    }

    private static final ChannelBinding IDENTITY = new ChannelBinding(0, 0, ChannelsExpression.MAX_CHANNEL_ID);

    private final DataBinding binding;
    private final List<ChannelBinding> channelBindings;
    private final List<Segment> segments;
    /** Per channel binding, its segments: ascending and disjoint (the requested ranges are), for binary search. */
    private final Segment[][] lookup;

    private BindingMap(DataBinding binding, List<ChannelBinding> channelBindings, List<List<Segment>> perBinding) {
        this.binding = binding;
        this.channelBindings = channelBindings;
        this.segments = perBinding.stream().flatMap(List::stream).toList();
        this.lookup = perBinding.stream().map(list -> list.toArray(new Segment[0])).toArray(Segment[][]::new);
    }

    /** @param requested the requested session channels, or null for events (no channel mapping) */
    static BindingMap of(DataBinding binding, ChannelsExpression requested) {
        List<ChannelBinding> channelBindings = binding.channelBindings() == null || binding.channelBindings().isEmpty()
                ? List.of(IDENTITY) : binding.channelBindings();
        List<List<Segment>> perBinding = new ArrayList<>();
        if (requested != null) {
            for (ChannelBinding channels : channelBindings) {
                long shift = channels.firstSessionChannel() - channels.firstDataChannel();
                List<Segment> segments = new ArrayList<>();
                perBinding.add(segments);
                for (ChannelsExpression.Range range : requested.ranges()) {
                    long from = Math.max(range.from(), channels.firstSessionChannel());
                    long to = Math.min(range.to(), channels.lastSessionChannel());
                    long dataFrom = from - shift;
                    long dataTo = Math.min(to - shift, ChannelsExpression.MAX_CHANNEL_ID);
                    if (from <= to && dataFrom <= dataTo) {
                        segments.add(new Segment(dataFrom, dataTo, shift));
                    }
                }
            }
        }
        return new BindingMap(binding, channelBindings, perBinding);
    }

    DataBinding binding() {
        return binding;
    }

    /** Session time = data time + offset. */
    long offset() {
        return binding.sessionTimeOffset();
    }

    /** Whether any requested session channel is served by this binding. */
    boolean servesChannels() {
        return !segments.isEmpty();
    }

    /** Whether every requested channel this binding serves keeps its number. */
    boolean channelsUnchanged() {
        return segments.stream().allMatch(segment -> segment.sessionShift() == 0);
    }

    /** Whether data is clipped to session time bounds. */
    boolean clips() {
        return binding.sessionStartTime() != null || binding.sessionEndTime() != null;
    }

    /** Inclusive start of the binding's session time ({@link Long#MIN_VALUE} when unbounded). */
    long clipFrom() {
        return binding.sessionStartTime() == null ? Long.MIN_VALUE : binding.sessionStartTime();
    }

    /** Inclusive end of the binding's session time ({@link Long#MAX_VALUE} when unbounded). */
    long clipTo() {
        return binding.sessionEndTime() == null ? Long.MAX_VALUE : binding.sessionEndTime();
    }

    /** The data channels to ask for, as a channels expression (hexadecimal ids and ranges, merged). */
    String dataChannels() {
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparingLong(Segment::dataFrom));
        StringBuilder text = new StringBuilder();
        long from = -1;
        long to = -1;
        for (Segment segment : sorted) {
            if (from >= 0 && segment.dataFrom() <= to + 1) {
                to = Math.max(to, segment.dataTo());
                continue;
            }
            appendRange(text, from, to);
            from = segment.dataFrom();
            to = segment.dataTo();
        }
        appendRange(text, from, to);
        return text.toString();
    }

    private static void appendRange(StringBuilder text, long from, long to) {
        if (from < 0) {
            return;
        }
        text.append(text.length() == 0 ? "" : ",").append(Long.toHexString(from).toUpperCase(Locale.ROOT));
        if (to > from) {
            text.append('-').append(Long.toHexString(to).toUpperCase(Locale.ROOT));
        }
    }

    /**
     * The requested session channels a data channel of a timestamped or periodic answer stands for (usually one;
     * several when channel bindings map one data channel to several requested session channels; none when it was not
     * asked for). Written into {@code targets}; returns how many.
     */
    int sessionChannels(long dataChannel, long[] targets) {
        int count = 0;
        for (Segment[] segments : lookup) {
            Segment segment = find(segments, dataChannel);
            if (segment != null) {
                long session = dataChannel + segment.sessionShift();
                if (!contains(targets, count, session)) {
                    targets[count++] = session;
                }
            }
        }
        return count;
    }

    /** The segment holding the channel, among ascending disjoint segments; null when none does. */
    private static Segment find(Segment[] segments, long dataChannel) {
        int low = 0;
        int high = segments.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Segment segment = segments[middle];
            if (dataChannel < segment.dataFrom()) {
                high = middle - 1;
            } else if (dataChannel > segment.dataTo()) {
                low = middle + 1;
            } else {
                return segment;
            }
        }
        return null;
    }

    /** Most session channels one data channel can stand for: one per channel binding. */
    int maxTargets() {
        return channelBindings.size();
    }

    /**
     * The session channel of a data channel in a row: row data carries whole channel sets, requested or not, so the
     * first channel binding (in the binding's order) that covers the channel maps it.
     *
     * @return the session channel, or -1 when no channel binding covers it
     */
    long rowSessionChannel(long dataChannel) {
        for (ChannelBinding channels : channelBindings) {
            long last = channels.firstDataChannel() + (channels.lastSessionChannel() - channels.firstSessionChannel());
            if (dataChannel >= channels.firstDataChannel() && dataChannel <= last) {
                return dataChannel + channels.firstSessionChannel() - channels.firstDataChannel();
            }
        }
        return -1;
    }

    private static boolean contains(long[] values, int count, long value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
