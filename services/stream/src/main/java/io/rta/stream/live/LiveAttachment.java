package io.rta.stream.live;

import java.util.function.Predicate;

/** One client's attachment to a live session; closing it detaches the listener. */
public interface LiveAttachment extends AutoCloseable {

    /**
     * The data between what the REST API already serves and the leading edge (widened by the configured back-scan),
     * restricted to {@code wanted}. Called when a subscription widens, after the widened subscription already applies
     * to live items, so back-fill and live together leave no gap (they may overlap). The cursor is pulled lazily
     * by the connection's sender, so a long back-fill is paced by the client.
     */
    Backfill backfill(Predicate<LiveData> wanted);

    @Override
    void close();
}
