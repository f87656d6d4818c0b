package io.rta.gateway.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataBindingsJsonTest {

    static List<DataBinding> parse(String json) throws IOException {
        return DataBindingsJson.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldReadTheGuidesExample() throws IOException {
        String json = """
                [
                    {"key": {"source": "influx01", "identity": "someField='abc123'", "timeRef": 0},
                     "sessionStartTime": null, "sessionEndTime": null, "sessionTimeOffset": 0,
                     "dataChannelBindings": [{"firstDataChannel": 0, "firstSessionChannel": 0, "lastSessionChannel": 49}]},
                    {"key": {"source": "influx07", "identity": "someOtherField='xxxyyyzzz'", "timeRef": 5},
                     "sessionStartTime": 100, "sessionEndTime": 4294967296000, "sessionTimeOffset": -300000000,
                     "dataChannelBindings": [{"firstDataChannel": 0, "firstSessionChannel": 50, "lastSessionChannel": 59}]}
                ]""";

        assertThat(parse(json)).containsExactly(
                new DataBinding("influx01", "someField='abc123'", 0, null, null, 0, List.of(new ChannelBinding(0, 0, 49))),
                new DataBinding("influx07", "someOtherField='xxxyyyzzz'", 5, 100L, 4294967296000L, -300000000L,
                        List.of(new ChannelBinding(0, 50, 59))));
    }

    @Test
    void shouldTakeAbsentFieldsAsProtoDefaults() throws IOException {
        assertThat(parse("[{\"key\": {\"source\": \"s\"}}]"))
                .containsExactly(new DataBinding("s", "", 0, null, null, 0, List.of()));
        assertThat(parse("[{\"key\": {\"source\": \"s\", \"identity\": \"i\"}, \"dataChannelBindings\": null,"
                + " \"dataChannelBindings2\": 1}]")).singleElement()
                .extracting(DataBinding::channelBindings).isEqualTo(List.of());
        assertThat(parse("[{\"key\": {\"source\": \"s\"}, \"dataChannelBindings\": [{\"lastSessionChannel\": 4}]}]"))
                .singleElement().extracting(DataBinding::channelBindings)
                .isEqualTo(List.of(new ChannelBinding(0, 0, 4)));
        assertThat(parse("[]")).isEmpty();
    }

    @Test
    void shouldRefuseMalformedAnswersNamingTheBindingNotTheIdentity() {
        String secret = "path/to/secret";
        for (String json : new String[] {"", "{}", "[1]", "[{}]", "[{\"key\": {\"identity\": \"" + secret + "\"}}]",
                "[{\"key\": {\"source\": \"s\", \"identity\": \"" + secret + "\"}, \"sessionTimeOffset\": \"5\"}]",
                "[{\"key\": {\"source\": \"s\", \"identity\": \"" + secret + "\"}, \"sessionEndTime\": 1.5}]",
                "[{\"key\": {\"source\": \"s\"}, \"dataChannelBindings\": [{\"firstDataChannel\": -1}]}]",
                "[{\"key\": {\"source\": \"s\"}, \"dataChannelBindings\": [{\"lastSessionChannel\": 4294967296}]}]",
                "[{\"key\": {\"source\": \"s\"}, \"dataChannelBindings\": {}}]", "[{\"key\": {\"source\": 5}}]",
                "[{\"key\": {\"source\": \"s\"}}] x", "[{\"key\": {\"source\": \"s\", \"source\": \"t\"}}]"}) {
            assertThatThrownBy(() -> parse(json)).as(json).isInstanceOf(IOException.class)
                    .hasMessageNotContaining(secret);
        }
        assertThatThrownBy(() -> parse("[{\"key\": {\"source\": \"s\"}}, {\"key\": {\"source\": \"\"}}]"))
                .hasMessage("data binding 1: key.source is empty");
    }
}
