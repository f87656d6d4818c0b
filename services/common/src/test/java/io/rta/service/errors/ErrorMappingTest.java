package io.rta.service.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rta.service.write.WriteTimeoutException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The one mapping of service errors to REST and gRPC answers: expected ones keep their text, others never do. */
class ErrorMappingTest {

    private static final String CORRELATED =
            "internal error \\(correlation id [0-9a-f]{16}\\); the server log has the details";

    @Test
    void shouldKeepTheExpectedMappings() {
        assertThat(grpc(new InvalidInputException("identity: too long"))).isEqualTo(
                Status.INVALID_ARGUMENT.getCode() + ": identity: too long");
        assertThat(grpc(new NotFoundException("session 'x' not found"))).isEqualTo(
                Status.NOT_FOUND.getCode() + ": session 'x' not found");
        assertThat(grpc(new WriteTimeoutException("not visible within 10 ms"))).isEqualTo(
                Status.DEADLINE_EXCEEDED.getCode() + ": not visible within 10 ms");
        assertThat(grpc(new CompletionException(new UnavailableException("rebalancing")))).isEqualTo(
                Status.UNAVAILABLE.getCode() + ": rebalancing");

        assertThat(rest(new InvalidInputException("identity: too long"))).isEqualTo("400 identity: too long");
        assertThat(rest(new NotFoundException("session 'x' not found"))).isEqualTo("404 session 'x' not found");
        assertThat(rest(new WriteTimeoutException("not visible within 10 ms"))).isEqualTo(
                "504 not visible within 10 ms");
        Response unavailable = new RestErrors().toResponse(new UnavailableException("rebalancing"));
        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getHeaderString("Retry-After")).isEqualTo("1");
    }

    @Test
    void shouldAnswerAnUnexpectedFailureWithACorrelationIdOnly() {
        IllegalStateException bug = new IllegalStateException("/var/lib/rta/secret.key unreadable");

        StatusRuntimeException grpc = GrpcErrors.toStatus(bug);
        Response rest = new RestErrors().toResponse(bug);

        assertThat(grpc.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(grpc.getStatus().getDescription()).matches(CORRELATED);
        assertThat(rest.getStatus()).isEqualTo(500);
        assertThat(((ErrorMessage) rest.getEntity()).getMessage()).matches(CORRELATED);
    }

    @Test
    void shouldAnswerATransientKafkaFailureAsUnavailable() {
        var timeout = new org.apache.kafka.common.errors.TimeoutException("Topic rta.sessions not present in metadata");

        StatusRuntimeException grpc = GrpcErrors.toStatus(new CompletionException(timeout));
        Response rest = new RestErrors().toResponse(timeout);

        assertThat(grpc.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(grpc.getStatus().getDescription()).isEqualTo(InternalErrors.KAFKA_UNAVAILABLE);
        assertThat(rest.getStatus()).isEqualTo(503);
        assertThat(rest.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(((ErrorMessage) rest.getEntity()).getMessage()).isEqualTo(InternalErrors.KAFKA_UNAVAILABLE);
    }

    @Test
    void shouldEscapeControlCharactersOfTheRequestInTheLog() {
        assertThat(InternalErrors.escape("GET /a\r\nInjected: 1\u0000")).isEqualTo("GET /a\\u000d\\u000aInjected: 1\\u0000");
    }

    private static String grpc(RuntimeException e) {
        Status status = GrpcErrors.toStatus(e).getStatus();
        return status.getCode() + ": " + status.getDescription();
    }

    private static String rest(RuntimeException e) {
        Response response = new RestErrors().toResponse(e);
        return response.getStatus() + " " + ((ErrorMessage) response.getEntity()).getMessage();
    }
}
