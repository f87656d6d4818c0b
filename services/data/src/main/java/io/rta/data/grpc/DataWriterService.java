package io.rta.data.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rta.data.api.BatchPublisher;
import io.rta.service.write.ReadabilityTracker;
import io.rta.proto.toolkit.data.DataWriterGrpc;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.data.WriteDataStreamResponseMessage;
import java.util.concurrent.ScheduledExecutorService;

/** The toolkit {@code DataWriter} gRPC service: each call packs bursts into {@code rta.telemetry} records. */
public final class DataWriterService extends DataWriterGrpc.DataWriterImplBase {

    private final BatchPublisher publisher;
    private final ReadabilityTracker readability;
    private final WriterLimits limits;
    private final ScheduledExecutorService timer;
    private final WriteMetrics metrics;

    /** With meters nobody serves: for tests. */
    public DataWriterService(BatchPublisher publisher, ReadabilityTracker readability, WriterLimits limits,
                             ScheduledExecutorService timer) {
        this(publisher, readability, limits, timer, WriteMetrics.unserved());
    }

    /**
     * @param timer runs lingers, timeouts and Kafka callbacks; short tasks only
     * @param metrics throughput, write-to-readable latency and flush wait of every stream
     */
    public DataWriterService(BatchPublisher publisher, ReadabilityTracker readability, WriterLimits limits,
                             ScheduledExecutorService timer, WriteMetrics metrics) {
        this.publisher = publisher;
        this.readability = readability;
        this.limits = limits;
        this.timer = timer;
        this.metrics = metrics;
    }

    @Override
    public StreamObserver<WriteDataStreamMessage> writeDataStream(
            StreamObserver<WriteDataStreamResponseMessage> response) {
        WriteStream stream = new WriteStream(publisher, readability, limits, timer, metrics,
                (ServerCallStreamObserver<WriteDataStreamResponseMessage>) response);
        stream.start();
        return stream;
    }
}
