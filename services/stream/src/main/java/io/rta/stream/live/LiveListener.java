package io.rta.stream.live;

/** What a source tells one attached client. Implementations only queue: they never block the source's thread. */
public interface LiveListener {

    /** The session JSON (the first call after attaching carries the current one; later calls, updates). */
    void session(String json);

    /** The session's time range moved (start and end inclusive, ns since the Unix epoch); at most about 10 Hz. */
    void timeRange(long startTime, long endTime);

    /** One live event or data item of the session, whatever the client subscribed to. */
    void data(LiveData item);

    /**
     * The session stopped being streamable: it closed (its final JSON came first through {@link #session}), was
     * deleted, or the source stopped. The connection finishes sending and closes normally with this reason.
     */
    void end(String reason);
}
