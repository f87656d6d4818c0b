package io.rta.topology.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.events.DateTimeValue;
import io.rta.events.Detail;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetailsTest {

    @Test
    void shouldTypeJsonValuesInDocumentOrder() {
        List<Detail> details = Details.fromJson("{\"s\":\"text\",\"i\":17,\"big\":9223372036854775807,"
                + "\"tooBig\":9223372036854775808,\"n\":1.5,\"whole\":2.0,\"exp\":1e3,\"b\":false,"
                + "\"d\":\"2021-05-06T18:58:56.20289+01:00\",\"notDate\":\"2021-05-06\"}");
        assertThat(details).containsExactly(
                new Detail("s", "text"), new Detail("i", 17L), new Detail("big", Long.MAX_VALUE),
                new Detail("tooBig", 9.223372036854775808E18), new Detail("n", 1.5), new Detail("whole", 2.0),
                new Detail("exp", 1000.0), new Detail("b", false),
                new Detail("d", new DateTimeValue("2021-05-06T18:58:56.20289+01:00")), new Detail("notDate", "2021-05-06"));
    }

    @Test
    void shouldAcceptAnEmptyObject() {
        assertThat(Details.fromJson(" {} ")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":{}}|key \"a\": a nested object is not allowed",
            "{\"a\":[1]}|key \"a\": an array is not allowed",
            "{\"a\":null}|key \"a\": null is not allowed",
            "{\"a\":1e999}|key \"a\": number is out of the range of a double",
            "[]|details JSON must be a JSON object, got an array",
            "\"x\"|details JSON must be a JSON object, got a string",
            "{\"\":1}|detail keys must not be empty"})
    void shouldRejectWhatTheModelCannotHoldNamingTheKey(String json, String message) {
        assertThatThrownBy(() -> Details.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void shouldRejectEmptyDuplicateAndTrailingJson() {
        assertThatThrownBy(() -> Details.fromJson("")).hasMessage("details JSON must be a JSON object, got an empty value");
        assertThatThrownBy(() -> Details.fromJson("{\"a\":1,\"a\":2}"))
                .hasMessageStartingWith("details JSON is not valid JSON: Duplicate field 'a'");
        assertThatThrownBy(() -> Details.fromJson("{\"a\":1} {}")).hasMessageStartingWith("details JSON is not valid JSON");
        assertThatThrownBy(() -> Details.fromJson("{a:1}")).hasMessageStartingWith("details JSON is not valid JSON");
    }

    @Test
    void shouldBuildStringDetailsInKeyOrderRecognisingDateTimes() {
        Map<String, String> values = new HashMap<>();
        values.put("z", "last");
        values.put("a", "2021-03-14T12:15:30Z");
        values.put("m", "17");
        assertThat(Details.fromStrings(values)).containsExactly(new Detail("a", new DateTimeValue("2021-03-14T12:15:30Z")),
                new Detail("m", "17"), new Detail("z", "last"));
    }

    @Test
    void shouldRejectEmptyStringDetailKeys() {
        assertThatThrownBy(() -> Details.fromStrings(Map.of("", "x"))).hasMessage("detail keys must not be empty");
    }
}
