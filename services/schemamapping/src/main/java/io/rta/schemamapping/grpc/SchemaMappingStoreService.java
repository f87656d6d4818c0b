package io.rta.schemamapping.grpc;

import com.google.protobuf.BoolValue;
import com.google.protobuf.Empty;
import io.grpc.stub.StreamObserver;
import io.rta.events.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.schemamapping.api.MappingSelection;
import io.rta.schemamapping.api.SchemaMappingReader;
import io.rta.schemamapping.api.SchemaMappingValidator;
import io.rta.schemamapping.api.SchemaMappingWriter;
import io.rta.service.errors.GrpcErrors;
import io.rta.service.errors.InvalidInputException;
import io.rta.service.errors.NotFoundException;
import io.rta.service.grpc.RequestSizeLimits;
import io.rta.topology.schemamapping.SchemaMappingKeys.MappingKey;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The toolkit {@code SchemaMappingStore} gRPC service: a thin mapper between the protobuf requests and the schema
 * mapping reader and writer. Reads answer from the view; writes answer from their future's callback, so no gRPC thread
 * waits for Kafka or the view.
 */
public final class SchemaMappingStoreService extends SchemaMappingStoreGrpc.SchemaMappingStoreImplBase
        implements RequestSizeLimits {

    /** Room in a put's request beyond twice its mapping's stored size: the source, the identity, framing. */
    private static final int PUT_OVERHEAD_BYTES = 64 * 1024;

    private final SchemaMappingReader reader;
    private final SchemaMappingWriter writer;
    private final SchemaMappingValidator validator;

    public SchemaMappingStoreService(SchemaMappingReader reader, SchemaMappingWriter writer,
                                     SchemaMappingValidator validator) {
        this.reader = reader;
        this.writer = writer;
        this.validator = validator;
    }

    /**
     * A put's request holds one mapping, whose protobuf form is at most about twice its stored (Avro) size, which
     * is at most {@code MaxSchemaMappingSize}: a larger request cannot hold a mapping the service would store, and is
     * refused before it is parsed (a 64 MB request of empty field mappings parses into 1.6 GB of heap).
     */
    @Override
    public Map<String, Limit> requestSizeLimits() {
        long bytes = 2L * validator.maxSchemaMappingBytes() + PUT_OVERHEAD_BYTES;
        return Map.of("PutSchemaMapping", new Limit((int) Math.min(Integer.MAX_VALUE - 8, bytes),
                "twice MaxSchemaMappingSize and 64 KiB allow (a mapping the service would store is never larger)"));
    }

    @Override
    public void hasSchemaMapping(HasSchemaMappingRequest request, StreamObserver<BoolValue> response) {
        GrpcErrors.respond(response, () -> BoolValue.of(reader.get(
                validator.key(request.getDataSource(), request.getDataIdentity())).isPresent()));
    }

    @Override
    public void getSchemaMapping(GetSchemaMappingRequest request,
                                 StreamObserver<io.rta.proto.toolkit.schemamapping.SchemaMapping> response) {
        GrpcErrors.respond(response, () -> ProtoMappings.toProto(
                find(validator.key(request.getDataSource(), request.getDataIdentity()))));
    }

    @Override
    public void querySchemaMapping(QuerySchemaMappingRequest request,
                                   StreamObserver<io.rta.proto.toolkit.schemamapping.SchemaMapping> response) {
        GrpcErrors.respond(response, () -> {
            MappingKey key = validator.key(request.getDataSource(), request.getDataIdentity());
            MappingSelection selection = validator.selection(request.getSelectChannels(), request.getSelectEvents());
            return ProtoMappings.toProto(selection.apply(find(key)));
        });
    }

    @Override
    public void putSchemaMapping(PutSchemaMappingRequest request, StreamObserver<Empty> response) {
        GrpcErrors.complete(start(() -> {
            MappingKey key = validator.key(request.getDataSource(), request.getDataIdentity());
            if (!request.hasSchemaMapping()) {
                throw new InvalidInputException("schema_mapping: missing; PutSchemaMapping stores the mapping given");
            }
            return writer.put(validator.check(ProtoMappings.toStored(key, request.getSchemaMapping())));
        }), response, done -> Empty.getDefaultInstance());
    }

    @Override
    public void deleteSchemaMapping(DeleteSchemaMappingRequest request, StreamObserver<Empty> response) {
        GrpcErrors.complete(start(() -> writer.delete(validator.key(request.getDataSource(),
                request.getDataIdentity()))), response, done -> Empty.getDefaultInstance());
    }

    private SchemaMapping find(MappingKey key) {
        return reader.get(key).orElseThrow(() -> new NotFoundException("no schema mapping for (data_source, "
                + "data_identity) " + key.describe()));
    }

    /** A write's future; a request refused before it is written fails the future instead of throwing. */
    private static CompletableFuture<Void> start(java.util.function.Supplier<CompletableFuture<Void>> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
