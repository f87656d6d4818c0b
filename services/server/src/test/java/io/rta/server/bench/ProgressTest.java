package io.rta.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Progress progress(boolean terminal) {
        return new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
    }

    private String text() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintOneLinePerPhaseAndHoldBackStatusLinesOnAPlainStream() {
        Progress progress = progress(false);

        progress.phase("loading 100 sessions ...");
        progress.statusStream().println("ingest: 10 / 100 sessions");
        progress.status("ingest: 20 / 100 sessions");
        progress.phase("timing default list page ...");
        progress.done();

        assertThat(text().lines()).containsExactly("bench: loading 100 sessions ...",
                "bench: timing default list page ...");
        assertThat(text()).doesNotContain("\r").doesNotContain("\u001b");
    }

    @Test
    void shouldRewriteTheStatusInPlaceOnATerminalAndEndItBeforeTheNextPhase() {
        Progress progress = progress(true);

        progress.phase("loading 100 sessions ...");
        progress.status("ingest: 10 / 100 sessions");
        progress.statusStream().println("ingest: 20 / 100 sessions");
        progress.phase("timing ...");

        assertThat(text()).isEqualTo("bench: loading 100 sessions ..." + System.lineSeparator()
                + "\r\u001b[Kingest: 10 / 100 sessions\r\u001b[Kingest: 20 / 100 sessions" + System.lineSeparator()
                + "bench: timing ..." + System.lineSeparator());
    }

    @Test
    void shouldNotUseTheTerminalForAStreamThatIsNotTheProcesssStderr() {
        Progress progress = Progress.to(new PrintStream(err, true, StandardCharsets.UTF_8));

        progress.phase("x");
        progress.status("y");
        progress.done();

        assertThat(text()).doesNotContain("\r");
    }
}
