package io.rta.server.replay;

import io.rta.schemas.CcompatRegistryClient;
import io.rta.server.KafkaSettings;
import io.rta.server.ServerOptions;
import io.rta.server.ServerTopology;
import io.rta.service.config.LimitOptions;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import io.rta.service.kafka.StreamsRunner;
import io.rta.service.kafka.TopicCreator;
import io.rta.service.lifecycle.Directories;
import io.rta.topology.Topic;
import io.rta.topology.Topics;
import io.rta.topology.errors.DeadLetters;
import io.rta.topology.data.ChunkTopology;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rta replay}: runs the server's topology ({@link ServerTopology}) over the live event topics, from the
 * beginning or from a time, into topics and an application id of its own ({@link Topics#replaying}), until every
 * input partition is committed up to the end offsets captured at start; then, with Verify, compares the outputs with
 * the live ones ({@link ReplayVerifier}). The live server's topics, stores and consumer group are only read.
 */
public final class Replay {

    public static final int OK = 0;
    public static final int FAILED = 1;
    /** Exit code of a verification that found differences. */
    public static final int DIFFERENT = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;
    private final String bootstrapServers;
    private final Topics live;
    private final Topics replay;

    private Replay(Options options, PrintStream out, PrintStream err, String bootstrapServers, Topics live,
                   Topics replay) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.bootstrapServers = bootstrapServers;
        this.live = live;
        this.replay = replay;
    }

    /**
     * Runs the command: results (summary, differences) to {@code out}, progress to {@code err}.
     *
     * @return {@link #OK}, or {@link #DIFFERENT} when Verify found differences
     * @throws IllegalArgumentException for a bad option or a ReplayPrefix in use (a usage error)
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return run(ReplayOptions.load(args), out, err);
    }

    public static int run(Options options, PrintStream out, PrintStream err) throws Exception {
        String livePrefix = options.getString(RtaOptions.TOPIC_PREFIX);
        String replayPrefix = ReplayOptions.replayPrefix(options);
        Optional<Instant> from = ReplayOptions.from(options);
        boolean verifyOnly = options.getBoolean(ReplayOptions.VERIFY_ONLY);
        boolean verify = verifyOnly || options.getBoolean(ReplayOptions.VERIFY);
        int maxShown = options.getInt(ReplayOptions.MAX_DIFFERENCES);
        CcompatRegistryClient registry = new CcompatRegistryClient(ReplayOptions.registryUrl(options));
        // said before the wait: a wrong or missing RegistryUrl otherwise shows nothing until StartupTimeout is over
        err.println("replay: schema registry " + registry.baseUrl() + " (RegistryUrl), waiting up to "
                + options.getDuration(ServerOptions.STARTUP_TIMEOUT).toSeconds() + " s (StartupTimeout) for it ...");
        registry.awaitAvailable(options.getDuration(ServerOptions.STARTUP_TIMEOUT));
        Replay replay = new Replay(options, out, err, ReplayOptions.bootstrapServers(options),
                Topics.create(livePrefix, registry), Topics.replaying(livePrefix, replayPrefix, registry));
        try (Offsets offsets = new Offsets(KafkaSettings.common(replay.bootstrapServers, options),
                KafkaSettings.consumer(replay.bootstrapServers, options))) {
            replay.requireLiveTopics(offsets);
            if (verify) {
                replay.requireLiveChunkView(offsets);
            }
            if (verifyOnly) {
                replay.requireReplayed(offsets);
            } else {
                replay.replay(offsets, from);
            }
            if (!verify) {
                return OK;
            }
            err.println("verify: comparing " + replayPrefix + "* with " + livePrefix + "* ...");
            Differences differences = new ReplayVerifier(offsets, replay.live, replay.replay).verify(maxShown);
            differences.print(out);
            return differences.count() == 0 ? OK : DIFFERENT;
        }
    }

    private void requireLiveTopics(Offsets offsets) {
        List<String> missing = names(live.events()).stream().filter(n -> !offsets.topicNames().contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the live topic(s) " + missing + " do not exist at " + bootstrapServers
                    + ": is TopicPrefix the live server's?");
        }
    }

    /**
     * Verify compares with the live all-in-one server's chunk view: a microservices deployment has none (its data
     * services are another Streams application), and comparing with nothing would report every chunk as a difference.
     */
    private void requireLiveChunkView(Offsets offsets) {
        String changelog = ReplayVerifier.changelog(live, ChunkTopology.CHUNK_STORE);
        if (!offsets.topicNames().contains(changelog)) {
            throw new IllegalArgumentException("Verify: the live server's chunk view (" + changelog + ") does not "
                    + "exist at " + bootstrapServers + ": Verify compares with a ./rta server's views (TopicPrefix '"
                    + live.prefix() + "'); a microservices deployment's data services (" + live.prefix()
                    + "rta-data-service) are not compared. Replay without Verify, or point TopicPrefix at the server's");
        }
    }

    private void requireReplayed(Offsets offsets) {
        if (!offsets.topicNames().contains(replay.sessions().name())) {
            throw new IllegalArgumentException("VerifyOnly: no replay has written to ReplayPrefix '"
                    + replay.prefix() + "' (" + replay.sessions().name() + " does not exist)");
        }
    }

    private void replay(Offsets offsets, Optional<Instant> from) throws Exception {
        List<String> inUse = offsets.topicNames().stream().filter(n -> n.startsWith(replay.prefix())).sorted()
                .toList();
        if (!inUse.isEmpty()) {
            throw new IllegalArgumentException("ReplayPrefix '" + replay.prefix() + "' is in use by " + inUse.size()
                    + " topic(s), e.g. " + inUse.get(0) + ": choose another, delete them first, or compare them "
                    + "with VerifyOnly");
        }
        String application = replay.applicationId();
        if (!offsets.committed(application).isEmpty()) {
            // an earlier replay's group whose topics were deleted: Streams would resume from its offsets and replay
            // only what came after them, then say "done"
            throw new IllegalArgumentException("ReplayPrefix '" + replay.prefix() + "': the consumer group "
                    + application + " already has committed offsets (an earlier replay's): choose another prefix, or "
                    + "delete the group first (kafka-consumer-groups --delete --group " + application + ")");
        }
        List<TopicPartition> inputs = offsets.partitions(names(live.events()));
        Map<TopicPartition, Long> starts = from.map(time -> offsets.at(inputs, time))
                .orElseGet(() -> offsets.beginnings(inputs));
        Progress progress = new Progress(starts, offsets.lastRecordEnds(starts, offsets.ends(inputs)));
        err.println(String.format(Locale.ROOT, "replay: %,d records of %s (%d partitions) from %s into prefix '%s' "
                        + "(application id %s)", progress.total(), String.join(", ", names(live.events())),
                progress.partitions(), from.map(Instant::toString).orElse("the beginning"), replay.prefix(),
                application));
        int partitions = offsets.partitions(List.of(live.sessionUpdates().name())).size();
        TopicCreator.ensureTopics(KafkaSettings.common(bootstrapServers, options), replay, partitions,
                (short) options.getInt(RtaOptions.REPLICATION_FACTOR));
        if (from.isPresent()) {
            offsets.commit(application, starts); // the group is new: Streams starts where it finds these
        }
        Path stateDir = options.getPath(RtaOptions.DATA_PATH).toAbsolutePath().resolve("replay").resolve(application);
        DeadLetters deadLetters = new DeadLetters(replay.deadLetters());
        long started = System.nanoTime();
        try (StreamsRunner streams = new StreamsRunner(ServerTopology.buildTopology(replay,
                LimitOptions.inputLimits(options), options.getInt(ServerOptions.MAX_CONFIG_SIZE)),
                streamsConfig(stateDir, deadLetters))) {
            streams.start();
            await(progress, () -> offsets.committed(application), streams, true);
            drainInternal(offsets, streams);
        }
        deleteRecursively(stateDir);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long replayed = progress.total();
        out.println(String.format(Locale.ROOT, "replay: done: %,d records replayed in %s (%,.0f records/s) into "
                        + "prefix '%s' (application id %s); %,d record(s) set aside to %s", replayed,
                Progress.clock(took.toSeconds()), replayed / Math.max(took.toMillis() / 1000.0, 0.001),
                replay.prefix(), application, deadLetters.count(), replay.deadLetters().name()));
    }

    /**
     * The server's Streams settings for the replay's application id and state directory; no standby replicas and no
     * static membership (one short-lived instance).
     */
    private Map<String, Object> streamsConfig(Path stateDir, DeadLetters deadLetters) {
        Map<String, Object> config = KafkaSettings.streams(bootstrapServers, replay, options, stateDir,
                replay.applicationId() + "-" + UUID.randomUUID(), deadLetters);
        config.remove(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
        return config;
    }

    /**
     * Waits until the internal topics (written while the inputs were replayed, read again by the session topology)
     * are committed to their ends, round after round until a round finds nothing new.
     */
    private void drainInternal(Offsets offsets, StreamsRunner streams) throws InterruptedException {
        List<TopicPartition> partitions = offsets.partitions(names(replay.internal()));
        Map<TopicPartition, Long> ends = offsets.ends(partitions);
        while (true) {
            Map<TopicPartition, Long> beginnings = offsets.beginnings(partitions);
            Progress progress = new Progress(beginnings, offsets.lastRecordEnds(beginnings, ends));
            await(progress, () -> offsets.committed(replay.applicationId()), streams, false);
            Map<TopicPartition, Long> now = offsets.ends(partitions);
            if (now.equals(ends)) {
                return;
            }
            ends = now;
        }
    }

    private void await(Progress progress, Supplier<Map<TopicPartition, Long>> committed, StreamsRunner streams,
                       boolean report) throws InterruptedException {
        Duration interval = options.getDuration(ReplayOptions.PROGRESS_INTERVAL);
        Duration stall = options.getDuration(ReplayOptions.STALL_TIMEOUT);
        long started = System.nanoTime();
        long lastLine = started;
        long lastMove = started;
        long last = -1;
        while (true) {
            Map<TopicPartition, Long> offsets = committed.get();
            long replayed = progress.replayed(offsets);
            long now = System.nanoTime();
            if (progress.done(offsets)) {
                if (report) {
                    err.println(progress.line(replayed, Duration.ofNanos(now - started)));
                }
                return;
            }
            if (!streams.isAlive()) {
                throw new IllegalStateException("the replay's Kafka Streams stopped: " + streams.liveness()
                        .getMessage());
            }
            if (replayed != last) {
                last = replayed;
                lastMove = now;
            } else if (now - lastMove > stall.toNanos()) {
                throw new IllegalStateException("the replay made no progress for " + stall.toMillis()
                        + " ms (StallTimeout): " + streams.health().getMessage());
            }
            if (report && now - lastLine >= interval.toNanos()) {
                err.println(progress.line(replayed, Duration.ofNanos(now - started)));
                lastLine = now;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static List<String> names(List<Topic<?, ?>> topics) {
        return topics.stream().map(Topic::name).toList();
    }

    private static void deleteRecursively(Path dir) {
        Directories.deleteRecursively(dir, "the replay's local state", LOG);
    }
}
