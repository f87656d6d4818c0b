package io.rta.stream.redis;

import io.rta.stream.live.LiveData;
import io.rta.stream.live.LiveListener;
import java.util.ArrayList;
import java.util.List;

/** Records every call a source makes, in order; safe to read from the test thread while a source calls it. */
final class RecordingListener implements LiveListener {

    sealed interface Call permits Session, Range, Data, End {
    }

    record Session(String json) implements Call {
    }

    record Range(long start, long end) implements Call {
    }

    record Data(LiveData item) implements Call {
    }

    record End(String reason) implements Call {
    }

    private final List<Call> calls = new ArrayList<>();

    @Override
    public synchronized void session(String json) {
        calls.add(new Session(json));
    }

    @Override
    public synchronized void timeRange(long startTime, long endTime) {
        calls.add(new Range(startTime, endTime));
    }

    @Override
    public synchronized void data(LiveData item) {
        calls.add(new Data(item));
    }

    @Override
    public synchronized void end(String reason) {
        calls.add(new End(reason));
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    <T extends Call> List<T> calls(Class<T> type) {
        return calls().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The end times of the data items received, in order (tests give each item a distinct time). */
    List<Long> dataTimes() {
        List<Long> times = new ArrayList<>();
        for (Data data : calls(Data.class)) {
            times.add(data.item().endTime());
        }
        return times;
    }
}
