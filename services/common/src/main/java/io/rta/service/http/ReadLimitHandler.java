package io.rta.service.http;

import io.rta.service.edge.ReadLimiter;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The REST side of {@link ReadLimiter}: every request under {@code /rta/v2/} (the REST API only reads) takes a read
 * slot, held until its answer is written. A request that must wait holds no thread; one beyond the queue is answered
 * 503 with {@code Retry-After: 1} and the JSON body naming the limit. Not counted: {@code /rta/v2/info} (ATLAS polls it;
 * it reads nothing) and WebSocket upgrades (a live stream lasts as long as the client watches; the stream endpoint
 * has its own limits).
 */
final class ReadLimitHandler extends Handler.Wrapper {

    static final String API_PREFIX = "/rta/v2/";
    private static final String INFO = "/rta/v2/info";
    private static final String SESSIONS = "/rta/v2/sessions/";
    private static final String STREAM = "/stream";

    private final ReadLimiter reads;

    ReadLimitHandler(ReadLimiter reads) {
        this.reads = reads;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!isRead(request)) {
            return super.handle(request, response, callback);
        }
        ReadLimiter.Ticket ticket = reads.admit(admitted -> request.getContext().execute(
                () -> handleLater(request, response, callback, admitted)));
        switch (ticket.admittedAs()) {
            case RUNNING:
                return handleNow(request, response, callback, ticket);
            case QUEUED:
                // a client that goes away while it waits gives its place up
                request.addFailureListener(failure -> {
                    if (ticket.withdraw()) {
                        callback.failed(failure);
                    }
                });
                return true;
            default:
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                JsonErrorHandler.write(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, reads.refusal());
                return true;
        }
    }

    private boolean handleNow(Request request, Response response, Callback callback, ReadLimiter.Ticket ticket)
            throws Exception {
        Callback releasing = releasing(callback, ticket);
        boolean handled;
        try {
            handled = super.handle(request, response, releasing);
        } catch (Exception | Error e) {
            ticket.release();
            throw e;
        }
        if (!handled) {
            ticket.release();
        }
        return handled;
    }

    private void handleLater(Request request, Response response, Callback callback, ReadLimiter.Ticket ticket) {
        Callback releasing = releasing(callback, ticket);
        try {
            if (!super.handle(request, response, releasing)) {
                Response.writeError(request, response, releasing, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable failure) {
            Response.writeError(request, response, releasing, failure);
        }
    }

    private static boolean isRead(Request request) {
        String path = Request.getPathInContext(request);
        return path.startsWith(API_PREFIX) && !path.equals(INFO) && !isLiveStream(request, path);
    }

    /**
     * A WebSocket upgrade of the live stream endpoint. Both must hold: any client may send an {@code Upgrade} header
     * (Java's HttpClient offers {@code h2c} on every request), and that must not let a read skip its slot.
     */
    private static boolean isLiveStream(Request request, String path) {
        return path.startsWith(SESSIONS) && path.endsWith(STREAM)
                && request.getHeaders().contains(HttpHeader.UPGRADE, "websocket");
    }

    /** The request's callback, freeing the slot once the answer is complete (or failed). */
    private static Callback releasing(Callback callback, ReadLimiter.Ticket ticket) {
        AtomicBoolean done = new AtomicBoolean();
        return new Callback() {
            @Override
            public void succeeded() {
                try {
                    callback.succeeded();
                } finally {
                    if (done.compareAndSet(false, true)) {
                        ticket.release();
                    }
                }
            }

            @Override
            public void failed(Throwable failure) {
                try {
                    callback.failed(failure);
                } finally {
                    if (done.compareAndSet(false, true)) {
                        ticket.release();
                    }
                }
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
    }
}
