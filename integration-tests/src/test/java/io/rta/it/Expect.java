package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions shared by the integration tests: exact JSON, gRPC statuses and REST error bodies. */
final class Expect {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Expect() {
    }

    /** The JSON equals {@code expected} exactly: same members, values and value types; arrays in order. */
    static void json(JsonNode actual, String expected) {
        assertThat(actual).isEqualTo(parse(expected));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("expected JSON in the test is not JSON: " + json, e);
        }
    }

    /** The identities of a SessionsPage, in order. */
    static List<String> identities(JsonNode page) {
        List<String> identities = new ArrayList<>();
        page.get("sessions").forEach(session -> identities.add(session.get("identity").asText()));
        return identities;
    }

    /** The call fails with {@code code} and a description containing every {@code fragment}. */
    static void status(ThrowingCallable call, Status.Code code, String... fragments) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).as("status of %s", e).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).as("description").contains(fragments);
        });
    }

    /** A REST error: the status and the JSON body {"code": status, "message": ...} with every fragment. */
    static void restError(HttpResponse<byte[]> response, int status, String... fragments) {
        assertThat(response.statusCode()).as("status of %s: %s", response.uri(), Http.text(response))
                .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = Http.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).contains(fragments);
    }
}
