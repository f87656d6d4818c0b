package io.rta.stream.ws;

import io.rta.proto.model.net.stream.StreamSubscription;
import io.rta.stream.live.LiveAttachment;
import io.rta.stream.live.LiveData;
import io.rta.stream.live.LiveListener;
import io.rta.stream.live.LiveSource;
import io.rta.stream.live.NotStreamableException;
import io.rta.stream.protocol.InvalidStreamRequestException;
import io.rta.stream.protocol.StreamElements;
import io.rta.stream.protocol.StreamRequests;
import io.rta.stream.protocol.Subscription;
import io.rta.stream.protocol.SubscriptionLimitException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client following one session over {@code /rta/v2/sessions/{identity}/stream}: attaches to the live source when
 * the WebSocket opens, filters what the source fans out by the client's subscription, and hands the rest to its
 * {@link ClientSender}. A session that cannot be streamed gets a normal close and no message, as the protocol says.
 *
 * <p>Public only because Jetty invokes endpoint methods through method handles, which need a public class.
 */
public final class StreamConnection implements Session.Listener.AutoDemanding, LiveListener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamConnection.class);

    private final String identity;
    private final LiveSource source;
    private final StreamSettings settings;
    private final Executor executor;
    private final StreamMetrics metrics;
    private final Subscription subscription;
    private final AtomicBoolean opened = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean detached = new AtomicBoolean();
    private volatile ClientSender sender;
    private volatile LiveAttachment attachment;
    private final UnaryOperator<String> sessionJson;
    private final Access access;
    private final long createdMillis = System.currentTimeMillis();
    /** How long a connection may wait for its WebSocket to open before {@link #recheck} forgets it. */
    private static final long NEVER_OPENED_MILLIS = 60_000;

    /**
     * What keeps a connection's caller admitted after the handshake: the session still visible to it (null: the
     * caller sees everything) and its token not expired (with the clock skew tokens are checked with).
     */
    record Access(Predicate<String> visible, long tokenExpiresAtMillis, Duration clockSkew) {

        static final Access ALWAYS = new Access(null, Long.MAX_VALUE, Duration.ZERO);

        /** Why the caller may no longer follow {@code identity} at {@code nowMillis}, or null. */
        String revoked(String identity, long nowMillis) {
            if (tokenExpiresAtMillis != Long.MAX_VALUE
                    && nowMillis > tokenExpiresAtMillis + clockSkew.toMillis()) {
                return "the bearer token has expired: connect again with a new one";
            }
            if (visible != null && !visible.test(identity)) {
                return "session '" + identity + "' is no longer visible to this token (Auth:Policies)";
            }
            return null;
        }
    }

    StreamConnection(String identity, LiveSource source, StreamSettings settings, Executor executor,
                     StreamMetrics metrics) {
        this(identity, source, settings, executor, metrics, UnaryOperator.identity(), Access.ALWAYS);
    }

    /**
     * @param sessionJson what the client is sent of each session JSON (its links to sessions it may not see cut)
     * @param access      what must hold for the caller to stay connected ({@link #recheck})
     */
    StreamConnection(String identity, LiveSource source, StreamSettings settings, Executor executor,
                     StreamMetrics metrics, UnaryOperator<String> sessionJson, Access access) {
        this.sessionJson = sessionJson;
        this.access = access;
        this.identity = identity;
        this.source = source;
        this.settings = settings;
        this.executor = executor;
        this.metrics = metrics;
        this.subscription = new Subscription(settings.limits().maxSubscriptionChannels());
    }

    @Override
    public void onWebSocketOpen(Session session) {
        sender = new ClientSender(session, executor, settings, metrics, this::detach);
        opened.set(true); // after the sender: recheck() uses it once this is set
        metrics.opened(sender);
        try {
            attachment = source.attach(identity, this);
        } catch (NotStreamableException e) {
            sender.close(StatusCode.NORMAL, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("Attaching to session {} on the {} source failed", identity, source.name(), e);
            sender.close(StatusCode.SERVER_ERROR, "the " + source.name() + " source failed: " + e);
            return;
        }
        if (sender.isClosing()) {
            detach(); // closed while attaching: the sender's own detach found no attachment yet
        } else {
            sender.start();
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            StreamSubscription request = StreamRequests.subscription(payload);
            LiveAttachment attached = attachment;
            if (attached != null && !sender.isClosing()) {
                // widen() applies to live items before back-fill is taken: together they leave no gap.
                subscription.widen(request).ifPresent(added -> sender.widen(added, attached::backfill));
            }
        } catch (InvalidStreamRequestException e) {
            sender.close(StatusCode.BAD_PAYLOAD, e.getMessage());
        } catch (SubscriptionLimitException e) {
            if (sender.close(StatusCode.POLICY_VIOLATION, e.getMessage())) {
                metrics.limitClosed();
            }
        } catch (RuntimeException e) {
            LOG.warn("Back-fill of session {} from the {} source failed", identity, source.name(), e);
            sender.close(StatusCode.SERVER_ERROR, "the " + source.name() + " source failed: " + e);
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketText(String message) {
        sender.close(StatusCode.BAD_DATA, "text messages are not part of the protocol: send binary StreamRequests");
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket of session {} failed: {}", identity, cause.toString());
        closed();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed();
    }

    private void closed() {
        if (opened.get() && closed.compareAndSet(false, true)) {
            metrics.closed(sender);
            sender.terminate();
        }
    }

    /**
     * Closes the connection with 1008 when its caller may no longer follow the session: the access policies no
     * longer let it see the session (moved out of its folder, details no longer matching its query), or its token
     * has expired. The handshake checked both once; this is run every few seconds by {@link StreamWebSockets}.
     *
     * @return whether the connection is still open and admitted
     */
    boolean recheck(long nowMillis) {
        if (closed.get()) {
            return false;
        }
        if (!opened.get()) {
            return nowMillis - createdMillis < NEVER_OPENED_MILLIS; // an upgrade that never completed: forget it
        }
        String revoked = access.revoked(identity, nowMillis);
        if (revoked == null) {
            return true;
        }
        LOG.info("Closing the live stream of session {}: {}", identity, revoked);
        sender.close(StatusCode.POLICY_VIOLATION, revoked);
        return false;
    }

    boolean isClosed() {
        return closed.get();
    }

    private void detach() {
        LiveAttachment attached = attachment;
        if (attached != null && detached.compareAndSet(false, true)) {
            attached.close();
        }
    }

    @Override
    public void session(String json) {
        sender.enqueue(StreamElements.sessionJson(sessionJson.apply(json)));
    }

    @Override
    public void timeRange(long startTime, long endTime) {
        sender.timeRange(StreamElements.timeRange(startTime, endTime));
    }

    @Override
    public void data(LiveData item) {
        if (subscription.matches(item)) {
            sender.enqueue(item.element());
        }
    }

    @Override
    public void end(String reason) {
        sender.end(reason);
    }
}
