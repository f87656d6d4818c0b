package io.rta.config.resources;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.rta.config.ConfigFixtures;
import io.rta.config.api.ConfigMediaTypes;
import io.rta.config.api.ConfigReader;
import io.rta.config.api.InMemoryConfigStore;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class ConfigResourceTest {

    private static final byte[] FFC = ConfigFixtures.ffc(100_000);

    private final InMemoryConfigStore store = new InMemoryConfigStore();
    private final ConfigReader unavailable = identifier -> {
        throw new IllegalStateException("store is rebalancing");
    };

    {
        store.put("json", ConfigMediaTypes.JSON, ConfigFixtures.exampleJson());
        store.put("ffc", ConfigMediaTypes.FFC, FFC);
    }

    private final ResourceExtension resources = ResourceExtension.builder()
            .addResource(new ConfigResource(store))
            .build();

    private final ResourceExtension unavailableResources = ResourceExtension.builder()
            .addResource(new ConfigResource(unavailable))
            .build();

    @Test
    void shouldAnswerHeadWith200AndTheMediaTypeWhenStored() {
        try (Response response = config(resources, "ffc").head()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderString(HttpHeaders.CONTENT_TYPE)).isEqualTo(ConfigMediaTypes.FFC);
        }
    }

    @Test
    void shouldAnswerHeadWith404WhenAbsent() {
        try (Response response = config(resources, "absent").head()) {
            assertThat(response.getStatus()).isEqualTo(404);
        }
    }

    @Test
    void shouldServeAJsonConfigAsStoredWithTheJsonConfigMediaType() {
        try (Response response = config(resources, "json").get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderString(HttpHeaders.CONTENT_TYPE)).isEqualTo(ConfigMediaTypes.JSON);
            assertThat(response.readEntity(byte[].class)).isEqualTo(ConfigFixtures.exampleJson());
        }
    }

    @Test
    void shouldServeAnFfcConfigAsStoredWithTheFfcMediaType() {
        try (Response response = config(resources, "ffc").get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderString(HttpHeaders.CONTENT_TYPE)).isEqualTo(ConfigMediaTypes.FFC);
            assertThat(response.readEntity(byte[].class)).isEqualTo(FFC);
        }
    }

    @Test
    void shouldAnswer404WithAJsonErrorWhenAbsent() {
        try (Response response = config(resources, "absent").get()) {
            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(response.getMediaType().toString()).isEqualTo("application/json");
            assertThat(response.readEntity(String.class))
                    .isEqualTo("{\"code\":404,\"message\":\"config 'absent' not found\"}");
        }
    }

    @Test
    void shouldAnswer503WithAJsonErrorWhenTheViewCannotBeRead() {
        try (Response response = config(unavailableResources, "json").get()) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.readEntity(String.class))
                    .isEqualTo("{\"code\":503,\"message\":\"could not read config 'json': store is rebalancing\"}");
        }
    }

    @Test
    void shouldAnswer400WithAJsonErrorForAnIdentifierNoWriteCouldStore() {
        try (Response response = config(resources, "c".repeat(1025)).get()) {
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.readEntity(String.class)).isEqualTo("{\"code\":400,\"message\":\"identifier: the "
                    + "identity is 1025 bytes long; at most 1024 bytes are allowed (MaxIdentityLength)\"}");
        }
        try (Response response = config(resources, "c".repeat(1025)).head()) {
            assertThat(response.getStatus()).isEqualTo(400);
        }
    }

    private static Invocation.Builder config(ResourceExtension resources, String identifier) {
        return resources.target("/rta/v2/configs/" + identifier).request();
    }
}
