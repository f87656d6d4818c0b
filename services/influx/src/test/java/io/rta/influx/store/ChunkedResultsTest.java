package io.rta.influx.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.service.errors.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On answers captured from a real InfluxDB 1.6 ({@code src/test/resources}). */
class ChunkedResultsTest {

    /** Each row as text: time, then each column's number, text or "-". */
    private static final class Recorder implements RowSink {
        final List<List<String>> columns = new ArrayList<>();
        final List<String> rows = new ArrayList<>();

        @Override
        public void columns(List<String> names) {
            columns.add(names);
        }

        @Override
        public void row(Row row) {
            StringBuilder text = new StringBuilder().append(row.time());
            for (int i = 1; i < row.columns(); i++) {
                text.append(' ').append(row.isNumber(i) ? Double.toString(row.number(i))
                        : row.text(i) != null ? row.text(i) : "-");
            }
            rows.add(text.toString());
        }
    }

    private static Recorder parse(String resource) throws IOException {
        Recorder recorder = new Recorder();
        try (InputStream in = ChunkedResultsTest.class.getResourceAsStream("/" + resource)) {
            ChunkedResults.parse(in, recorder);
        }
        return recorder;
    }

    @Test
    void shouldReadEveryRowOfAChunkedAnswerInOrderWithNullsAsAbsent() throws IOException {
        Recorder recorder = parse("chunked-two-chunks.json");

        assertThat(recorder.columns).containsExactly(List.of("time", "aaa", "bbb", "nope"),
                List.of("time", "aaa", "bbb", "nope"));
        assertThat(recorder.rows).containsExactly("1000000000 1.5 2.0 -", "2000000000 2.5 - -",
                "3000000000 - 3.0 -", "4000000000 4.5 5.0 -");
    }

    @Test
    void shouldReadStringValuesAsText() throws IOException {
        assertThat(parse("chunked-events.json").rows).containsExactly("2500000000 lap 1.0 2.0");
    }

    @Test
    void shouldReadEveryStatementOfAMultiStatementAnswer() throws IOException {
        assertThat(parse("bounds.json").rows).containsExactly("1000000000 1.5 2.0", "4000000000 4.5 5.0");
    }

    @Test
    void shouldReadAnAnswerWithoutSeriesAsNoRows() throws IOException {
        assertThat(parse("chunked-empty.json").rows).isEmpty();
    }

    @Test
    void shouldTurnAStatementErrorIntoInvalidInputWithInfluxsMessage() {
        assertThatThrownBy(() -> parse("chunked-statement-error.json")).isInstanceOf(InvalidInputException.class)
                .hasMessage("InfluxDB refused the query: database not found: nodb");
    }

    @Test
    void shouldTurnAQueryErrorIntoInvalidInputWithInfluxsMessage() {
        assertThatThrownBy(() -> parse("parse-error.json")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("InfluxDB refused the query: error parsing query: found ), expected");
    }

    @Test
    void shouldDeliverRowsBeforeAnErrorThatEndsTheStream() {
        Recorder recorder = new Recorder();
        String body = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"a\"],"
                + "\"values\":[[1,1],[2,true]],\"partial\":true}],\"partial\":true}]}\n{\"error\":\"timeout\"}\n";

        assertThatThrownBy(() -> ChunkedResults.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                recorder)).hasMessageContaining("timeout");
        assertThat(recorder.rows).containsExactly("1 1.0", "2 1.0");
    }

    @Test
    void shouldRefuseATruncatedAnswer() {
        String body = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"a\"],"
                + "\"values\":[[1,1],[2";

        assertThatThrownBy(() -> ChunkedResults.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                new Recorder())).isInstanceOf(IOException.class);
    }
}
