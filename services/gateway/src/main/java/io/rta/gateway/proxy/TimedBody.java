package io.rta.gateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} whose reads give up after a silence of {@code readTimeout}. The JDK's own
 * {@code BodyHandlers.ofInputStream()} blocks for ever when a service stops sending part-way; this one throws
 * {@link UpstreamFailure} (504) instead and cancels the exchange, so a stalled service never hangs a client. It asks
 * for one part of the body at a time: what is held in memory is one part, whatever the body's size.
 */
final class TimedBody implements HttpResponse.BodySubscriber<InputStream> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> parts = new LinkedBlockingQueue<>();
    private final Duration readTimeout;
    private final String upstream;
    private final CompletableFuture<InputStream> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    /** @param upstream what the service is called in the timeout's message */
    TimedBody(Duration readTimeout, String upstream) {
        this.readTimeout = readTimeout;
        this.upstream = upstream;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        body.complete(new Stream());
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        parts.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        parts.add(throwable);
    }

    @Override
    public void onComplete() {
        parts.add(END);
    }

    /** The body; each part asked for once the previous one is read. */
    private final class Stream extends InputStream {

        private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
        private ByteBuffer current;
        private boolean ended;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!advance()) {
                return -1;
            }
            int count = Math.min(length, current.remaining());
            current.get(target, offset, count);
            return count;
        }

        @Override
        public int available() {
            return current == null ? 0 : current.remaining();
        }

        /** True when {@code current} has bytes; false at the end of the body. */
        private boolean advance() throws IOException {
            while (current == null || !current.hasRemaining()) {
                if (buffers.hasNext()) {
                    current = buffers.next();
                    continue;
                }
                if (ended || closed) {
                    return false;
                }
                next();
            }
            return true;
        }

        @SuppressWarnings("unchecked")
        private void next() throws IOException {
            Object part;
            try {
                part = parts.poll(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IOException("interrupted while reading the answer of the " + upstream, e);
            }
            if (part == null) {
                close();
                throw new UpstreamFailure(504, "the " + upstream + " stopped sending its answer for "
                        + readTimeout.toMillis() + " ms (UpstreamReadTimeout)", null);
            }
            if (part == END) {
                ended = true;
                return;
            }
            if (part instanceof Throwable failure) {
                ended = true;
                throw new UpstreamFailure(502, "the " + upstream + " broke off its answer", failure);
            }
            buffers = ((List<ByteBuffer>) part).iterator();
            subscription.request(1);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (!ended) {
                    subscription.cancel();
                }
            }
        }
    }
}
