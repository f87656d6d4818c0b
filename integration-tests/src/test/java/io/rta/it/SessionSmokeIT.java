package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.proto.toolkit.session.SessionUpdate;
import org.junit.jupiter.api.Test;

class SessionSmokeIT {

    private final TestServer server = TestServer.shared();
    private final Http http = new Http(server.baseUrl());

    @Test
    void shouldReadOverRestWhatWasWrittenOverGrpcAsSoonAsTheWriteReturns() {
        SessionStoreGrpc.SessionStoreBlockingStub sessions = SessionStoreGrpc.newBlockingStub(server.channel());

        sessions.createOrUpdateSession(CreateOrUpdateSessionRequest.newBuilder()
                .setIdentity("smoke-1")
                .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.newBuilder()
                        .setIdentifier("Smoke").setTimestamp("2021-05-06T18:58:56.20289+01:00").setState(2))
                .addUpdates(SessionUpdate.newBuilder().setSetType(com.google.protobuf.StringValue.of("DDS")))
                .build());

        JsonNode session = http.getJson("/rta/v2/sessions/smoke-1");
        assertThat(session.toString()).isEqualTo("{\"identity\":\"smoke-1\",\"state\":\"open\","
                + "\"timestamp\":\"2021-05-06T18:58:56.20289+01:00\",\"identifier\":\"Smoke\",\"type\":\"DDS\"}");
    }
}
