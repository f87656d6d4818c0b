package io.rta.stream.redis;

import com.google.protobuf.ByteString;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.model.net.stream.StreamData;

/** Small stream items for tests: each carries a distinct time, which {@code LiveData.endTime()} reports back. */
final class Telemetry {

    private Telemetry() {
    }

    /** One sample of channel 1 at {@code time}. */
    static StreamData sample(long time) {
        return StreamData.newBuilder().setTimestampedData(TimestampedData.newBuilder().setChannelId(1)
                .setStartTimestamp(time).setTimestampDeltasScale(1).addTimestampDeltas(0)
                .setBuffer(ByteString.copyFrom(new byte[8]))).build();
    }

    static StreamData event(long time) {
        return StreamData.newBuilder().setEvent(Event.newBuilder().setEventDefinitionId(1).setTimestamp(time))
                .build();
    }

    static String sessionJson(String identity, String state) {
        return "{\"identity\":\"" + identity + "\",\"state\":\"" + state + "\",\"timeRange\":{\"startTime\":0,"
                + "\"endTime\":0}}";
    }
}
