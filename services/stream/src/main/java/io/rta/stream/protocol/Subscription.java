package io.rta.stream.protocol;

import io.rta.proto.model.net.stream.StreamSubscription;
import io.rta.stream.live.LiveData;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What one client subscribed to. The protocol only ever widens a subscription (there is no unsubscribe), so each
 * {@link #widen} can tell exactly what it added: that is what needs back-fill, since everything subscribed before
 * has been flowing (and was back-filled) already.
 *
 * <p>{@link #matches} runs on the sources' threads while {@link #widen} runs on the connection's reader: the state is
 * an immutable snapshot swapped atomically, so matching takes no lock.
 */
public final class Subscription {

    private volatile Mask mask = Mask.NOTHING;

    /** Whether the client wants this live item. A row matches when any of its channels is subscribed. */
    public boolean matches(LiveData item) {
        return mask.matches(item);
    }

    /**
     * Adds {@code request} to the subscription; from the return on, {@link #matches} applies the wider mask.
     *
     * @return the items the new mask matches and the old one did not (for back-fill), or empty when the request added
     *         nothing
     */
    public synchronized Optional<Predicate<LiveData>> widen(StreamSubscription request) {
        Mask before = mask;
        Mask after = before.plus(request);
        if (after.equals(before)) {
            return Optional.empty();
        }
        mask = after;
        return Optional.of(item -> after.matches(item) && !before.matches(item));
    }

    /** Events, all channels, or a sorted set of channel ids (uint32 ids kept in their int bits). */
    private record Mask(boolean allEvents, boolean allData, int[] channels) {

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

        private static int[] union(int[] sorted, int[] added) {
            int[] all = Arrays.copyOf(sorted, sorted.length + added.length);
            System.arraycopy(added, 0, all, sorted.length, added.length);
            return Arrays.stream(all).sorted().distinct().toArray();
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
