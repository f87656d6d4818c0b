package io.rta.config.resources;

import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rta.config.ConfigFixtures;
import io.rta.config.api.ConfigMediaTypes;
import io.rta.config.api.InMemoryConfigStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The Config API over real HTTP (Jetty), where HEAD and the length headers behave as clients will see them. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConfigResourceHttpTest {

    private static final byte[] FFC = ConfigFixtures.ffc(3 * 1024 * 1024);
    private static final InMemoryConfigStore STORE = new InMemoryConfigStore();

    static {
        STORE.put("ffc", ConfigMediaTypes.FFC, FFC);
    }

    private static final DropwizardClientExtension SERVER =
            new DropwizardClientExtension(new ConfigResource(STORE));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeTheStoredBytesWithTheirLengthAndMediaType() throws Exception {
        HttpResponse<byte[]> response = send(request("ffc").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ConfigMediaTypes.FFC);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(FFC.length);
        assertThat(response.body()).isEqualTo(FFC);
    }

    @Test
    void shouldAnswerHeadWithoutABody() throws Exception {
        HttpResponse<byte[]> response = send(head("ffc"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ConfigMediaTypes.FFC);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void shouldAnswerHeadWith404WhenAbsent() throws Exception {
        HttpResponse<byte[]> response = send(head("absent"));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder head(String identifier) {
        return request(identifier).method("HEAD", HttpRequest.BodyPublishers.noBody());
    }

    private static HttpRequest.Builder request(String identifier) {
        return HttpRequest.newBuilder(URI.create(SERVER.baseUri() + "/rta/v2/configs/" + identifier));
    }
}
