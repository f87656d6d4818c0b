package io.rta.config.grpc;

import com.google.protobuf.Empty;
import io.grpc.stub.StreamObserver;
import io.rta.config.api.ConfigWriter;
import io.rta.config.validation.ConfigValidator;
import io.rta.config.validation.InvalidConfigException;
import io.rta.topology.limits.InputLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one way PutConfig and PutConfigStream store a config: validate, then publish unless it exists. */
final class ConfigPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigPublisher.class);

    private final ConfigWriter writer;
    private final ConfigValidator validator;

    ConfigPublisher(ConfigWriter writer, ConfigValidator validator) {
        this.writer = writer;
        this.validator = validator;
    }

    ConfigValidator validator() {
        return validator;
    }

    /** Publishes a valid config and answers {@code response}; bad input is answered INVALID_ARGUMENT, unwritten. */
    void publish(String identifier, String contentType, byte[] data, StreamObserver<Empty> response) {
        try {
            validator.validate(identifier, contentType, data);
        } catch (InvalidConfigException e) {
            LOG.debug("rejected config '{}': {}", InputLimits.excerpt(identifier), e.getMessage());
            response.onError(ConfigStatuses.invalidArgument(e));
            return;
        }
        WriteResponses.respondWhenDone("store", identifier,
                () -> writer.publish(identifier, contentType, data),
                stored -> logOutcome(identifier, contentType, data.length, stored),
                response);
    }

    private static void logOutcome(String identifier, String contentType, int size, boolean stored) {
        if (stored) {
            LOG.info("stored config '{}' ({}, {} bytes)", identifier, contentType, size);
        } else {
            LOG.debug("config '{}' already exists; kept the stored one", identifier);
        }
    }
}
