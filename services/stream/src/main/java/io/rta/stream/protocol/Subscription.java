package io.rta.stream.protocol;

import io.rta.proto.model.net.stream.StreamSubscription;
import io.rta.stream.live.LiveData;
import io.rta.topology.limits.InputLimits;
import java.util.Arrays;
import java.util.Optional;

/**
 * What one client subscribed to. The protocol only ever widens a subscription (there is no unsubscribe), so each
 * {@link #widen} can tell exactly what it added: that is what needs back-fill, since everything subscribed before
 * has been flowing (and was back-filled) already.
 *
 * <p>{@link #matches} runs on the sources' threads while {@link #widen} runs on the connection's reader: the state is
 * an immutable snapshot swapped atomically, so matching takes no lock.
 *
 * <p>The channel ids one request names, and those subscribed in total, are bounded ({@code MaxSubscriptionChannels}):
 * a widening costs a sort of what it adds and a linear merge with what is there.
 */
public final class Subscription {

    private final int maxChannels;
    private volatile Mask mask = Mask.NOTHING;

    /** With the default limit on channel ids (tests). */
    public Subscription() {
        this(InputLimits.DEFAULT_MAX_SUBSCRIPTION_CHANNELS);
    }

    /** @param maxChannels channel ids one request may name and the subscription may hold */
    public Subscription(int maxChannels) {
        this.maxChannels = maxChannels;
    }

    /** Whether the client wants this live item. A row matches when any of its channels is subscribed. */
    public boolean matches(LiveData item) {
        return mask.matches(item);
    }

    /**
     * Adds {@code request} to the subscription; from the return on, {@link #matches} applies the wider mask.
     *
     * @return the items the new mask matches and the old one did not (for back-fill), or empty when the request added
     *         nothing
     * @throws SubscriptionLimitException when the request, or the subscription with it, names more channel ids than
     *                                    allowed (the subscription is left as it was)
     */
    public synchronized Optional<Widening> widen(StreamSubscription request) throws SubscriptionLimitException {
        int named = request.getDataChannelIdsCount();
        if (named > maxChannels) {
            throw new SubscriptionLimitException(InputLimits.exceeded("StreamSubscription data_channel_ids count",
                    named, maxChannels, InputLimits.MAX_SUBSCRIPTION_CHANNELS));
        }
        Mask before = mask;
        Mask after = before.plus(request);
        if (after.channels().length > maxChannels) {
            throw new SubscriptionLimitException(InputLimits.exceeded("subscribed channel count",
                    after.channels().length, maxChannels, InputLimits.MAX_SUBSCRIPTION_CHANNELS));
        }
        if (after.equals(before)) {
            return Optional.empty();
        }
        mask = after;
        return Optional.of(new Widening(before, after));
    }

    /** Events, all channels, or a sorted set of channel ids (uint32 ids kept in their int bits). */
    record Mask(boolean allEvents, boolean allData, int[] channels) {

        static final Mask NOTHING = new Mask(false, false, new int[0]);

        boolean matches(LiveData item) {
            if (item.event()) {
                return allEvents;
            }
            if (allData) {
                return true;
            }
            for (int channel : item.channelIds()) {
                if (Arrays.binarySearch(channels, channel) >= 0) {
                    return true;
                }
            }
            return false;
        }

        Mask plus(StreamSubscription request) {
            boolean data = allData || request.getAllDataChannels();
            int[] merged = data ? new int[0] : union(channels, request.getDataChannelIdsList().stream()
                    .mapToInt(Integer::intValue).toArray());
            return new Mask(allEvents || request.getAllEvents(), data, merged);
        }

        /** Sorts only what is added, then merges: linear in what is already subscribed. */
        private static int[] union(int[] sorted, int[] added) {
            if (added.length == 0) {
                return sorted;
            }
            int[] adding = added.clone();
            Arrays.sort(adding);
            int[] all = new int[sorted.length + adding.length];
            int n = 0;
            int i = 0;
            int j = 0;
            while (i < sorted.length || j < adding.length) {
                int next = j == adding.length || i < sorted.length && sorted[i] <= adding[j] ? sorted[i++] : adding[j++];
                if (n == 0 || all[n - 1] != next) {
                    all[n++] = next;
                }
            }
            return n == all.length ? all : Arrays.copyOf(all, n);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Mask mask && allEvents == mask.allEvents && allData == mask.allData
                    && Arrays.equals(channels, mask.channels);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Boolean.hashCode(allEvents) + Boolean.hashCode(allData)) + Arrays.hashCode(channels);
        }
    }
}
