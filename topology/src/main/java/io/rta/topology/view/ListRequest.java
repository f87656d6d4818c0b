package io.rta.topology.view;

import io.rta.topology.limits.InputLimits;
import io.rta.topology.query.QueryException;
import io.rta.topology.query.SessionQuery;
import io.rta.topology.query.SessionSort;

/**
 * A page request against the {@link SessionCatalog}. Null query and sort mean "all" and the default
 * order; a null or empty folder means the whole tree; page size 0 means {@link #DEFAULT_PAGE_SIZE}
 * (proto3 cannot tell an unset page size from 0). Requests from clients are made with {@link #bounded}, which refuses
 * a page size above {@link InputLimits#maxPageSize}. Offsets are computed in {@code long}, so no page index and size
 * overflow.
 */
public record ListRequest(SessionQuery query, String folder, SessionSort sort, int pageIndex, int pageSize,
                          boolean includeSubSessions) {

    public static final int DEFAULT_PAGE_SIZE = 100;

    public ListRequest {
        if (pageIndex < 0) {
            throw new QueryException("pageIndex must be 0 or more, not " + pageIndex);
        }
        if (pageSize < 0) {
            throw new QueryException("pageSize must be 0 or more, not " + pageSize);
        }
        query = query == null ? SessionQuery.all() : query;
        sort = sort == null ? SessionSort.defaultOrder() : sort;
        pageSize = pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize;
    }

    /**
     * A client's request: a page size above the limit is refused (not clamped, so a client never takes a short page
     * for the end of the list); 0 means {@link #DEFAULT_PAGE_SIZE}, or the limit when that is lower.
     *
     * @throws QueryException for a negative page index or size, or a page size above the limit
     */
    public static ListRequest bounded(SessionQuery query, String folder, SessionSort sort, int pageIndex, int pageSize,
                                      boolean includeSubSessions, InputLimits limits) {
        if (pageSize > limits.maxPageSize()) {
            throw new QueryException(InputLimits.exceeded("pageSize", pageSize, limits.maxPageSize(),
                    InputLimits.MAX_PAGE_SIZE));
        }
        int size = pageSize == 0 ? Math.min(DEFAULT_PAGE_SIZE, limits.maxPageSize()) : pageSize;
        return new ListRequest(query, folder, sort, pageIndex, size, includeSubSessions);
    }

    /** The first page of everything top-level, newest first. */
    public static ListRequest defaults() {
        return new ListRequest(null, null, null, 0, 0, false);
    }

    public ListRequest withQuery(SessionQuery newQuery) {
        return new ListRequest(newQuery, folder, sort, pageIndex, pageSize, includeSubSessions);
    }

    public ListRequest withFolder(String newFolder) {
        return new ListRequest(query, newFolder, sort, pageIndex, pageSize, includeSubSessions);
    }

    public ListRequest withSort(SessionSort newSort) {
        return new ListRequest(query, folder, newSort, pageIndex, pageSize, includeSubSessions);
    }

    public ListRequest withPage(int newPageIndex, int newPageSize) {
        return new ListRequest(query, folder, sort, newPageIndex, newPageSize, includeSubSessions);
    }

    public ListRequest withSubSessions(boolean include) {
        return new ListRequest(query, folder, sort, pageIndex, pageSize, include);
    }

    /** Sessions to skip before the page. */
    long offset() {
        return (long) pageIndex * pageSize;
    }

    /** Sessions up to and including the page. */
    long limit() {
        return offset() + pageSize;
    }
}
