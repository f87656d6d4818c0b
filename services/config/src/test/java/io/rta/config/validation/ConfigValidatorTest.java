package io.rta.config.validation;

import io.rta.config.ConfigFixtures;
import io.rta.config.api.ConfigMediaTypes;
import org.junit.jupiter.api.Test;

import static io.rta.config.ConfigFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigValidatorTest {

    private final ConfigValidator validator = new ConfigValidator();

    @Test
    void shouldAcceptTheApiExampleConfig() {
        assertThatCode(() -> validator.validate("demo", ConfigMediaTypes.JSON, ConfigFixtures.exampleJson()))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldAcceptAConfigWithoutApps() {
        assertThatCode(() -> validator.validate("empty", ConfigMediaTypes.JSON, utf8("{}")))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldAcceptAnyNonEmptyFfc() {
        assertThatCode(() -> validator.validate("ffc", ConfigMediaTypes.FFC, ConfigFixtures.ffc(1024)))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRejectEmptyData() {
        assertThatThrownBy(() -> validator.validate("ffc", ConfigMediaTypes.FFC, new byte[0]))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("data of config 'ffc' must not be empty");
    }

    @Test
    void shouldRejectIdentifiersBreakingTheIdentityRules() {
        ConfigValidator tight = new ConfigValidator(io.rta.topology.limits.InputLimits.defaults()
                .withMaxIdentityLength(4));

        assertThatCode(() -> tight.validateIdentifier("abcd")).doesNotThrowAnyException();
        assertThatThrownBy(() -> tight.validateIdentifier("abcde"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("identifier: the identity is 5 bytes long; at most 4 bytes are allowed (MaxIdentityLength)");
        assertThatThrownBy(() -> tight.validateIdentifier("éé\u20ac"))
                .hasMessage("identifier: the identity is 7 bytes long; at most 4 bytes are allowed (MaxIdentityLength)");
        assertThatThrownBy(() -> validator.validate("a\nb", ConfigMediaTypes.JSON, utf8("{}")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("identifier: the identity holds the control character U+000A at position 1; control "
                        + "characters are not allowed");
    }

    @Test
    void shouldRejectABlankIdentifier() {
        assertThatThrownBy(() -> validator.validate(" ", ConfigMediaTypes.JSON, utf8("{}")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("identifier must not be empty");
    }

    @Test
    void shouldRejectAnUnknownContentTypeNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> validator.validate("x", "application/json", utf8("{}")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("content_type of config 'x' must be one of application/vnd.mat.config+json or "
                        + "application/vnd.mat.config+ffc, not 'application/json'");
    }

    @Test
    void shouldRejectMalformedJsonWithItsLocation() {
        assertThatThrownBy(() -> validator.validate("x", ConfigMediaTypes.JSON, utf8("{\"demo\": {\n  \"desc\": }")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("config 'x' is not valid JSON: Unexpected character ('}'")
                .hasMessageEndingWith("(line 2, column 11)");
    }

    @Test
    void shouldRejectContentAfterTheJsonDocument() {
        assertThatThrownBy(() -> validator.validate("x", ConfigMediaTypes.JSON, utf8("{} {}")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("config 'x' is not valid JSON: Trailing token");
    }

    @Test
    void shouldRejectWhitespaceAsJson() {
        assertThatThrownBy(() -> validator.validate("x", ConfigMediaTypes.JSON, utf8("  \n")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("config 'x' is not valid JSON: no content");
    }

    @Test
    void shouldRejectJsonThatIsNotAnObject() {
        assertThatThrownBy(() -> validator.validate("x", ConfigMediaTypes.JSON, utf8("[]")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("config 'x' does not match config.schema.json: $: array found, object expected");
    }

    @Test
    void shouldRejectSchemaViolationsNamingTheirJsonPaths() {
        String config = """
                {"demo": {
                  "parameters": [{"id": "p:demo", "name": "p", "desc": "P"}],
                  "channels": [{"id": "one", "source": "timestamped"}]
                }}""";
        assertThatThrownBy(() -> validator.validate("x", ConfigMediaTypes.JSON, utf8(config)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("config 'x' does not match config.schema.json: ")
                .hasMessageContaining("$.demo.parameters[0]: required property 'conv' not found")
                .hasMessageContaining("$.demo.channels[0].id: string found, integer expected");
    }

    @Test
    void shouldRejectAnUnknownEnumerationValue() {
        String config = "{\"demo\": {\"events\": [{\"id\": 8, \"pri\": \"urgent\"}]}}";
        assertThatThrownBy(() -> validator.validate("x", ConfigMediaTypes.JSON, utf8(config)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("$.demo.events[0].pri: does not have a value in the enumeration");
    }

    @Test
    void shouldListTheFirstViolationsAndCountTheRest() {
        StringBuilder channels = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            channels.append(i == 0 ? "" : ",").append("{\"id\": \"c").append(i).append("\"}");
        }
        String config = "{\"demo\": {\"channels\": [" + channels + "]}}";
        assertThatThrownBy(() -> validator.validate("x", ConfigMediaTypes.JSON, utf8(config)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("$.demo.channels[4].id")
                .hasMessageNotContaining("$.demo.channels[5].id")
                .hasMessageEndingWith("; and 3 more");
    }

    @Test
    void shouldCheckStreamInfoWithoutData() {
        assertThatCode(() -> validator.validateInfo("x", ConfigMediaTypes.FFC)).doesNotThrowAnyException();
        assertThatThrownBy(() -> validator.validateInfo("", ConfigMediaTypes.FFC))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("identifier must not be empty");
    }
}
