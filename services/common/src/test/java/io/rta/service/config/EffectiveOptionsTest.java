package io.rta.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectiveOptionsTest {

    private static OptionDef named(String name) {
        return OptionDef.of(name, "", "doc");
    }

    @Test
    void shouldMaskTheWholeValueOfAnOptionNamedForACredential() {
        for (String name : List.of("RedisPassword", "Auth:ClientSecret", "ApiToken", "SigningKey", "Credentials",
                "oauth:password")) {
            assertThat(EffectiveOptions.masked(named(name), "s3cr3t")).as(name).isEqualTo(EffectiveOptions.MASK);
        }
        assertThat(EffectiveOptions.masked(named("ApiToken"), "")).isEmpty();
        assertThat(EffectiveOptions.masked(named("HttpPort"), "8080")).isEqualTo("8080");
        assertThat(EffectiveOptions.masked(named("MaxSortKeys"), "8")).as("a count of keys is no secret").isEqualTo("8");
    }

    @Test
    void shouldMaskThePasswordOfAUriButKeepTheUserAndHost() {
        OptionDef redis = named("RedisConnectionString");

        assertThat(EffectiveOptions.masked(redis, "redis://user:pass@redis.example:6379/0"))
                .isEqualTo("redis://user:****@redis.example:6379/0");
        assertThat(EffectiveOptions.masked(redis, "rediss://:only-a-password@host"))
                .isEqualTo("rediss://:****@host");
        assertThat(EffectiveOptions.masked(redis, "https://a-token@host/path")).isEqualTo("https://****@host/path");
        assertThat(EffectiveOptions.masked(redis, "http://host:8080/apis/ccompat/v7"))
                .isEqualTo("http://host:8080/apis/ccompat/v7");
        assertThat(EffectiveOptions.masked(named("BootstrapServers"), "a:9092,b:9092")).isEqualTo("a:9092,b:9092");
    }

    @Test
    void shouldMaskPasswordFieldsOfAConnectionString() {
        assertThat(EffectiveOptions.masked(named("RedisConnectionString"), "redis:6379,password=hunter2,ssl=true"))
                .isEqualTo("redis:6379,password=****,ssl=true");
        assertThat(EffectiveOptions.maskedWithin("http://h/x?token=abc&x=1")).isEqualTo("http://h/x?token=****&x=1");
    }

    @Test
    void shouldDescribeEveryOptionWithTheSourceOfThoseSetAndSecretsMasked() {
        OptionDef port = OptionDef.of("HttpPort", "8080", "port");
        OptionDef label = OptionDef.of("ServiceInfo:Label", "RTA", "label");
        OptionDef secret = OptionDef.of("ClientSecret", "", "secret");
        OptionDef url = OptionDef.of("RegistryUrl", "", "url");
        Options options = Options.load(List.of(port, label, secret, url),
                new String[] {"--HttpPort", "9090", "--ClientSecret", "abc", "--ServiceInfo:Label", "two words"},
                Map.of("RTA_REGISTRYURL", "http://u:p@reg/apis"), Path.of("/nonexistent"));

        assertThat(EffectiveOptions.describe(options)).isEqualTo("HttpPort=9090 (command line --HttpPort), "
                + "ServiceInfo:Label='two words' (command line --ServiceInfo:Label), "
                + "ClientSecret=**** (command line --ClientSecret), "
                + "RegistryUrl=http://u:****@reg/apis (environment variable RTA_REGISTRYURL), "
                + "Config=appsettings.json");
    }

    @Test
    void shouldEscapeControlCharactersSoAValueCannotForgeALogLine() {
        OptionDef label = OptionDef.of("ServiceInfo:Label", "", "label");
        Options options = Options.defaults(List.of(label)).with(label, "x\nERROR fake line");

        assertThat(EffectiveOptions.describe(options)).startsWith("ServiceInfo:Label='x\\u000aERROR fake line'")
                .doesNotContain("\n");
    }
}
