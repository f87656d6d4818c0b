package io.rta.data.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.errors.ErrorMessage;
import io.dropwizard.jersey.jackson.JacksonFeature;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.rta.data.DataReads;
import io.rta.data.FakeChunkView;
import io.rta.data.api.ChunkEncoder;
import io.rta.data.remote.OwnerClient;
import io.rta.service.errors.RestErrors;
import io.rta.topology.data.DataKind;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class DataResourceTest {

    /** Test double of the wire codec: each chunk as its start time and unpacked payload. */
    private static final ChunkEncoder PAYLOADS = out -> chunk -> {
        out.write(("[" + chunk.startTime() + "]").getBytes(StandardCharsets.US_ASCII));
        out.write(FakeChunkView.decode(chunk));
    };
    private static final HostInfo OTHER = new HostInfo("other-instance", 8080);

    private static final FakeChunkView VIEW = new FakeChunkView()
            .add("s1", DataKind.TIMESTAMPED, 100, 200, new long[] {0xB}, new byte[] {1, 2, 3})
            .add("s1", DataKind.EVENTS, 50, 60, new long[0], new byte[] {9});

    private static final DropwizardClientExtension RESOURCES = new DropwizardClientExtension(
            new DataResource(new DataReads(Set.of("s1", "empty")::contains, identity -> VIEW,
                    identity -> Optional.empty()), OwnerClient.create(Duration.ofSeconds(1)), PAYLOADS),
            new RestErrors());

    private static final DropwizardClientExtension NON_OWNER = new DropwizardClientExtension(
            new DataResource(new DataReads(Set.of("s1")::contains, identity -> VIEW,
                    identity -> Optional.of(OTHER)), OwnerClient.create(Duration.ofSeconds(1)), PAYLOADS),
            new RestErrors());

    private final Client client = ClientBuilder.newClient()
            .register(new JacksonFeature(Jackson.newObjectMapper()));

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void shouldStreamTheChunksAsChunkedProtobuf() {
        try (Response response = get(RESOURCES, "s1/data/timestamped/A-C").get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderString(HttpHeaders.CONTENT_TYPE)).isEqualTo(DataResource.CHUNKED_PROTOBUF);
            assertThat(response.readEntity(byte[].class)).isEqualTo(bytes("[100]", 1, 2, 3));
        }
    }

    @Test
    void shouldStreamEventsWithoutAChannelsExpression() {
        try (Response response = get(RESOURCES, "s1/data/events?start=0&end=100").get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.readEntity(byte[].class)).isEqualTo(bytes("[50]", 9));
        }
    }

    @Test
    void shouldAnswerAnEmptyStreamForAKnownSessionWithoutData() {
        try (Response response = get(RESOURCES, "empty/data/periodic/0-").get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderString(HttpHeaders.CONTENT_TYPE)).isEqualTo(DataResource.CHUNKED_PROTOBUF);
            assertThat(response.readEntity(byte[].class)).isEmpty();
        }
    }

    @Test
    void shouldAnswer404ForAnUnknownSession() {
        assertError(get(RESOURCES, "nope/data/row/0-"), 404, "session 'nope' not found");
    }

    @Test
    void shouldAnswer400NamingAMalformedChannelsExpression() {
        assertError(get(RESOURCES, "s1/data/timestamped/1,XYZ"), 400,
                "channels expression '1,XYZ': 'XYZ' is not a hexadecimal channel id (0-FFFFFFFF)");
    }

    @Test
    void shouldAnswer400ForADataIdentityBreakingTheIdentityRules() {
        assertError(get(RESOURCES, "x".repeat(1025) + "/data/events"), 400,
                "data identity: the identity is 1025 bytes long; at most 1024 bytes are allowed (MaxIdentityLength)");
        // encoded control characters in a path are refused by Jetty before the resource (DataReadsTest has them)
    }

    @Test
    void shouldAnswer400NamingANonNumericStart() {
        assertError(get(RESOURCES, "s1/data/periodic/0-?start=soon"), 400,
                "start 'soon' is not an integer: times are nanoseconds since the Unix epoch");
    }

    @Test
    void shouldAnswer400ForANegativeEnd() {
        assertError(get(RESOURCES, "s1/data/events?end=-1"), 400,
                "end is -1: times are nanoseconds since the Unix epoch, at least 0");
    }

    @Test
    void shouldAnswer400WhenStartIsAfterEnd() {
        assertError(get(RESOURCES, "s1/data/events?start=9&end=3"), 400, "start 9 is after end 3");
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenAForwardedRequestReachesANonOwner() {
        try (Response response = get(NON_OWNER, "s1/data/periodic/0-")
                .header(OwnerClient.FORWARDED_HEADER, OwnerClient.FORWARDED).get()) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(response.readEntity(ErrorMessage.class).getMessage())
                    .contains("owned by other-instance:8080").contains("rebalance in progress");
        }
    }

    @Test
    void shouldAnswer503NamingTheOwnerWhenItCannotBeReached() {
        try (Response response = get(NON_OWNER, "s1/data/periodic/0-").get()) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.readEntity(ErrorMessage.class).getMessage()).contains("other-instance:8080");
        }
    }

    private static void assertError(Invocation.Builder request, int status, String message) {
        try (Response response = request.get()) {
            assertThat(response.getStatus()).isEqualTo(status);
            assertThat(response.readEntity(ErrorMessage.class).getMessage()).isEqualTo(message);
        }
    }

    private Invocation.Builder get(DropwizardClientExtension server, String pathAndQuery) {
        String[] parts = pathAndQuery.split("\\?", 2);
        var target = client.target(server.baseUri()).path("/rta/v2/sessions/" + parts[0]);
        if (parts.length > 1) {
            for (String param : parts[1].split("&")) {
                String[] kv = param.split("=", 2);
                target = target.queryParam(kv[0], kv[1]);
            }
        }
        return target.request();
    }

    private static byte[] bytes(String prefix, int... rest) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(head, head.length + rest.length);
        for (int i = 0; i < rest.length; i++) {
            all[head.length + i] = (byte) rest[i];
        }
        return all;
    }
}
