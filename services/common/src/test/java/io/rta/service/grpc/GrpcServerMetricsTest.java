package io.rta.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.rta.proto.health.HealthCheckRequest;
import io.rta.proto.health.HealthGrpc;
import io.rta.proto.toolkit.data.DataWriterGrpc;
import io.rta.service.config.EdgeLimits;
import io.rta.service.edge.ReadLimiter;
import io.rta.service.metrics.ProcessMetrics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code grpc_server_*} per service and method, there from start-up. */
class GrpcServerMetricsTest {

    private final ProcessMetrics metrics = ProcessMetrics.bare();
    private GrpcServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        String name = InProcessServerBuilder.generateName();
        server = new GrpcServer(InProcessServerBuilder.forName(name), List.of(new DataWriterGrpc.DataWriterImplBase() {
        }), new HealthCheckRegistry(), EdgeLimits.defaults(), ReadLimiter.of(EdgeLimits.defaults()),
                metrics.registry());
        server.start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.close();
        metrics.close();
    }

    @Test
    void shouldRegisterEveryMethodOfTheGivenServicesBeforeAnyCall() {
        String scrape = metrics.scrape();

        assertThat(scrape).containsPattern("grpc_server_requests_received_messages_total\\{[^}]*"
                + "method=\"WriteDataStream\"[^}]*service=\"rta.toolkit.api.chunk_service.DataWriter\"[^}]*} 0");
        assertThat(scrape).containsPattern("grpc_server_responses_sent_messages_total\\{[^}]*method=\"WriteDataStream\"");
        assertThat(scrape).containsPattern("grpc_server_processing_duration_seconds_count\\{[^}]*"
                + "method=\"WriteDataStream\"[^}]*} 0");
        assertThat(scrape).containsPattern("grpc_server_requests_received_messages_total\\{[^}]*method=\"Check\"");
    }

    @Test
    void shouldTimeACallByMethodAndStatus() {
        HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());

        // timed when the server closes the call, which may be just after the client has the answer
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metrics.scrape())
                .containsPattern("grpc_server_processing_duration_seconds_count\\{[^}]*method=\"Check\""
                        + "[^}]*service=\"grpc.health.v1.Health\"[^}]*statusCode=\"OK\"[^}]*} 1"));
        assertThat(metrics.scrape()).containsPattern("grpc_server_processing_duration_seconds_bucket\\{[^}]*method=\"Check\"");
    }
}
