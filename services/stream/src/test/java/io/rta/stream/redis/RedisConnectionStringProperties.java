package io.rta.stream.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The {@code RedisConnectionString} option: any text parses or is refused with an {@link IllegalArgumentException}
 * and a message, and no message (nor {@code toString}) ever shows any part of a password. Passwords are drawn from
 * characters that no message of the parser contains ({@code ж}, {@code Ω}), mixed with the separators and escapes
 * that trip parsers ({@code , = @ : / % +}), so a password fragment in a message is caught whatever it is next to.
 */
class RedisConnectionStringProperties {

    private static final String SECRET_CHARS = "жΩ";

    @Property(tries = 3000)
    void shouldParseOrRefuseAnyText(@ForAll("texts") String text) {
        try {
            RedisConnectionString parsed = RedisConnectionString.parse(text);
            assertThat(parsed.host()).isNotEmpty();
            assertThat(parsed.port()).isBetween(1, 65535);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 3000)
    void shouldNeverShowAPassword(@ForAll("withPasswords") String text) {
        try {
            RedisConnectionString parsed = RedisConnectionString.parse(text);
            assertThat(parsed.toString()).doesNotContain("ж").doesNotContain("Ω");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as("refusing %s", text).doesNotContain("ж").doesNotContain("Ω");
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
                Arbitraries.strings().withChars("redis:/@[]%,=.0123456789abchostpwsluernamefalsetrue ").ofMaxLength(60),
                withPasswords());
    }

    @Provide
    Arbitrary<String> withPasswords() {
        Arbitrary<String> password = Arbitraries.strings().withChars(SECRET_CHARS + ",=@:/%+ #?[]0aF").ofMinLength(1)
                .ofMaxLength(12).filter(p -> p.chars().anyMatch(c -> SECRET_CHARS.indexOf(c) >= 0));
        Arbitrary<String> host = Arbitraries.of("localhost", "redis.example", "127.0.0.1", "[::1]", "::1", "", "h:",
                "h:99999", "h:x");
        Arbitrary<String> option = Arbitraries.of("", ",ssl=true", ",ssl=maybe", ",defaultDatabase=2",
                ",defaultDatabase=-1", ",connectTimeout=0", ",bogus=1", ",user=u", ",name=n", ",host2", ",");
        Arbitrary<String> path = Arbitraries.of("", "/", "/3", "/x", "?q=1", "#f");
        return Combinators.combine(Arbitraries.integers().between(0, 5), host, password, option, path)
                .as((shape, h, secret, extra, tail) -> switch (shape) {
                    case 0 -> h + ",password=" + secret + extra;
                    case 1 -> h + extra + ",password=" + secret;
                    case 2 -> "password=" + secret + "," + h + extra;
                    case 3 -> "redis://:" + secret + "@" + h + tail;
                    case 4 -> "rediss://user:" + secret + "@" + h + tail;
                    // without a user, a ':' would make what precedes it the user name, as URI syntax says
                    default -> "redis://" + secret.replace(":", "") + "@" + h + tail;
                });
    }

    @Property(tries = 200)
    void shouldKeepParsingTheSpellingsItAlwaysAccepted(@ForAll("simplePasswords") String password) {
        RedisConnectionString exchange = RedisConnectionString.parse("cache:6380,password=" + password + ",ssl=true");
        RedisConnectionString uri = RedisConnectionString.parse("rediss://:" + password + "@cache:6380");

        assertThat(List.of(exchange, uri)).allSatisfy(parsed -> {
            assertThat(parsed.host()).isEqualTo("cache");
            assertThat(parsed.port()).isEqualTo(6380);
            assertThat(parsed.ssl()).isTrue();
            assertThat(parsed.password()).contains(password);
        });
    }

    @Provide
    Arbitrary<String> simplePasswords() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
    }
}
