package io.rta.stream.redis;

import io.micrometer.core.instrument.MeterRegistry;
import com.codahale.metrics.health.HealthCheck;
import io.rta.stream.live.LiveAttachment;
import io.rta.stream.live.LiveListener;
import io.rta.stream.live.LiveSource;
import io.rta.stream.live.NotStreamableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Live sessions from a pipeline speaking the RTA Redis protocol ({@code devguide/live/redis.md}): sessions are
 * looked up in the {@code sessions} hash or their own hash ({@link SessionDirectory}), each stream with attached
 * sessions is read once by a {@link StreamReader} that fans the sessions' burst entries out, a new subscription is
 * back-filled from the stream ({@link RedisBackfill}), and a {@link StreamTrimmer} caps the streams.
 *
 * <p>Attaching and detaching happen on the web server's threads while readers hand out on theirs: the set of
 * readers changes only under one lock, each reader's sessions are a concurrent map, and each session's attachments a
 * copy-on-write list, so handing out never waits for an attach.
 *
 * <p>Redis being down never stops the source: attaching answers "not streamable" with a reason, readers retry with
 * back-off and resume where they were, {@link #health()} reports Redis unreachable.
 */
public final class RedisLiveSource implements LiveSource {

    static final String SOURCE_STOPPED = "live source stopped";

    private static final Logger LOG = LoggerFactory.getLogger(RedisLiveSource.class);
    /** Connections for attaches, back-fills, the session directory and the trimmer (short commands). */
    private static final int MAX_CONNECTIONS = 128;
    /**
     * The readers' own pool has no cap: each followed stream's XREAD BLOCK holds one connection almost always. A
     * stopped reader's connection is closed once idle for {@link #READER_IDLE}.
     */
    private static final int UNBOUNDED = -1;
    private static final Duration READER_IDLE = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration IDLE_CHECK_PERIOD = Duration.ofSeconds(30);

    private final RedisSettings settings;
    private final UnifiedJedis redis;
    private final UnifiedJedis readerRedis;
    private final SessionDirectory directory;
    private final RedisMetrics metrics;
    private final Map<String, StreamReader> readers = new HashMap<>();
    private final ScheduledExecutorService trimmer;
    private volatile boolean closed;

    /** Connects lazily: the source starts even while Redis is down (health says so). */
    public RedisLiveSource(RedisSettings settings, MeterRegistry metrics) {
        this.settings = settings;
        this.redis = connect(settings, MAX_CONNECTIONS);
        this.readerRedis = connect(settings, UNBOUNDED);
        this.directory = new SessionDirectory(redis);
        this.metrics = new RedisMetrics(metrics, this::streamsFollowed);
        this.trimmer = settings.trimmer().enabled() ? startTrimmer(settings.trimmer()) : null;
        LOG.info("Redis live source: {} database {}; trimmer {}", settings.connection(), settings.database(),
                settings.trimmer().enabled() ? settings.trimmer() : "disabled");
    }

    /** @param maxConnections the pool's cap ({@link #UNBOUNDED}: none) */
    private static UnifiedJedis connect(RedisSettings settings, int maxConnections) {
        RedisConnectionString connection = settings.connection();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .database(settings.database())
                .ssl(connection.ssl())
                .connectionTimeoutMillis(connection.connectTimeoutMillis())
                .socketTimeoutMillis(connection.syncTimeoutMillis());
        connection.user().ifPresent(config::user);
        connection.password().ifPresent(config::password);
        connection.clientName().ifPresent(config::clientName);
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMaxWait(Duration.ofMillis(connection.connectTimeoutMillis()));
        // idle connections a Redis restart broke are found and replaced in the background
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(IDLE_CHECK_PERIOD);
        if (maxConnections == UNBOUNDED) {
            // a reader returns its connection only between two XREADs, so only stopped readers' connections idle
            pool.setNumTestsPerEvictionRun(-1);
            pool.setMinEvictableIdleDuration(READER_IDLE);
        }
        return RedisClient.builder()
                .hostAndPort(new HostAndPort(connection.host(), connection.port()))
                .clientConfig(config.build())
                .poolConfig(pool)
                .build();
    }

    private ScheduledExecutorService startTrimmer(TrimmerSettings trimmerSettings) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "redis-trimmer");
            thread.setDaemon(true);
            return thread;
        });
        long periodMillis = trimmerSettings.interval().toMillis();
        executor.scheduleWithFixedDelay(new StreamTrimmer(redis, trimmerSettings, metrics), periodMillis,
                periodMillis, TimeUnit.MILLISECONDS);
        return executor;
    }

    @Override
    public LiveAttachment attach(String identity, LiveListener listener) throws NotStreamableException {
        if (closed) {
            throw new NotStreamableException(SOURCE_STOPPED);
        }
        SessionDescription located = streamable(identity);
        StreamReader reader;
        SessionFeed feed;
        RedisAttachment attachment;
        synchronized (readers) {
            if (closed) {
                throw new NotStreamableException(SOURCE_STOPPED);
            }
            reader = readers.get(located.streamName());
            if (reader == null) {
                reader = startReader(located.streamName());
            }
            feed = reader.feed(located.streamSessionId(), identity);
            attachment = newAttachment(located, reader, feed, listener);
            feed.add(attachment);
        }
        try {
            // read again now the attachment is registered: a JSON update published meanwhile is not missed
            SessionDescription current = streamable(identity);
            if (current.streamSessionId() != located.streamSessionId()
                    || !current.streamName().equals(located.streamName())) {
                throw new NotStreamableException("session restarted on another stream while attaching");
            }
            attachment.open(current.json(), feed.widen(current.timeRange()));
            return attachment;
        } catch (NotStreamableException | RuntimeException e) {
            attachment.close();
            throw e;
        }
    }

    private SessionDescription streamable(String identity) throws NotStreamableException {
        Optional<SessionDescription> found;
        try {
            found = directory.find(identity);
        } catch (IllegalArgumentException e) {
            LOG.warn("Session {} has a malformed description in Redis: {}", identity, e.getMessage());
            throw new NotStreamableException("session entry in Redis is malformed");
        } catch (JedisException e) {
            LOG.warn("Could not look session {} up in Redis: {}", identity, e.toString());
            throw new NotStreamableException("live source unavailable: Redis unreachable");
        }
        SessionDescription description = found.orElseThrow(() -> new NotStreamableException("session not found"));
        if (description.json() == null) {
            throw new NotStreamableException("session has no JSON in Redis yet");
        }
        String state;
        try {
            state = SessionJsonState.of(description.json());
        } catch (IllegalArgumentException e) {
            LOG.warn("Session {} has malformed JSON in Redis: {}", identity, e.getMessage());
            throw new NotStreamableException("session JSON in Redis is malformed");
        }
        if (!SessionJsonState.OPEN.equals(state)) {
            throw new NotStreamableException("session is " + state + ", not open");
        }
        return description;
    }

    /** Starts following a stream from its current end (what is already there is back-fill). */
    private StreamReader startReader(String streamName) throws NotStreamableException {
        List<StreamEntry> last;
        try {
            last = redis.xrevrange(RedisKeys.streamKey(streamName), StreamEntryID.MAXIMUM_ID,
                    StreamEntryID.MINIMUM_ID, 1);
        } catch (JedisException e) {
            LOG.warn("Could not find the end of Redis stream {}: {}", streamName, e.toString());
            throw new NotStreamableException("live source unavailable: Redis unreachable");
        }
        StreamEntryID start = last.isEmpty() ? new StreamEntryID() : last.get(0).getID();
        StreamReader reader = new StreamReader(streamName, start, readerRedis, metrics);
        readers.put(streamName, reader);
        reader.start();
        LOG.info("Following Redis stream {} from {}", streamName, start);
        return reader;
    }

    private RedisAttachment newAttachment(SessionDescription session, StreamReader reader, SessionFeed feed,
                                          LiveListener listener) {
        byte[] key = RedisKeys.streamKey(session.streamName()).getBytes(StandardCharsets.UTF_8);
        return new RedisAttachment(listener,
                wanted -> new RedisBackfill(redis, key, session.streamSessionId(), session.streamPosition(),
                        reader.position(), wanted, metrics),
                detached -> detach(reader, feed, session.streamSessionId(), detached));
    }

    private void detach(StreamReader reader, SessionFeed feed, long streamSessionId, RedisAttachment attachment) {
        synchronized (readers) {
            feed.remove(attachment);
            if (reader.release(streamSessionId) && readers.get(reader.streamName()) == reader) {
                readers.remove(reader.streamName());
                reader.stop();
                LOG.info("Stopped following Redis stream {}: no session attached", reader.streamName());
            }
        }
    }

    private int streamsFollowed() {
        synchronized (readers) {
            return readers.size();
        }
    }

    @Override
    public HealthCheck.Result health() {
        try {
            redis.ping();
            return HealthCheck.Result.healthy("Redis " + settings.connection().host() + ":"
                    + settings.connection().port() + " answers; following " + streamsFollowed() + " streams");
        } catch (JedisException e) {
            return HealthCheck.Result.unhealthy("Redis " + settings.connection().host() + ":"
                    + settings.connection().port() + " unreachable: " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return "redis";
    }

    /** Ends every attachment ("live source stopped"), stops the readers and the trimmer, closes the connections. */
    @Override
    public void close() {
        if (trimmer != null) {
            trimmer.shutdownNow();
        }
        List<StreamReader> stopping;
        synchronized (readers) {
            closed = true;
            stopping = new ArrayList<>(readers.values());
            readers.clear();
        }
        for (StreamReader reader : stopping) {
            reader.stop();
            reader.end(SOURCE_STOPPED);
        }
        try {
            for (StreamReader reader : stopping) {
                reader.join(STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readerRedis.close();
        redis.close();
    }
}
