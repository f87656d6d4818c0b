package io.rta.stream.redis;

import static io.rta.schemas.PropertyCheck.forAll;
import static io.rta.schemas.PropertyCheck.intBetween;
import static io.rta.schemas.PropertyCheck.oneOf;
import static io.rta.schemas.PropertyCheck.string;
import static io.rta.schemas.PropertyCheck.stringOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The {@code RedisConnectionString} option: any text parses or is refused with an {@link IllegalArgumentException}
 * and a message, and no message (nor {@code toString}) ever shows any part of a password. Passwords are drawn from
 * characters that no message of the parser contains ({@code ж}, {@code Ω}), mixed with the separators and escapes
 * that trip parsers ({@code , = @ : / % +}), so a password fragment in a message is caught whatever it is next to.
 */
class RedisConnectionStringProperties {

    private static final String SECRET_CHARS = "жΩ";

    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    @Test
    void shouldParseOrRefuseAnyText() {
        forAll(3000, RedisConnectionStringProperties::text, text -> {
            try {
                RedisConnectionString parsed = RedisConnectionString.parse(text);
                assertThat(parsed.host()).isNotEmpty();
                assertThat(parsed.port()).isBetween(1, 65535);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }

    @Test
    void shouldNeverShowAPassword() {
        forAll(3000, RedisConnectionStringProperties::withPassword, text -> {
            try {
                RedisConnectionString parsed = RedisConnectionString.parse(text);
                assertThat(parsed.toString()).doesNotContain("ж").doesNotContain("Ω");
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).as("refusing %s", text).doesNotContain("ж").doesNotContain("Ω");
            }
        });
    }

    @Test
    void shouldKeepParsingTheSpellingsItAlwaysAccepted() {
        forAll(200, random -> stringOf(random, ALPHANUMERIC, 1, 20), password -> {
            RedisConnectionString exchange = RedisConnectionString.parse("cache:6380,password=" + password
                    + ",ssl=true");
            RedisConnectionString uri = RedisConnectionString.parse("rediss://:" + password + "@cache:6380");

            assertThat(List.of(exchange, uri)).allSatisfy(parsed -> {
                assertThat(parsed.host()).isEqualTo("cache");
                assertThat(parsed.port()).isEqualTo(6380);
                assertThat(parsed.ssl()).isTrue();
                assertThat(parsed.password()).contains(password);
            });
        });
    }

    private static String text(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> string(random, 60);
            case 1 -> stringOf(random, "redis:/@[]%,=.0123456789abchostpwsluernamefalsetrue ", 0, 60);
            default -> withPassword(random);
        };
    }

    /** A connection string in one of its spellings, with a password holding at least one secret character. */
    private static String withPassword(SplittableRandom random) {
        String host = oneOf(random, "localhost", "redis.example", "127.0.0.1", "[::1]", "::1", "", "h:", "h:99999",
                "h:x");
        String secret = password(random);
        String extra = oneOf(random, "", ",ssl=true", ",ssl=maybe", ",defaultDatabase=2", ",defaultDatabase=-1",
                ",connectTimeout=0", ",bogus=1", ",user=u", ",name=n", ",host2", ",");
        String tail = oneOf(random, "", "/", "/3", "/x", "?q=1", "#f");
        return switch (intBetween(random, 0, 5)) {
            case 0 -> host + ",password=" + secret + extra;
            case 1 -> host + extra + ",password=" + secret;
            case 2 -> "password=" + secret + "," + host + extra;
            case 3 -> "redis://:" + secret + "@" + host + tail;
            case 4 -> "rediss://user:" + secret + "@" + host + tail;
            // without a user, a ':' would make what precedes it the user name, as URI syntax says
            default -> "redis://" + secret.replace(":", "") + "@" + host + tail;
        };
    }

    private static String password(SplittableRandom random) {
        while (true) {
            String password = stringOf(random, SECRET_CHARS + ",=@:/%+ #?[]0aF", 1, 12);
            if (password.chars().anyMatch(c -> SECRET_CHARS.indexOf(c) >= 0)) {
                return password;
            }
        }
    }
}
