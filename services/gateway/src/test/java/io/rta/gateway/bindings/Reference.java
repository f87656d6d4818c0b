package io.rta.gateway.bindings;

import io.rta.gateway.bindings.Wire.Chunk;
import io.rta.gateway.bindings.Wire.Sample;
import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.DataKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The brute-force answer: every input sample mapped, shifted and kept or not on its own. */
final class Reference {

    private Reference() {
    }

    static List<Sample> expected(DataKind kind, DataBinding binding, ChannelsExpression requested, List<Chunk> input)
            throws IOException {
        List<Sample> expected = new ArrayList<>();
        List<ChannelBinding> channels = binding.channelBindings().isEmpty()
                ? List.of(new ChannelBinding(0, 0, ChannelsExpression.MAX_CHANNEL_ID)) : binding.channelBindings();
        long from = binding.sessionStartTime() == null ? Long.MIN_VALUE : binding.sessionStartTime();
        long to = binding.sessionEndTime() == null ? Long.MAX_VALUE : binding.sessionEndTime();
        for (Sample sample : Wire.samples(kind, input)) {
            long time = sample.time() + binding.sessionTimeOffset();
            if (time < from || time > to) {
                continue;
            }
            for (String channel : sessionChannels(kind, sample.channel(), channels, requested)) {
                expected.add(new Sample(channel, time, sample.value()));
            }
        }
        return expected;
    }

    private static List<String> sessionChannels(DataKind kind, String data, List<ChannelBinding> channels,
                                                ChannelsExpression requested) {
        switch (kind) {
            case EVENTS -> {
                return List.of(data);
            }
            case ROW -> {
                // served when any of its channels is bound to a requested session channel; mapped by the first binding
                List<Long> mapped = new ArrayList<>();
                boolean requestedAny = false;
                for (String id : data.substring(1, data.length() - 1).split(", ")) {
                    long channel = Long.parseLong(id);
                    mapped.add(rowChannel(channel, channels));
                    for (ChannelBinding binding : channels) {
                        long session = channel - binding.firstDataChannel() + binding.firstSessionChannel();
                        requestedAny |= session >= binding.firstSessionChannel()
                                && session <= binding.lastSessionChannel() && requested.matches(session);
                    }
                }
                return requestedAny ? List.of(mapped.toString()) : List.of();
            }
            default -> {
                long channel = Long.parseLong(data);
                List<String> sessions = new ArrayList<>();
                for (ChannelBinding binding : channels) {
                    long session = channel - binding.firstDataChannel() + binding.firstSessionChannel();
                    if (session >= binding.firstSessionChannel() && session <= binding.lastSessionChannel()
                            && requested.matches(session) && !sessions.contains(Long.toString(session))) {
                        sessions.add(Long.toString(session));
                    }
                }
                return sessions;
            }
        }
    }

    private static long rowChannel(long channel, List<ChannelBinding> channels) {
        for (ChannelBinding binding : channels) {
            long session = channel - binding.firstDataChannel() + binding.firstSessionChannel();
            if (session >= binding.firstSessionChannel() && session <= binding.lastSessionChannel()) {
                return session;
            }
        }
        throw new IllegalStateException("row channel " + channel + " unbound");
    }

    /** Samples by channel, each channel's in order. */
    static Map<String, List<Sample>> byChannel(List<Sample> samples) {
        Map<String, List<Sample>> channels = new LinkedHashMap<>();
        for (Sample sample : samples) {
            channels.computeIfAbsent(sample.channel(), key -> new ArrayList<>()).add(sample);
        }
        return channels;
    }
}
