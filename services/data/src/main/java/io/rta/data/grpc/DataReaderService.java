package io.rta.data.grpc;

import com.google.protobuf.Int64Value;
import com.google.protobuf.Parser;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rta.data.DataQuery;
import io.rta.data.DataReads;
import io.rta.data.DataRoute;
import io.rta.data.DataUnavailableException;
import io.rta.data.api.PayloadDecoder;
import io.rta.data.remote.OwnerClient;
import io.rta.proto.model.data.EventsList;
import io.rta.proto.model.data.PeriodicDataList;
import io.rta.proto.model.data.RowDataList;
import io.rta.proto.model.data.TimestampedDataList;
import io.rta.proto.toolkit.data.DataReaderGrpc;
import io.rta.proto.toolkit.data.ReadChannelDataStreamRequest;
import io.rta.proto.toolkit.data.ReadDataStreamRequest;
import io.rta.service.auth.Access;
import io.rta.service.errors.GrpcErrors;
import io.rta.topology.data.DataKind;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The toolkit {@code DataReader} gRPC service: the same reads as the REST Data API, answered as {@code *DataList}
 * messages (one per stored chunk) with transport back-pressure.
 */
public final class DataReaderService extends DataReaderGrpc.DataReaderImplBase {

    /** How long a read waits for a client that takes nothing, unless configured ({@code IdleReadTimeout}). */
    public static final Duration DEFAULT_IDLE_READ_TIMEOUT = Duration.ofSeconds(30);

    private final DataReads reads;
    private final PayloadDecoder decoder;
    private final Executor readers;
    private final OwnerClient owners;
    private final Duration idleReadTimeout;

    /**
     * @param readers runs the reads; each blocks a thread while its client is slow, so it should not be bounded low
     * @param owners relays reads of data another instance owns (through the owner's REST stream)
     */
    public DataReaderService(DataReads reads, PayloadDecoder decoder, Executor readers, OwnerClient owners) {
        this(reads, decoder, readers, owners, DEFAULT_IDLE_READ_TIMEOUT);
    }

    /**
     * @param idleReadTimeout how long a read waits for a client that takes nothing before it is ended with
     *     {@code DEADLINE_EXCEEDED}, releasing its thread and store iterator
     */
    public DataReaderService(DataReads reads, PayloadDecoder decoder, Executor readers, OwnerClient owners,
                             Duration idleReadTimeout) {
        this.owners = owners;
        this.reads = reads;
        this.decoder = decoder;
        this.readers = readers;
        this.idleReadTimeout = idleReadTimeout;
    }

    @Override
    public void readTimestampedDataStream(ReadChannelDataStreamRequest request,
                                          StreamObserver<TimestampedDataList> response) {
        read(query(request, DataKind.TIMESTAMPED), TimestampedDataList.parser(), response);
    }

    @Override
    public void readPeriodicDataStream(ReadChannelDataStreamRequest request,
                                       StreamObserver<PeriodicDataList> response) {
        read(query(request, DataKind.PERIODIC), PeriodicDataList.parser(), response);
    }

    @Override
    public void readRowDataStream(ReadChannelDataStreamRequest request, StreamObserver<RowDataList> response) {
        read(query(request, DataKind.ROW), RowDataList.parser(), response);
    }

    @Override
    public void readEventsStream(ReadDataStreamRequest request, StreamObserver<EventsList> response) {
        read(new DataQuery(request.getDataIdentity(), DataKind.EVENTS, null,
                time(request.hasStartTime(), request.getStartTime()),
                time(request.hasEndTime(), request.getEndTime())), EventsList.parser(), response);
    }

    private <T> void read(DataQuery query, Parser<T> parser, StreamObserver<T> response) {
        ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) response;
        DataRoute route;
        try {
            route = reads.route(query, false, Access.current());
        } catch (DataUnavailableException e) {
            call.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            call.onError(GrpcErrors.toStatus(e));
            return;
        }
        ListSender<T> sender = new ListSender<>(call, parser, decoder, owners, idleReadTimeout);
        try {
            readers.execute(() -> sender.send(route));
        } catch (RejectedExecutionException e) {
            call.onError(Status.UNAVAILABLE.withDescription("the service is shutting down").asRuntimeException());
        }
    }

    private static DataQuery query(ReadChannelDataStreamRequest request, DataKind kind) {
        return new DataQuery(request.getDataIdentity(), kind, request.getChannels(),
                time(request.hasStartTime(), request.getStartTime()), time(request.hasEndTime(), request.getEndTime()));
    }

    private static Long time(boolean present, Int64Value value) {
        return present ? value.getValue() : null;
    }
}
