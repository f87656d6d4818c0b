package io.rta.stream.protocol;

import io.rta.stream.live.LiveData;
import java.util.function.Predicate;

/**
 * What one or more successive widenings of a subscription added: the items the subscription matches after them and
 * did not match before them. A subscription only ever widens, so two successive widenings together added exactly
 * what lies between the first one's "before" and the second one's "after" ({@link #then}): however many a client
 * sends, the back-fill still pending covers all of them with one cheap test per item.
 */
public final class Widening implements Predicate<LiveData> {

    private final Subscription.Mask before;
    private final Subscription.Mask after;

    Widening(Subscription.Mask before, Subscription.Mask after) {
        this.before = before;
        this.after = after;
    }

    @Override
    public boolean test(LiveData item) {
        return after.matches(item) && !before.matches(item);
    }

    /** This widening followed by {@code later} (which must come after it on the same subscription). */
    public Widening then(Widening later) {
        return new Widening(before, later.after);
    }
}
