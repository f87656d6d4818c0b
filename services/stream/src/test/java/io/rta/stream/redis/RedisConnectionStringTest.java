package io.rta.stream.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisConnectionStringTest {

    @Test
    void shouldDefaultToPort6379ForABareHost() {
        RedisConnectionString parsed = RedisConnectionString.parse("myredishost");

        assertThat(parsed.host()).isEqualTo("myredishost");
        assertThat(parsed.port()).isEqualTo(6379);
        assertThat(parsed.ssl()).isFalse();
        assertThat(parsed.password()).isEmpty();
        assertThat(parsed.user()).isEmpty();
        assertThat(parsed.defaultDatabase()).isEmpty();
    }

    @Test
    void shouldReadStackExchangeOptionsCaseInsensitively() {
        RedisConnectionString parsed = RedisConnectionString.parse(
                "cache.example.com:7000, password=s3cr=t ,USER=alice,Ssl=True,defaultDatabase=3,connectTimeout=1500,"
                        + "syncTimeout=2500,name=stream-svc,abortConnect=false");

        assertThat(parsed.host()).isEqualTo("cache.example.com");
        assertThat(parsed.port()).isEqualTo(7000);
        assertThat(parsed.password()).contains("s3cr=t");
        assertThat(parsed.user()).contains("alice");
        assertThat(parsed.ssl()).isTrue();
        assertThat(parsed.defaultDatabase()).hasValue(3);
        assertThat(parsed.connectTimeoutMillis()).isEqualTo(1500);
        assertThat(parsed.syncTimeoutMillis()).isEqualTo(2500);
        assertThat(parsed.clientName()).contains("stream-svc");
    }

    @Test
    void shouldDefaultToPort6380WithSsl() {
        assertThat(RedisConnectionString.parse("host,ssl=true").port()).isEqualTo(6380);
    }

    @Test
    void shouldReadBracketedIpv6Endpoints() {
        RedisConnectionString parsed = RedisConnectionString.parse("[::1]:6390");

        assertThat(parsed.host()).isEqualTo("::1");
        assertThat(parsed.port()).isEqualTo(6390);
        assertThat(parsed.toString()).startsWith("[::1]:6390");
    }

    @Test
    void shouldReadRedisUris() {
        RedisConnectionString parsed = RedisConnectionString.parse("redis://bob:p%40ss+word@redis.local:6400/2");

        assertThat(parsed.host()).isEqualTo("redis.local");
        assertThat(parsed.port()).isEqualTo(6400);
        assertThat(parsed.user()).contains("bob");
        assertThat(parsed.password()).contains("p@ss+word");
        assertThat(parsed.defaultDatabase()).hasValue(2);
        assertThat(parsed.ssl()).isFalse();
    }

    @Test
    void shouldReadAPasswordOnlyUriAndTlsScheme() {
        RedisConnectionString parsed = RedisConnectionString.parse("rediss://:secret@redis.local");

        assertThat(parsed.user()).isEmpty();
        assertThat(parsed.password()).contains("secret");
        assertThat(parsed.ssl()).isTrue();
        assertThat(parsed.port()).isEqualTo(6380);
        assertThat(RedisConnectionString.parse("redis://secret@h").password()).contains("secret");
    }

    @Test
    void shouldMaskThePasswordWhenPrinted() {
        assertThat(RedisConnectionString.parse("h:1,password=topsecret").toString())
                .isEqualTo("h:1,password=*****")
                .doesNotContain("topsecret");
    }

    @Test
    void shouldNeverEchoWhatFollowsAPasswordInAnError() {
        assertThatThrownBy(() -> RedisConnectionString.parse("host:6379,password=top,secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part 3 (after the password; not shown")
                .hasMessageContaining("%2C")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("top"));
        assertThatThrownBy(() -> RedisConnectionString.parse("password=top,secret"))
                .as("a password fragment is not taken for the host")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not shown")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
        assertThatThrownBy(() -> RedisConnectionString.parse("host:6379,password=top,sec=ret"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sec").doesNotContain("ret"));
    }

    @Test
    void shouldRejectAnEmptyConnectionString() {
        assertThatThrownBy(() -> RedisConnectionString.parse(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void shouldRejectABadPortNamingIt() {
        assertThatThrownBy(() -> RedisConnectionString.parse("host:70000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"70000\"")
                .hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> RedisConnectionString.parse("host:abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"abc\"");
    }

    @Test
    void shouldRejectUnknownOptionsInsteadOfIgnoringTypos() {
        assertThatThrownBy(() -> RedisConnectionString.parse("host,pasword=x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"pasword\"")
                .hasMessageContaining("not supported");
    }

    @Test
    void shouldRejectMalformedOptionValues() {
        assertThatThrownBy(() -> RedisConnectionString.parse("host,ssl=yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ssl")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> RedisConnectionString.parse("host,defaultDatabase=-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaultDatabase")
                .hasMessageContaining(">= 0");
        assertThatThrownBy(() -> RedisConnectionString.parse("host,syncTimeout=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("syncTimeout");
    }

    @Test
    void shouldRejectSeveralEndpoints() {
        assertThatThrownBy(() -> RedisConnectionString.parse("a:1,b:2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("several endpoints");
    }

    @Test
    void shouldRejectOptionsWithoutAHost() {
        assertThatThrownBy(() -> RedisConnectionString.parse("password=x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no host");
    }

    @Test
    void shouldRejectUnbracketedIpv6() {
        assertThatThrownBy(() -> RedisConnectionString.parse("::1:6379"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brackets");
    }

    @Test
    void shouldRejectOtherSchemesAndBadUris() {
        assertThatThrownBy(() -> RedisConnectionString.parse("http://host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"http\"");
        assertThatThrownBy(() -> RedisConnectionString.parse("redis:///0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no host");
        assertThatThrownBy(() -> RedisConnectionString.parse("redis://host/db1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"db1\"");
        assertThatThrownBy(() -> RedisConnectionString.parse("redis://host?ssl=true"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
    }
}
