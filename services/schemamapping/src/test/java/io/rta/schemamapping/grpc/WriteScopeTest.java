package io.rta.schemamapping.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.MethodDescriptor;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.service.auth.Authenticator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With EnableAuth, Put and Delete need the write scope, reads only a valid token. */
class WriteScopeTest {

    @Test
    void shouldMarkExactlyPutAndDeleteAsWrites() {
        List<String> methods = SchemaMappingStoreGrpc.getServiceDescriptor().getMethods().stream()
                .map(MethodDescriptor::getFullMethodName).toList();

        assertThat(methods).filteredOn(Authenticator.WRITE_METHODS::contains).containsExactlyInAnyOrder(
                SchemaMappingStoreGrpc.getPutSchemaMappingMethod().getFullMethodName(),
                SchemaMappingStoreGrpc.getDeleteSchemaMappingMethod().getFullMethodName());
        assertThat(methods).hasSize(5);
    }
}
