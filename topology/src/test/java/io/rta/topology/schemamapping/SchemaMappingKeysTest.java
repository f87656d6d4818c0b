package io.rta.topology.schemamapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.topology.limits.InputLimits;
import io.rta.topology.schemamapping.SchemaMappingKeys.MappingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaMappingKeysTest {

    private final InputLimits limits = InputLimits.defaults();

    @Test
    void shouldWriteTheTwoStringsAsACompactJsonArray() {
        assertThat(SchemaMappingKeys.encode("influx", "car='EA04 LFG' AND trip=\"x\\y\""))
                .isEqualTo("[\"influx\",\"car='EA04 LFG' AND trip=\\\"x\\\\y\\\"\"]");
        assertThat(SchemaMappingKeys.encode("files", "données/ラップ,1.parquet"))
                .isEqualTo("[\"files\",\"données/ラップ,1.parquet\"]");
    }

    @Test
    void shouldReadBackEveryPairItWrites() {
        for (String[] pair : new String[][] {{"a", "b"}, {"\",\"", "]["}, {"\\", "\\\""}, {"x y", "[\"a\",\"b\"]"}}) {
            String key = SchemaMappingKeys.encode(pair[0], pair[1]);
            assertThat(SchemaMappingKeys.decode(key, limits)).isEqualTo(new MappingKey(pair[0], pair[1]));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "influx|is not a JSON array of two strings",
            "[\"influx\"]|is not a JSON array of two strings",
            "[\"a\",\"b\",\"c\"]|is not a JSON array of two strings",
            "[\"a\",1]|is not a JSON array of two strings",
            "{\"a\":\"b\"}|is not a JSON array of two strings",
            "[\"a\",\"b\"|is not a JSON array of two strings",
            "[\"a\", \"b\"]|is not in canonical form; write it as [\"a\",\"b\"]",
            "[\"\\u0061\",\"b\"]|is not in canonical form",
            "[\"\",\"b\"]|data_source: an identity must not be empty",
            "[\"a\",\"\"]|data_identity: an identity must not be empty",
            "[\"a\",\"b\\u0000\"]|data_identity: the identity holds the control character U+0000"})
    void shouldRefuseAKeyThatIsNotTheCanonicalArrayOfAValidPair(String key, String problem) {
        assertThatThrownBy(() -> SchemaMappingKeys.decode(key, limits))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("record key: ")
                .hasMessageContaining(problem);
    }

    @Test
    void shouldRefuseAMissingKey() {
        assertThatThrownBy(() -> SchemaMappingKeys.decode(null, limits)).hasMessageStartingWith("record key: missing");
    }

    @Test
    void shouldApplyTheIdentityLengthLimitToBothParts() {
        String key = SchemaMappingKeys.encode("a", "i".repeat(20));
        assertThatThrownBy(() -> SchemaMappingKeys.decode(key, limits.withMaxIdentityLength(10)))
                .hasMessageContaining("data_identity: the identity is 20 bytes long; at most 10 bytes");
    }
}
