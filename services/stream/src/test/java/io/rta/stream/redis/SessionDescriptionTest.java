package io.rta.stream.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

class SessionDescriptionTest {

    @Test
    void shouldReadTheHashEntry() {
        SessionDescription description = SessionDescription.parse("{\"streamSessionId\":7,\"streamName\":\"car1\","
                + "\"streamPosition\":\"1718000000000-3\",\"lastUpdated\":1718000000123,"
                + "\"json\":\"{\\\"state\\\":\\\"open\\\"}\",\"tStart\":100,\"tEnd\":200}");

        assertThat(description.streamSessionId()).isEqualTo(7);
        assertThat(description.streamName()).isEqualTo("car1");
        assertThat(description.streamPosition()).isEqualTo(new StreamEntryID(1718000000000L, 3));
        assertThat(description.json()).isEqualTo("{\"state\":\"open\"}");
        assertThat(description.timeRange()).isEqualTo(new TimeRange(100, 200));
    }

    @Test
    void shouldAcceptNumbersWrittenAsStringsAndAnEmbeddedJsonObject() {
        SessionDescription description = SessionDescription.parse("{\"streamSessionId\":\"7\",\"streamName\":\"c\","
                + "\"streamPosition\":\"0-0\",\"json\":{\"state\":\"open\"},\"tStart\":\"1\",\"tEnd\":\"2\"}");

        assertThat(description.streamSessionId()).isEqualTo(7);
        assertThat(description.json()).isEqualTo("{\"state\":\"open\"}");
        assertThat(description.timeRange()).isEqualTo(new TimeRange(1, 2));
    }

    @Test
    void shouldLeaveJsonAndTimeRangeEmptyUntilPublished() {
        SessionDescription description = SessionDescription.parse(
                "{\"streamSessionId\":1,\"streamName\":\"c\",\"streamPosition\":\"0-0\",\"tStart\":5}");

        assertThat(description.json()).isNull();
        assertThat(description.timeRange()).isNull();
    }

    @Test
    void shouldNameWhatIsWrong() {
        assertThatThrownBy(() -> SessionDescription.parse("not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> SessionDescription.parse("[1]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> SessionDescription.parse("{\"streamName\":\"c\",\"streamPosition\":\"0-0\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamSessionId is missing");
        assertThatThrownBy(() -> SessionDescription.parse("{\"streamSessionId\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamSessionId")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> SessionDescription.parse("{\"streamSessionId\":1,\"streamPosition\":\"0-0\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamName is missing");
        assertThatThrownBy(() -> SessionDescription.parse(
                "{\"streamSessionId\":1,\"streamName\":\"c\",\"streamPosition\":\"latest\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"latest\"");
    }
}
