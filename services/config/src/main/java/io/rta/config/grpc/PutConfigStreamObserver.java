package io.rta.config.grpc;

import com.google.protobuf.Empty;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rta.config.validation.InvalidConfigException;
import io.rta.proto.toolkit.config.ConfigStreamMessage;
import io.rta.proto.toolkit.config.ConfigStreamMessage.ConfigInfo;
import io.rta.topology.limits.InputLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one PutConfigStream call: assembles it, rejects bad input as soon as it shows, and publishes only when the
 * client completes the stream (a cancelled or failed stream writes nothing).
 */
final class PutConfigStreamObserver implements StreamObserver<ConfigStreamMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(PutConfigStreamObserver.class);

    private final ConfigStreamAssembler assembler;
    private final ConfigPublisher publisher;
    private final ServerCallStreamObserver<Empty> response;
    private boolean finished;

    PutConfigStreamObserver(ConfigStreamAssembler assembler, ConfigPublisher publisher,
                            ServerCallStreamObserver<Empty> response) {
        this.assembler = assembler;
        this.publisher = publisher;
        this.response = response;
    }

    @Override
    public void onNext(ConfigStreamMessage message) {
        if (finished) {
            return;
        }
        try {
            assembler.accept(message);
            if (message.hasInfo()) {
                publisher.validator().validateInfo(message.getInfo().getIdentifier(),
                        message.getInfo().getContentType());
            }
        } catch (InvalidConfigException e) {
            reject(e);
        }
    }

    @Override
    public void onError(Throwable t) {
        finished = true;
        assembler.discard();
        LOG.debug("PutConfigStream for config '{}' ended by the client; nothing stored: {}",
                InputLimits.excerpt(assembler.identifier()), t.toString());
    }

    @Override
    public void onCompleted() {
        if (finished) {
            return;
        }
        finished = true;
        byte[] data;
        try {
            data = assembler.finish();
        } catch (InvalidConfigException e) {
            reject(e);
            return;
        }
        if (response.isCancelled()) {
            LOG.debug("PutConfigStream for config '{}' cancelled after completing; nothing stored",
                    assembler.identifier());
            return;
        }
        ConfigInfo info = assembler.info();
        publisher.publish(info.getIdentifier(), info.getContentType(), data, response);
    }

    private void reject(InvalidConfigException e) {
        finished = true;
        assembler.discard();
        LOG.debug("rejected PutConfigStream for config '{}': {}", InputLimits.excerpt(assembler.identifier()),
                e.getMessage());
        response.onError(ConfigStatuses.invalidArgument(e));
    }
}
