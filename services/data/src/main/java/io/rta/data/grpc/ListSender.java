package io.rta.data.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.rta.data.DataRoute;
import io.rta.data.DataUnavailableException;
import io.rta.data.api.PayloadDecoder;
import io.rta.service.errors.GrpcErrors;
import io.rta.topology.data.StoredChunk;
import io.rta.data.remote.OwnerClient;
import io.rta.service.auth.BearerAuthInterceptor;
import io.rta.topology.data.codec.ChunkStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one gRPC read: unpacks each chunk to its {@code *DataList} and sends it when the transport is ready, so a
 * big read holds one chunk in memory, not the response.
 */
final class ListSender<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ListSender.class);

    private final ServerCallStreamObserver<T> call;
    private final Parser<T> parser;
    private final PayloadDecoder decoder;
    private final ReadyGate gate;
    private final OwnerClient owners;
    private final String authorization;

    /** Must be created inside the service method, where gRPC still accepts the handlers. */
    ListSender(ServerCallStreamObserver<T> call, Parser<T> parser, PayloadDecoder decoder, OwnerClient owners,
               Duration idleTimeout) {
        // the caller's token, for a relay to the owner (read here: the gRPC context is the call's thread's)
        this.authorization = BearerAuthInterceptor.AUTHORIZATION_VALUE.get();
        this.call = call;
        this.owners = owners;
        this.parser = parser;
        this.decoder = decoder;
        this.gate = new ReadyGate(call, idleTimeout);
        call.setOnReadyHandler(gate::ready);
        call.setOnCancelHandler(gate::cancel);
    }

    /** Runs the read on the calling thread (a reader thread: it blocks while the client is slow). */
    void send(DataRoute route) {
        try {
            if (route.isLocal()) {
                route.local().read(route.read(), this::sendChunk);
            } else {
                relay(route);
            }
            call.onCompleted();
        } catch (ReadyGate.CancelledException e) {
            LOG.debug("read of '{}' cancelled by the client", route.read().dataIdentity());
        } catch (ReadyGate.IdleException e) {
            // the store iterator (or the owner's stream) is closed by now; the status is queued behind what the
            // client has not taken, and the transport drops both when the client goes away
            // data identities are private: never at INFO
            LOG.info("a data read ended: {}", e.getMessage());
            LOG.debug("the read that ended was of '{}'", route.read().dataIdentity());
            call.onError(Status.DEADLINE_EXCEEDED.withDescription(e.getMessage()).asRuntimeException());
        } catch (DataUnavailableException e) {
            call.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
        } catch (StatusRuntimeException e) {
            call.onError(e);
        } catch (IOException | RuntimeException e) {
            if (!gate.isCancelled()) {
                call.onError(GrpcErrors.toStatus(e));
            }
        }
    }

    /** Reads the owner's REST stream (the same chunks) and re-emits each chunk as a list. */
    private void relay(DataRoute route) throws IOException {
        HttpResponse<InputStream> answer = owners.get(route.owner(), OwnerPaths.restPath(route.read()),
                authorization);
        try (InputStream body = answer.body()) {
            if (answer.statusCode() != 200) {
                String message = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
                throw new DataUnavailableException("the owner " + route.owner().host() + ":"
                        + route.owner().port() + " of the data answered " + answer.statusCode() + ": " + message);
            }
            ChunkStreamReader chunks = new ChunkStreamReader(body);
            for (StoredChunk chunk = chunks.read(); chunk != null; chunk = chunks.read()) {
                sendChunk(chunk);
            }
        }
    }

    private void sendChunk(StoredChunk chunk) throws IOException {
        T list = decode(chunk);
        gate.awaitReady();
        call.onNext(list);
    }

    private T decode(StoredChunk chunk) {
        try {
            return parser.parseFrom(decoder.decode(chunk));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw Status.DATA_LOSS.withDescription("a stored chunk (" + chunk.startTime() + ".." + chunk.endTime()
                    + ") could not be decoded: " + e.getMessage()).withCause(e).asRuntimeException();
        }
    }
}
