package io.rta.config.grpc;

import com.google.protobuf.BoolValue;
import com.google.protobuf.Empty;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rta.config.api.ConfigAccess;
import io.rta.config.api.ConfigReader;
import io.rta.config.api.ConfigWriter;
import io.rta.config.api.StoredConfig;
import io.rta.config.validation.ConfigValidator;
import io.rta.config.validation.InvalidConfigException;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.ConfigStreamMessage;
import io.rta.proto.toolkit.config.DeleteConfigRequest;
import io.rta.proto.toolkit.config.GetConfigRequest;
import io.rta.proto.toolkit.config.GetConfigResponse;
import io.rta.proto.toolkit.config.HasConfigRequest;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.service.auth.Access;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The toolkit {@code ConfigStore} gRPC service: reads answer from the view, writes validate and then publish, and
 * every write RPC completes from its future's callback.
 */
public final class ConfigStoreService extends ConfigStoreGrpc.ConfigStoreImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigStoreService.class);

    private final ConfigReader reader;
    private final ConfigWriter writer;
    private final ConfigValidator validator;
    private final ConfigStoreLimits limits;
    private final ConfigPublisher publisher;
    private final ConfigAccess access;

    /** Readable by anyone (tests). */
    public ConfigStoreService(ConfigReader reader, ConfigWriter writer, ConfigValidator validator,
                              ConfigStoreLimits limits) {
        this(reader, writer, validator, limits, ConfigAccess.ANY);
    }

    /** @param access which configs a caller may read: the others are NOT_FOUND (HasConfig false) */
    public ConfigStoreService(ConfigReader reader, ConfigWriter writer, ConfigValidator validator,
                              ConfigStoreLimits limits, ConfigAccess access) {
        this.access = access;
        this.reader = reader;
        this.writer = writer;
        this.validator = validator;
        this.limits = limits;
        this.publisher = new ConfigPublisher(writer, validator);
    }

    @Override
    public void putConfig(PutConfigRequest request, StreamObserver<Empty> response) {
        try {
            validator.validateIdentifier(request.getIdentifier());
        } catch (InvalidConfigException e) {
            response.onError(ConfigStatuses.invalidArgument(e));
            return;
        }
        if (request.getData().size() > limits.maxUnaryResponseBytes()) {
            response.onError(io.grpc.Status.INVALID_ARGUMENT.withDescription("data: config '"
                    + request.getIdentifier() + "' is " + request.getData().size() + " bytes; PutConfig accepts at most "
                    + limits.maxUnaryResponseBytes() + " bytes, use PutConfigStream for larger configs")
                    .asRuntimeException());
            return;
        }
        publisher.publish(request.getIdentifier(), request.getContentType(), request.getData().toByteArray(),
                response);
    }

    @Override
    public StreamObserver<ConfigStreamMessage> putConfigStream(StreamObserver<Empty> response) {
        return new PutConfigStreamObserver(new ConfigStreamAssembler(limits.maxConfigBytes()), publisher,
                (ServerCallStreamObserver<Empty>) response);
    }

    @Override
    public void hasConfig(HasConfigRequest request, StreamObserver<BoolValue> response) {
        read(request.getIdentifier(), response, id -> BoolValue.of(access.mayRead(id, Access.current())
                && reader.contains(id)))
                .ifPresent(found -> respond(response, found));
    }

    @Override
    public void getConfig(GetConfigRequest request, StreamObserver<GetConfigResponse> response) {
        read(request.getIdentifier(), response, id -> unaryResponse(id, find(id)))
                .ifPresent(config -> respond(response, config));
    }

    @Override
    public void getConfigStream(GetConfigRequest request, StreamObserver<ConfigStreamMessage> response) {
        String identifier = request.getIdentifier();
        read(identifier, response, this::find).ifPresent(config -> ConfigPieceSender.start(
                (ServerCallStreamObserver<ConfigStreamMessage>) response, identifier, config, limits.pieceBytes()));
    }

    @Override
    public void deleteConfig(DeleteConfigRequest request, StreamObserver<Empty> response) {
        String identifier = request.getIdentifier();
        try {
            validator.validateIdentifier(identifier);
        } catch (InvalidConfigException e) {
            response.onError(ConfigStatuses.invalidArgument(e));
            return;
        }
        WriteResponses.respondWhenDone("delete", identifier, () -> writer.delete(identifier),
                ignored -> LOG.info("deleted config '{}' (if it existed)", identifier), response);
    }

    private StoredConfig find(String identifier) {
        return (access.mayRead(identifier, Access.current()) ? reader.get(identifier) : Optional.<StoredConfig>empty())
                .orElseThrow(() -> ConfigStatuses.notFound(identifier));
    }

    /** A GetConfig response, unless it would be bigger than clients accept by default. */
    private GetConfigResponse unaryResponse(String identifier, StoredConfig config) {
        GetConfigResponse response = GetConfigResponse.newBuilder()
                .setContentType(config.contentType())
                .setData(UnsafeByteOperations.unsafeWrap(config.data()))
                .build();
        if (response.getSerializedSize() > limits.maxUnaryResponseBytes()) {
            throw Status.RESOURCE_EXHAUSTED.withDescription("config '" + identifier + "' is " + config.size()
                    + " bytes, too big for GetConfig (responses are limited to " + limits.maxUnaryResponseBytes()
                    + " bytes); call GetConfigStream instead").asRuntimeException();
        }
        return response;
    }

    /**
     * Runs a read of the view for one identifier, or answers the failure: INVALID_ARGUMENT for a blank identifier,
     * the status a lookup throws (NOT_FOUND...), UNAVAILABLE when the view cannot be read.
     *
     * @return the result, or empty when {@code response} has been failed already
     */
    private <T> Optional<T> read(String identifier, StreamObserver<?> response, Lookup<T> lookup) {
        try {
            validator.validateIdentifier(identifier);
            return Optional.of(lookup.apply(identifier));
        } catch (InvalidConfigException e) {
            response.onError(ConfigStatuses.invalidArgument(e));
        } catch (StatusRuntimeException e) {
            response.onError(e);
        } catch (RuntimeException e) {
            LOG.warn("could not read config '{}'", identifier, e);
            response.onError(ConfigStatuses.readFailed(identifier, e));
        }
        return Optional.empty();
    }

    private static <T> void respond(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }

    /** A read that may throw a {@link StatusRuntimeException} to answer with that status. */
    @FunctionalInterface
    private interface Lookup<T> {
        T apply(String identifier);
    }
}
