package io.rta.config.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.stub.ServerCallStreamObserver;
import io.rta.config.api.StoredConfig;
import io.rta.proto.toolkit.config.ConfigStreamMessage;
import io.rta.proto.toolkit.config.ConfigStreamMessage.ConfigInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one config over GetConfigStream, info first and then pieces, only while the transport is ready: the pieces
 * are views of the stored bytes, so a large config is never queued or copied whole.
 */
final class ConfigPieceSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigPieceSender.class);

    private final ServerCallStreamObserver<ConfigStreamMessage> call;
    private final String identifier;
    private final StoredConfig config;
    private final int pieceBytes;
    private boolean infoSent;
    private int offset;
    private boolean done;

    private ConfigPieceSender(ServerCallStreamObserver<ConfigStreamMessage> call, String identifier,
                              StoredConfig config, int pieceBytes) {
        this.call = call;
        this.identifier = identifier;
        this.config = config;
        this.pieceBytes = pieceBytes;
    }

    /** Starts sending; must run inside the service method, where gRPC still accepts the handlers. */
    static void start(ServerCallStreamObserver<ConfigStreamMessage> call, String identifier, StoredConfig config,
                      int pieceBytes) {
        ConfigPieceSender sender = new ConfigPieceSender(call, identifier, config, pieceBytes);
        call.setOnCancelHandler(sender::cancel);
        call.setOnReadyHandler(sender);
        sender.run();
    }

    @Override
    public synchronized void run() {
        while (!done && call.isReady()) {
            call.onNext(nextMessage());
            if (infoSent && offset == config.size()) {
                done = true;
                call.onCompleted();
            }
        }
    }

    private synchronized void cancel() {
        if (!done) {
            done = true;
            LOG.debug("GetConfigStream for config '{}' cancelled by the client after {} of {} bytes",
                    identifier, offset, config.size());
        }
    }

    private ConfigStreamMessage nextMessage() {
        if (!infoSent) {
            infoSent = true;
            return ConfigStreamMessage.newBuilder()
                    .setInfo(ConfigInfo.newBuilder().setIdentifier(identifier).setContentType(config.contentType()))
                    .build();
        }
        int length = Math.min(pieceBytes, config.size() - offset);
        // stored bytes are never modified, so the piece may alias them
        ConfigStreamMessage piece = ConfigStreamMessage.newBuilder()
                .setPiece(UnsafeByteOperations.unsafeWrap(config.data(), offset, length))
                .build();
        offset += length;
        return piece;
    }
}
