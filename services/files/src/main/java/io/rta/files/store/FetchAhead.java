package io.rta.files.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scan's fetching (DuckDB's work and the JDBC row loop) on a thread of its own while the calling thread hands
 * the batches on (chunking, encoding, compressing and writing a read's answer), so the two halves of a read overlap
 * on two cores instead of taking turns on one. {@value #BATCHES} batches circulate: one being filled, one being handed
 * on, one waiting. The caller sees what a scan on its own thread would show: the rows in order, the scan's
 * {@link SQLException} or the sink's {@link IOException}; when either side stops, the other stops too, and
 * {@link #scan} returns only once the fetching thread has let go of its statement and connection.
 */
final class FetchAhead {

    static final int BATCHES = 3;
    /** How often a fetching thread waiting for a free batch looks whether the reader has stopped. */
    private static final long STOP_CHECK_MILLIS = 50;

    /** The fetching half of a scan: executes its statement and fills batches through {@code exchange}. */
    interface Fetch {
        void run(RowBatches.Batch first, RowBatches.Exchange exchange) throws SQLException, IOException;
    }

    /** The end of a scan's batches: how the fetching ended (null when it read every row). */
    private record End(Throwable failure) {
    }

    /** Thrown on the fetching thread when the reader has stopped taking batches. */
    private static final class ReaderStopped extends IOException {
        ReaderStopped() {
            super("the reader stopped", null);
        }
    }

    private final ExecutorService fetchers;

    FetchAhead(ExecutorService fetchers) {
        this.fetchers = fetchers;
    }

    /** Runs {@code fetch} on a fetching thread and hands its batches (of {@code columns}) to {@code sink} here. */
    void scan(int columns, Fetch fetch, ColumnRows sink) throws SQLException, IOException {
        BlockingQueue<RowBatches.Batch> free = new ArrayBlockingQueue<>(BATCHES);
        for (int i = 1; i < BATCHES; i++) {
            free.add(new RowBatches.Batch(columns));
        }
        BlockingQueue<Object> full = new ArrayBlockingQueue<>(BATCHES + 1);
        CountDownLatch fetched = new CountDownLatch(1);
        Stop stop = new Stop();
        try {
            fetchers.execute(() -> {
                Throwable failure = null;
                try {
                    fetch.run(new RowBatches.Batch(columns), batch -> {
                        full.add(batch);
                        return next(free, stop);
                    });
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    full.add(new End(failure));
                    fetched.countDown();
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IOException("the file store is closed", e);
        }
        try {
            take(full, sink, free);
        } finally {
            stop.stopped = true;
            awaitUninterruptibly(fetched);
        }
    }

    /** Hands every batch on until the end; then throws what ended the fetching, if anything did. */
    private static void take(BlockingQueue<Object> full, ColumnRows sink, BlockingQueue<RowBatches.Batch> free)
            throws SQLException, IOException {
        while (true) {
            Object item;
            try {
                item = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a scan");
            }
            if (item instanceof End end) {
                rethrow(end.failure());
                return;
            }
            RowBatches.Batch batch = (RowBatches.Batch) item;
            batch.handTo(sink);
            free.add(batch);
        }
    }

    /** The next free batch, once the reader gives one back; fails when the reader has stopped. */
    private static RowBatches.Batch next(BlockingQueue<RowBatches.Batch> free, Stop stop) throws IOException {
        try {
            while (true) {
                if (stop.stopped) {
                    throw new ReaderStopped();
                }
                RowBatches.Batch batch = free.poll(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    return batch;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching a scan");
        }
    }

    private static void rethrow(Throwable failure) throws SQLException, IOException {
        if (failure == null) {
            return;
        }
        if (failure instanceof SQLException e) {
            throw e;
        }
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IOException("the scan failed: " + failure, failure);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Set by the reader when it stops taking batches (done or failed). */
    private static final class Stop {
        volatile boolean stopped;
    }
}
