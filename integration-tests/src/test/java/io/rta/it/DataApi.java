package io.rta.it;

import com.google.protobuf.Int64Value;
import io.grpc.Channel;
import io.rta.it.data.ChunkedWireDecoder;
import io.rta.it.data.ChunkedWireDecoder.DecodedChunk;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.proto.toolkit.data.DataReaderGrpc;
import io.rta.proto.toolkit.data.ReadChannelDataStreamRequest;
import io.rta.proto.toolkit.data.ReadDataStreamRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads of the Data API over REST (bodies decoded only by {@link ChunkedWireDecoder}) and gRPC ({@code DataReader}),
 * against one server instance.
 */
final class DataApi {

    static final String CHUNKED = "application/vnd.mat.protobuf+chunked";
    static final String ALL = "0-";

    private final Http http;
    private final Channel channel;

    DataApi(Http http, Channel channel) {
        this.http = http;
        this.channel = channel;
    }

    static DataApi of(TestServer server) {
        return new DataApi(server.http(), server.channel());
    }

    /** {@code /rta/v2/sessions/{identity}/data/{kind}[/{channels}]?start=&end=} with null for an omitted part. */
    static String path(String identity, String kind, String channels, Long start, Long end) {
        StringBuilder path = new StringBuilder("/rta/v2/sessions/").append(Http.encode(identity)).append("/data/")
                .append(kind);
        if (channels != null) {
            path.append('/').append(channels);
        }
        String separator = "?";
        if (start != null) {
            path.append(separator).append("start=").append(start);
            separator = "&";
        }
        if (end != null) {
            path.append(separator).append("end=").append(end);
        }
        return path.toString();
    }

    HttpResponse<byte[]> get(String identity, String kind, String channels, Long start, Long end) {
        return http.get(path(identity, kind, channels, start, end));
    }

    /** The 200 body of a read of every channel (or of the events). */
    byte[] body(String identity, String kind) {
        return Http.ok(get(identity, kind, kind.equals("events") ? null : ALL, null, null)).body();
    }

    /**
     * Like {@link #body}, retrying while the server answers 503 (Retry-After: its chunk store is restoring or
     * ownership is moving, as after a restart) for at most {@code patience}.
     */
    byte[] bodyWhenAvailable(String identity, String kind, Duration patience) {
        String path = path(identity, kind, kind.equals("events") ? null : ALL, null, null);
        long deadline = System.nanoTime() + patience.toNanos();
        HttpResponse<byte[]> response = http.get(path);
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(250));
            response = http.get(path);
        }
        return Http.ok(response).body();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<DecodedChunk<PeriodicDataList>> periodic(String identity, String channels, Long start, Long end) {
        return decode(() -> ChunkedWireDecoder.periodic(ok(identity, "periodic", channels, start, end)));
    }

    List<DecodedChunk<TimestampedDataList>> timestamped(String identity, String channels, Long start, Long end) {
        return decode(() -> ChunkedWireDecoder.timestamped(ok(identity, "timestamped", channels, start, end)));
    }

    List<DecodedChunk<RowDataList>> row(String identity, String channels, Long start, Long end) {
        return decode(() -> ChunkedWireDecoder.row(ok(identity, "row", channels, start, end)));
    }

    List<DecodedChunk<EventsList>> events(String identity, Long start, Long end) {
        return decode(() -> ChunkedWireDecoder.events(ok(identity, "events", null, start, end)));
    }

    List<PeriodicDataList> grpcPeriodic(String identity, String channels, Long start, Long end) {
        return drain(reader().readPeriodicDataStream(channelRequest(identity, channels, start, end)));
    }

    List<TimestampedDataList> grpcTimestamped(String identity, String channels, Long start, Long end) {
        return drain(reader().readTimestampedDataStream(channelRequest(identity, channels, start, end)));
    }

    List<RowDataList> grpcRow(String identity, String channels, Long start, Long end) {
        return drain(reader().readRowDataStream(channelRequest(identity, channels, start, end)));
    }

    List<EventsList> grpcEvents(String identity, Long start, Long end) {
        ReadDataStreamRequest.Builder request = ReadDataStreamRequest.newBuilder().setDataIdentity(identity);
        if (start != null) {
            request.setStartTime(Int64Value.of(start));
        }
        if (end != null) {
            request.setEndTime(Int64Value.of(end));
        }
        return drain(reader().readEventsStream(request.build()));
    }

    static ReadChannelDataStreamRequest channelRequest(String identity, String channels, Long start, Long end) {
        ReadChannelDataStreamRequest.Builder request = ReadChannelDataStreamRequest.newBuilder()
                .setDataIdentity(identity).setChannels(channels);
        if (start != null) {
            request.setStartTime(Int64Value.of(start));
        }
        if (end != null) {
            request.setEndTime(Int64Value.of(end));
        }
        return request.build();
    }

    DataReaderGrpc.DataReaderBlockingStub reader() {
        return DataReaderGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private byte[] ok(String identity, String kind, String channels, Long start, Long end) {
        return Http.ok(get(identity, kind, channels, start, end)).body();
    }

    private static <T> List<T> drain(Iterator<T> lists) {
        List<T> all = new ArrayList<>();
        lists.forEachRemaining(all::add);
        return all;
    }

    private interface Decoding<T> {
        T run() throws IOException;
    }

    private static <T> T decode(Decoding<T> decoding) {
        try {
            return decoding.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the response is not a valid " + CHUNKED + " stream", e);
        }
    }
}
