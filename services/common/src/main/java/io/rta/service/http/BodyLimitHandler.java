package io.rta.service.http;

import io.rta.service.config.EdgeLimits;
import io.rta.topology.limits.InputLimits;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.http.HttpException;

/**
 * {@code MaxRequestBodySize}: a request body over the limit is refused with 413 before it is read into memory. With a
 * {@code Content-Length} over the limit the request is answered at once (and the connection closed, its body unread);
 * a body of unknown length (chunked) is counted as it is read and fails with 413 at the first byte past the limit.
 */
final class BodyLimitHandler extends Handler.Wrapper {

    private final long maxBytes;

    BodyLimitHandler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        if (length > maxBytes) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            JsonErrorHandler.write(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                    InputLimits.exceeded("the request body (bytes)", length, maxBytes,
                            EdgeLimits.MAX_REQUEST_BODY_SIZE));
            return true;
        }
        return super.handle(length < 0 ? new Counted(request, maxBytes) : request, response, callback);
    }

    /** A body of unknown length that fails once more than the limit was read. */
    private static final class Counted extends Request.Wrapper {

        private final long maxBytes;
        private long read;

        Counted(Request request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            read += chunk.remaining();
            if (read <= maxBytes) {
                return chunk;
            }
            chunk.release();
            return Content.Chunk.from(new HttpException.RuntimeException(HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "the request body (bytes) is more than " + maxBytes + "; at most " + maxBytes + " allowed ("
                            + EdgeLimits.MAX_REQUEST_BODY_SIZE + ")"), true);
        }
    }
}
