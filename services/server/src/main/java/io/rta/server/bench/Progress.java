package io.rta.server.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark's progress on stderr: one line per phase; within a phase, status updates rewrite one line in place
 * when stderr is a terminal, and are plain lines at most every {@link #PLAIN_STATUS_EVERY_NANOS} otherwise (a log
 * file or CI), so the output stays short and the result table, printed last, is easy to find.
 */
final class Progress {

    /** In plain mode, a phase's status updates are printed at most this often. */
    static final long PLAIN_STATUS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintStream err;
    private final boolean terminal;
    private boolean statusShown;
    private long lastPlainStatus;

    Progress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Progress on {@code err}, in place when it is the process's stderr and that is a terminal. */
    static Progress to(PrintStream err) {
        return new Progress(err, err == System.err && stderrIsTerminal());
    }

    /** Starts a phase: ends any in-place status, then one line {@code bench: <text>}. */
    synchronized void phase(String text) {
        endStatus();
        err.println("bench: " + text);
        lastPlainStatus = System.nanoTime();
        err.flush();
    }

    /** A status update within the phase. */
    synchronized void status(String text) {
        if (terminal) {
            err.print(CLEAR_LINE + text);
            statusShown = true;
        } else if (System.nanoTime() - lastPlainStatus >= PLAIN_STATUS_EVERY_NANOS) {
            err.println(text);
            lastPlainStatus = System.nanoTime();
        }
        err.flush();
    }

    /** Ends the in-place status line, if any, so what follows starts on a line of its own. */
    synchronized void done() {
        endStatus();
        err.flush();
    }

    /**
     * A stream for the load generators that print their own updates: each {@code println} is a {@link #status}.
     */
    PrintStream statusStream() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                status(line);
            }

            @Override
            public void println(Object line) {
                status(String.valueOf(line));
            }
        };
    }

    private void endStatus() {
        if (statusShown) {
            err.println();
            statusShown = false;
        }
    }

    /** Linux: fd 2 is a terminal device; elsewhere (or TERM=dumb) plain lines, which are always safe. */
    private static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (Exception e) {
            // no /proc (not Linux), or it is unreadable: plain lines
            return false;
        }
    }
}
