package io.rta.topology.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.topology.limits.InputLimits;
import io.rta.topology.query.QueryException;
import org.junit.jupiter.api.Test;

/** Page requests from clients: a page size above the cap is refused (not clamped); offsets never overflow. */
class ListRequestTest {

    private static final InputLimits LIMITS = InputLimits.defaults();

    @Test
    void shouldRefuseAPageSizeAboveTheCapNamingTheOption() {
        assertThatThrownBy(() -> ListRequest.bounded(null, null, null, 0, Integer.MAX_VALUE, false, LIMITS))
                .isInstanceOf(QueryException.class)
                .hasMessage("pageSize is 2147483647; at most 10000 allowed (MaxPageSize)");
        assertThatThrownBy(() -> ListRequest.bounded(null, null, null, 0, 10_001, false, LIMITS))
                .hasMessage("pageSize is 10001; at most 10000 allowed (MaxPageSize)");
    }

    @Test
    void shouldAcceptThePageSizeCapExactly() {
        assertThat(ListRequest.bounded(null, null, null, 0, 10_000, false, LIMITS).pageSize()).isEqualTo(10_000);
        assertThat(ListRequest.bounded(null, null, null, 0, 7, false, LIMITS.withMaxPageSize(7)).pageSize())
                .isEqualTo(7);
    }

    @Test
    void shouldUseTheDefaultPageSizeForZeroOrTheCapWhenThatIsLower() {
        assertThat(ListRequest.bounded(null, null, null, 0, 0, false, LIMITS).pageSize())
                .isEqualTo(ListRequest.DEFAULT_PAGE_SIZE);
        assertThat(ListRequest.bounded(null, null, null, 0, 0, false, LIMITS.withMaxPageSize(20)).pageSize())
                .isEqualTo(20);
    }

    @Test
    void shouldStillRefuseNegativePaging() {
        assertThatThrownBy(() -> ListRequest.bounded(null, null, null, 0, -1, false, LIMITS))
                .hasMessage("pageSize must be 0 or more, not -1");
        assertThatThrownBy(() -> ListRequest.bounded(null, null, null, -1, 10, false, LIMITS))
                .hasMessage("pageIndex must be 0 or more, not -1");
    }

    @Test
    void shouldComputeTheOffsetOfTheLastPossiblePageWithoutOverflow() {
        ListRequest last = ListRequest.bounded(null, "f", null, Integer.MAX_VALUE, 10_000, false, LIMITS);

        assertThat(last.offset()).isEqualTo(21_474_836_470_000L);
        assertThat(last.limit()).isEqualTo(21_474_836_480_000L);
    }

    @Test
    void shouldAnswerAnEmptyPageFarBeyondTheEndInEveryPath() {
        FolderTree folders = new FolderTree();
        folders.put(io.rta.topology.Sessions.folder("f", "", "F"));
        SessionCatalog catalog = new SessionCatalog(folders);
        for (int i = 0; i < 50; i++) {
            catalog.put(io.rta.topology.Sessions.session("s" + i).folders(i % 2 == 0 ? "f" : "").build());
        }
        ListRequest far = ListRequest.bounded(null, null, null, Integer.MAX_VALUE, 10_000, false, LIMITS);

        assertThat(catalog.list(far)).isEmpty();
        assertThat(catalog.list(far.withFolder("f"))).isEmpty();
        assertThat(catalog.list(far.withSort(io.rta.topology.query.SessionSort.parse(java.util.List.of("identity")))))
                .isEmpty();
        assertThat(catalog.list(far.withQuery(io.rta.topology.query.SessionQuery.parse("{\"state\": \"closed\"}"))))
                .isEmpty();
    }
}
