package io.rta.files.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FetchAheadTest {

    private final ExecutorService fetchers = Executors.newCachedThreadPool();
    private final FetchAhead fetchAhead = new FetchAhead(fetchers);

    @AfterEach
    void stop() {
        fetchers.shutdownNow();
    }

    /** A fetch of {@code batches} batches of one row each: time i, value i * 10, the value absent when i % 3 == 2. */
    private static FetchAhead.Fetch rows(int batches, AtomicReference<Thread> fetcher) {
        return (first, exchange) -> {
            fetcher.set(Thread.currentThread());
            RowBatches.Batch batch = first;
            for (int i = 0; i < batches; i++) {
                batch.times[0] = i;
                batch.values[0][0] = i * 10.0;
                batch.present[0][0] = i % 3 != 2;
                batch.gaps[0] |= i % 3 == 2; // as RowBatches.read does on a null
                batch.seal(1);
                batch = exchange.full(batch);
            }
        };
    }

    @Test
    void shouldHandEveryBatchOnInOrderOnTheCallersThreadWhileAnotherFetches() throws Exception {
        List<String> seen = new ArrayList<>();
        AtomicReference<Thread> fetcher = new AtomicReference<>();
        Thread caller = Thread.currentThread();

        fetchAhead.scan(1, rows(1000, fetcher), (count, times, values, present) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            for (int r = 0; r < count; r++) {
                seen.add(times[r] + "=" + (present[0] == null || present[0][r] ? values[0][r] : "-"));
            }
        });

        assertThat(fetcher.get()).isNotSameAs(caller);
        assertThat(seen).hasSize(1000);
        assertThat(seen.get(0)).isEqualTo("0=0.0");
        assertThat(seen.get(2)).isEqualTo("2=-");
        assertThat(seen.get(999)).isEqualTo("999=9990.0");
    }

    @Test
    void shouldThrowTheFetchsErrorAfterTheBatchesBeforeIt() {
        List<Long> seen = new ArrayList<>();
        FetchAhead.Fetch failing = (first, exchange) -> {
            RowBatches.Batch batch = first;
            for (int i = 0; i < 5; i++) {
                batch.times[0] = i;
                batch.seal(1);
                batch = exchange.full(batch);
            }
            throw new SQLException("Conversion Error: Line: 1950002");
        };

        assertThatThrownBy(() -> fetchAhead.scan(1, failing, (count, times, values, present) -> seen.add(times[0])))
                .isInstanceOf(SQLException.class).hasMessageContaining("Line: 1950002");
        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void shouldStopAnEndlessFetchWhenTheSinkFailsAndReturnOnlyOnceItHasLetGo() {
        AtomicBoolean fetching = new AtomicBoolean();
        FetchAhead.Fetch endless = (first, exchange) -> {
            fetching.set(true);
            try {
                RowBatches.Batch batch = first;
                for (long i = 0; ; i++) {
                    batch.times[0] = i;
                    batch.seal(1);
                    batch = exchange.full(batch);
                }
            } finally {
                fetching.set(false); // the statement and connection would be closed here
            }
        };
        int[] handed = new int[1];

        assertThatThrownBy(() -> fetchAhead.scan(1, endless, (count, times, values, present) -> {
            if (++handed[0] == 7) {
                throw new IOException("the client went away");
            }
        })).isInstanceOf(IOException.class).hasMessage("the client went away");
        assertThat(fetching).as("the fetch has ended before scan returned").isFalse();
    }

    @Test
    void shouldPassOnAFetchsRuntimeException() {
        FetchAhead.Fetch broken = (first, exchange) -> {
            throw new IllegalStateException("the engine gave a row at 5 after one at 7");
        };

        assertThatThrownBy(() -> fetchAhead.scan(1, broken, (count, times, values, present) -> {
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("after one at 7");
    }

    @Test
    void shouldRefuseAScanOnceClosed() {
        fetchers.shutdownNow();

        assertThatThrownBy(() -> fetchAhead.scan(1, rows(1, new AtomicReference<>()),
                (count, times, values, present) -> {
                })).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
