package io.rta.stream.kafka;

import io.rta.stream.live.LiveData;
import io.rta.stream.live.LiveListener;
import java.util.ArrayList;
import java.util.List;

/** Test listener: remembers every call as a line ("session ...", "range s..e", "data <endTime>", "end reason"). */
class RecordingListener implements LiveListener {

    private final List<String> calls = new ArrayList<>();

    @Override
    public synchronized void session(String json) {
        calls.add("session " + json);
    }

    @Override
    public synchronized void timeRange(long startTime, long endTime) {
        calls.add("range " + startTime + ".." + endTime);
    }

    @Override
    public synchronized void data(LiveData item) {
        calls.add("data " + item.endTime());
    }

    @Override
    public synchronized void end(String reason) {
        calls.add("end " + reason);
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The calls so far, then forgets them. */
    synchronized List<String> take() {
        List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }
}
