package io.rta.stream.kafka;

import com.codahale.metrics.health.HealthCheck;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.service.view.SessionViews;
import io.rta.stream.live.LiveAttachment;
import io.rta.stream.live.LiveListener;
import io.rta.stream.live.LiveSource;
import io.rta.stream.live.NotStreamableException;
import io.rta.topology.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.rta.topology.view.Visibility;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live sessions from our own topics: session JSON from the process's session view ({@code rta.sessions}), data from
 * one tail of {@code rta.telemetry} shared by every client, back-fill from the recent telemetry kept in memory until
 * the REST API serves it (see {@link LiveRetention}).
 *
 * <p>Threads: the tail reads and fans out; a timer pushes time ranges (10 Hz) and polls the Streams application's
 * committed offsets (2 Hz); session changes arrive on the view loader's thread; clients attach and detach on theirs.
 */
public final class KafkaLiveSource implements LiveSource {

    /** How often a moved time range is pushed to a session's clients. */
    static final Duration TIME_RANGE_INTERVAL = Duration.ofMillis(100);
    /** How often the committed offsets of the Streams application are read (they gate eviction). */
    static final Duration COMMIT_POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);
    private static final String METRIC_PREFIX = "rta.stream.kafka.";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaLiveSource.class);

    private final SessionViews views;
    private final Admin admin;
    private final MeterRegistry metrics;
    private final List<Meter> meters = new java.util.ArrayList<>();
    private final StreamsCommits commits;
    private final LiveRetention retention;
    private final LiveSessions sessions;
    private final TelemetryTail tail;
    private final ScheduledThreadPoolExecutor timer;

    /**
     * @param topics         the topics (telemetry is read; {@link Topics#applicationId()}, the server's application, names
     *                       the Streams group)
     * @param consumerConfig Kafka consumer settings (bootstrap servers, security, fetch sizes); the source sets what
     *                       a group-less, low-latency, read-committed tail needs
     * @param admin          reads the Streams application's committed offsets and checks the brokers (not closed here)
     * @param views          the loaded session view of this process
     */
    public KafkaLiveSource(Topics topics, Map<String, Object> consumerConfig, Admin admin, SessionViews views,
                           KafkaLiveSettings settings, ProcessMetrics metrics) {
        this(topics, topics.applicationId(), consumerConfig, admin, views, settings, metrics);
    }

    /**
     * @param chunkApplicationId the Kafka Streams application that folds {@code rta.telemetry} into the chunk stores
     *     the REST API serves (the server's, or the data service's): its commits tell what a back-fill may leave to
     *     REST
     */
    public KafkaLiveSource(Topics topics, String chunkApplicationId, Map<String, Object> consumerConfig, Admin admin,
                           SessionViews views, KafkaLiveSettings settings, ProcessMetrics metrics) {
        this.views = views;
        this.admin = admin;
        this.metrics = metrics.registry();
        this.commits = new StreamsCommits(admin, chunkApplicationId, KAFKA_TIMEOUT);
        this.retention = new LiveRetention(settings.backScan(), settings.retentionBytes(), System::currentTimeMillis);
        this.sessions = new LiveSessions(views.catalog()::get, retention);
        this.tail = new TelemetryTail(topics.telemetry(), consumerConfig, metrics, commits, settings.backScan(),
                settings.limits(), new TelemetryTail.Sink() {
                    @Override
                    public void record(int partition, long offset, String identity, RecordItems items) {
                        // retained before fanned out: an attach in between finds the items in its snapshot; decoded
                        // only if a client follows the session now or attaches while the record is retained
                        retention.add(partition, offset, identity, items);
                        sessions.data(identity, items);
                    }

                    @Override
                    public void afterPoll() {
                        retention.evict();
                    }

                    @Override
                    public void failed(Throwable failure) {
                        // clients must not sit on a stream that will never carry anything again
                        sessions.endAll("live source failed: " + failure);
                    }
                });
        this.timer = new ScheduledThreadPoolExecutor(2, daemonThreads());
    }

    /** Starts reading in the background; {@link #health()} is unhealthy until every partition is positioned. */
    public void start() {
        registerMetrics();
        views.addChangeListener(sessions);
        tail.start();
        timer.scheduleWithFixedDelay(sessions::tick, TIME_RANGE_INTERVAL.toMillis(), TIME_RANGE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::pollCommits, 0, COMMIT_POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public LiveAttachment attach(String identity, LiveListener listener) throws NotStreamableException {
        return sessions.attach(identity, listener);
    }

    @Override
    public HealthCheck.Result health() {
        if (!tail.isRunning()) {
            return HealthCheck.Result.unhealthy("the telemetry tail stopped: " + tail.failure());
        }
        if (!tail.isPositioned()) {
            return HealthCheck.Result.unhealthy("the telemetry tail is starting"
                    + (tail.failure() == null ? "" : ": " + tail.failure()));
        }
        try {
            int brokers = admin.describeCluster().nodes().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return HealthCheck.Result.healthy("following " + tail.partitions().size() + " telemetry partition(s), "
                    + brokers + " broker(s) reachable, " + sessions.followed() + " session(s) streamed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheck.Result.unhealthy("interrupted while asking the brokers");
        } catch (Exception e) {
            return HealthCheck.Result.unhealthy("Kafka brokers unreachable: " + e);
        }
    }

    /** The session exists in this process's session view and the caller sees it. */
    @Override
    public boolean visible(String identity, Visibility visibility) {
        return views.catalog().get(identity, visibility).isPresent();
    }

    @Override
    public String name() {
        return "kafka";
    }

    /** Stops reading and ends every stream ("live source stopped"). */
    @Override
    public void close() {
        views.removeChangeListener(sessions);
        timer.shutdownNow();
        tail.close();
        sessions.endAll("live source stopped");
        meters.forEach(metrics::remove);
    }

    private void pollCommits() {
        List<TopicPartition> partitions = tail.partitions();
        if (partitions.isEmpty()) {
            return;
        }
        try {
            commits.read(partitions).forEach((partition, offset) -> retention.committed(partition.partition(), offset));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // nothing is evicted meanwhile but by the byte cap; the next poll tries again
            LOG.warn("Could not read the committed offsets of {}: {}", commits.groupId(), e.toString());
        }
    }

    private void registerMetrics() {
        meters.add(FunctionCounter.builder(METRIC_PREFIX + "records.skipped", tail, TelemetryTail::skipped)
                .description("telemetry records the live source could not read").register(metrics));
        meters.add(Gauge.builder(METRIC_PREFIX + "records.behind", tail, TelemetryTail::recordsBehind)
                .description("telemetry records not read yet by the live source").register(metrics));
        meters.add(Gauge.builder(METRIC_PREFIX + "retained.bytes", retention, LiveRetention::bytes).baseUnit("bytes")
                .description("bytes of live items kept for back-fill").register(metrics));
        meters.add(Gauge.builder(METRIC_PREFIX + "retained.items", retention, LiveRetention::items)
                .description("live items kept for back-fill").register(metrics));
        meters.add(FunctionCounter.builder(METRIC_PREFIX + "retention.capped.items", retention,
                LiveRetention::cappedItems).description("items evicted by the byte cap before the view committed them")
                .register(metrics));
        meters.add(Gauge.builder(METRIC_PREFIX + "sessions.streamed", sessions, LiveSessions::followed)
                .description("sessions with at least one client").register(metrics));
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, "live-kafka-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
