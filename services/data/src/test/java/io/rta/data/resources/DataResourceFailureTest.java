package io.rta.data.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rta.data.DataReads;
import io.rta.data.DataUnavailableException;
import io.rta.data.api.ChunkEncoder;
import io.rta.data.remote.OwnerClient;
import io.rta.service.errors.RestErrors;
import io.rta.topology.data.ChunkView;
import io.rta.topology.data.StoredChunk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A local read that fails, over a real Jetty: before the first byte it is an ordinary error answer; after bytes went
 * out the connection is dropped, so no client takes a truncated body for a complete {@code 200}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DataResourceFailureTest {

    private static final int CHUNKS_BEFORE_FAILURE = 64;
    private static final ChunkEncoder ENCODER = out -> chunk -> out.write(chunk.payload());

    /**
     * "fails-late" writes chunks of 4 KiB (well past any response buffer), "fails-after-N" N bytes (within Jersey's or
     * Jetty's response buffers or past them), then its store goes away.
     */
    private static final ChunkView VIEW = (request, sink) -> {
        if (request.dataIdentity().equals("fails-late")) {
            for (int i = 0; i < CHUNKS_BEFORE_FAILURE; i++) {
                byte[] payload = new byte[4096];
                sink.accept(new StoredChunk(i, i, new long[] {1}, payload.length, payload, 0, payload.length));
            }
        }
        if (request.dataIdentity().startsWith("fails-after-")) {
            byte[] payload = new byte[Integer.parseInt(request.dataIdentity().substring("fails-after-".length()))];
            sink.accept(new StoredChunk(0, 0, new long[] {1}, payload.length, payload, 0, payload.length));
        }
        throw new DataUnavailableException("partition 3 of the chunk store is not queryable on this instance");
    };

    private static final DropwizardClientExtension SERVER = new DropwizardClientExtension(
            new DataResource(new DataReads(identity -> identity.startsWith("fails-"), identity -> VIEW,
                    identity -> Optional.empty()), OwnerClient.create(Duration.ofSeconds(1)), ENCODER),
            new RestErrors());

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void shouldAnswer503WithRetryAfterWhenTheReadFailsBeforeItsFirstByte() throws Exception {
        HttpResponse<String> response = get("fails-early", HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"code\":503")
                .contains("partition 3 of the chunk store is not queryable on this instance");
    }

    @Test
    void shouldDropTheConnectionWhenTheReadFailsAfterBytesWentOut() {
        assertThatThrownBy(() -> get("fails-late", HttpResponse.BodyHandlers.ofByteArray()))
                .as("a read failing part-way must not end as a complete-looking 200")
                .isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 8000, 8192, 9000, 20_000, 40_000, 70_000})
    void shouldNeverAnswerAComplete200WhenTheReadFailsPartWay(int bytesBeforeFailure) throws Exception {
        HttpResponse<byte[]> response;
        try {
            response = get("fails-after-" + bytesBeforeFailure, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException brokenTransfer) {
            return;
        }
        assertThat(response.statusCode()).as("after %d bytes: %s", bytesBeforeFailure, response.headers().map())
                .isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void shouldKeepServingAfterDroppingAFailedRead() throws Exception {
        assertThatThrownBy(() -> get("fails-late", HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);

        assertThat(get("fails-early", HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
    }

    private <T> HttpResponse<T> get(String identity, HttpResponse.BodyHandler<T> body) throws Exception {
        URI uri = URI.create(SERVER.baseUri() + "/rta/v2/sessions/" + identity + "/data/periodic/0-");
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), body);
    }

}
