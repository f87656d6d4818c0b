package io.rta.server.demo;

import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import io.grpc.ManagedChannel;
import io.rta.proto.model.data.Event;
import io.rta.proto.model.data.PeriodicData;
import io.rta.proto.model.data.RowData;
import io.rta.proto.model.data.TimestampedData;
import io.rta.proto.toolkit.config.ConfigStoreGrpc;
import io.rta.proto.toolkit.config.PutConfigRequest;
import io.rta.proto.toolkit.data.WriteDataStreamMessage;
import io.rta.proto.toolkit.session.ConfigBinding;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.Marker;
import io.rta.proto.toolkit.session.PutSessionFolderRequest;
import io.rta.proto.toolkit.session.SessionStoreGrpc;
import io.rta.proto.toolkit.session.SessionUpdate;
import io.rta.proto.toolkit.session.TimeRange;
import io.rta.service.config.Options;
import io.rta.service.grpc.GrpcChannels;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongToIntFunction;

/**
 * {@code ./rta demo}: writes demo sessions to a running server through its gRPC APIs, as a pipeline would — a closed
 * race with five channels (one of {@code Samples} samples at 1 kHz), laps as markers, events, a config with groups,
 * units and conversions; test sessions in folders to browse; optionally a live session written at a steady rate for
 * {@code LiveSeconds}, then closed. Made to look at in the viewer ({@code /ui/}) and to measure it.
 */
public final class Demo {

    static final int STATE_OPEN = 2;
    static final int STATE_CLOSED = 4;
    private static final int BURST = 128;
    /** When the demo race starts (its first sample). */
    public static final Instant RACE_START = Instant.parse("2026-07-05T14:00:00Z");
    private static final String[] DRIVERS = {"A. Senna", "J. Clark", "M. Hakkinen", "L. Hamilton"};
    private static final String[] CIRCUITS = {"Silverstone", "Monza", "Spa-Francorchamps", "Suzuka", "Interlagos"};

    private final Options options;
    private final PrintStream err;
    private final String prefix;
    private final ManagedChannel channel;
    private final SessionStoreGrpc.SessionStoreBlockingStub sessions;
    private final ConfigStoreGrpc.ConfigStoreBlockingStub configs;
    private volatile boolean liveStopping;

    private Demo(Options options, PrintStream err) {
        this(options, err, GrpcChannels.of(DemoOptions.GRPC_URI.name(), options.getString(DemoOptions.GRPC_URI),
                Optional.empty()).channel());
    }

    /** A demo writer over {@code channel} (the caller's; closed with the demo only when made by {@link #run}). */
    private Demo(Options options, PrintStream err, ManagedChannel channel) {
        this.options = options;
        this.err = err;
        this.prefix = options.getString(DemoOptions.PREFIX).strip();
        if (!prefix.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("Prefix '" + prefix + "': 1-40 letters, digits, '_' or '-'");
        }
        this.channel = channel;
        this.sessions = SessionStoreGrpc.newBlockingStub(channel);
        this.configs = ConfigStoreGrpc.newBlockingStub(channel);
    }

    /**
     * For benchmarks and tests: a demo written through {@code channel} with {@code args} as options (GrpcUri is not
     * used); progress lines go to {@code err}.
     */
    public static Demo over(ManagedChannel channel, PrintStream err, String... args) {
        return new Demo(DemoOptions.load(args), err, channel);
    }

    /** The race session's identity. */
    public String raceIdentity() {
        return prefix + "-race";
    }

    /** The live session's identity. */
    public String liveIdentity() {
        return prefix + "-live";
    }

    /** Writes the folders, the race and the test sessions. */
    public void writeRecorded() throws Exception {
        folders();
        race();
        tests();
    }

    /** Ends {@link #writeLive} early: it flushes, closes the session and returns. */
    public void stopLive() {
        liveStopping = true;
    }

    /** Writes the live session for LiveSeconds (or until {@link #stopLive}), then closes it (blocks meanwhile). */
    public void writeLive(PrintStream out) throws Exception {
        live(out);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options options = DemoOptions.load(args);
        Demo demo = new Demo(options, err);
        try {
            demo.writeRecorded();
            out.println("demo: written. Open http://<server>:8080/ui/ (./rta server) and look for '" + demo.prefix
                    + "-race'.");
            if (options.getInt(DemoOptions.LIVE_SECONDS) > 0) {
                demo.live(out);
            }
            return 0;
        } finally {
            demo.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private SessionStoreGrpc.SessionStoreBlockingStub sessions() {
        return sessions.withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private void folders() {
        folder("", prefix, "Demo", "Sessions written by ./rta demo");
        folder(prefix, prefix + "-races", "Races", "Race sessions");
        folder(prefix, prefix + "-tests", "Tests", "Test sessions");
    }

    private void folder(String parent, String identity, String label, String description) {
        sessions().putSessionFolder(PutSessionFolderRequest.newBuilder().setParentIdentity(parent)
                .setIdentity(identity).setLabel(label).setDescription(description).build());
    }

    private void putConfig(String identifier, String json) {
        configs.withDeadlineAfter(60, TimeUnit.SECONDS).putConfig(PutConfigRequest.newBuilder()
                .setIdentifier(identifier).setContentType("application/vnd.mat.config+json")
                .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8)).build());
    }

    private void race() throws Exception {
        long samples = options.getLong(DemoOptions.SAMPLES);
        if (samples < 1000 || samples > 1_000_000_000L) {
            throw new IllegalArgumentException("Samples " + samples + ": between 1000 and 1,000,000,000");
        }
        String identity = raceIdentity();
        String config = prefix + "-car-v1";
        putConfig(config, DemoRace.config());
        long start = RACE_START.getEpochSecond() * 1_000_000_000L;
        long end = start + (samples - 1) * DemoRace.MS;
        double seconds = samples / 1000.0;
        int laps = (int) Math.ceil(seconds / DemoRace.LAP_SECONDS);
        SessionUpdate.MarkersList.Builder markers = SessionUpdate.MarkersList.newBuilder();
        for (int lap = 0; lap < laps; lap++) {
            long lapStart = start + (long) (lap * DemoRace.LAP_SECONDS * 1e9);
            markers.addMarkers(Marker.newBuilder().setId("lap-" + (lap + 1)).setType("Lap").setLabel("Lap " + (lap + 1))
                    .setDescription(StringValue.of("Lap " + (lap + 1) + " of " + laps))
                    .setStartTime(Int64Value.of(lapStart))
                    .setEndTime(Int64Value.of(Math.min(end, lapStart + (long) (DemoRace.LAP_SECONDS * 1e9) - 1))));
        }
        sessions().createOrUpdateSession(CreateOrUpdateSessionRequest.newBuilder().setIdentity(identity)
                .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.newBuilder()
                        .setIdentifier("Demo Grand Prix - Race").setTimestamp(RACE_START.toString())
                        .setState(STATE_OPEN))
                .addUpdates(SessionUpdate.newBuilder().setSetState(STATE_OPEN))
                .addUpdates(SessionUpdate.newBuilder().setSetDetails(SessionUpdate.DetailsMap.newBuilder()
                        .putDetails("Driver", DRIVERS[0]).putDetails("Circuit", CIRCUITS[0])
                        .putDetails("Event", "Demo Grand Prix").putDetails("Run", "1").putDetails("Car", "Car 1")
                        .putDetails("Laps", Integer.toString(laps))))
                .addUpdates(SessionUpdate.newBuilder().setSetType(StringValue.of("Race")))
                .addUpdates(SessionUpdate.newBuilder().setSetTimeRange(TimeRange.newBuilder().setStartTime(start)
                        .setEndTime(end)))
                .addUpdates(SessionUpdate.newBuilder().setSetMarkers(SessionUpdate.MarkersMap.newBuilder()
                        .putMarkersByCategory("Laps", markers.build())))
                .addUpdates(SessionUpdate.newBuilder().setSetConfigBindings(SessionUpdate.ConfigBindingsList
                        .newBuilder().addConfigBindings(ConfigBinding.newBuilder().setIdentifier(config))))
                .addUpdates(SessionUpdate.newBuilder().setSetFolders(SessionUpdate.FoldersList.newBuilder()
                        .addIdentities(prefix + "-races")))
                .build());
        writeRace(identity, start, samples);
        sessions().createOrUpdateSession(CreateOrUpdateSessionRequest.newBuilder().setIdentity(identity)
                .addUpdates(SessionUpdate.newBuilder().setSetState(STATE_CLOSED)).build());
    }

    private void writeRace(String identity, long start, long samples) throws Exception {
        long slow = samples / 10;
        long gears = samples / 100;
        long brakes = samples / 100;
        long tyres = gears;
        long total = samples + 2 * slow + gears + brakes + 2 * tyres;
        long written = 0;
        long reported = System.nanoTime();
        long began = reported;
        try (StreamWriter writer = new StreamWriter(channel, identity)) {
            // channels interleaved by time, as a pipeline writes them: 10 bursts of the 1 kHz channel per 100 Hz burst
            long fast = 0;
            long hundred = 0;
            long ten = 0;
            long stamped = 0;
            while (fast < samples) {
                int n = (int) Math.min(BURST, samples - fast);
                writer.send(periodic(0, start + fast * DemoRace.MS, DemoRace.MS, fast, n, DemoRace::speedRaw, false));
                fast += n;
                written += n;
                while (hundred < slow && hundred * 10 < fast) {
                    int m = (int) Math.min(BURST, slow - hundred);
                    writer.send(periodic(1, start + hundred * 10 * DemoRace.MS, 10 * DemoRace.MS, hundred, m,
                            DemoRace::engineRaw, false));
                    writer.send(periodic(2, start + hundred * 10 * DemoRace.MS, 10 * DemoRace.MS, hundred, m,
                            DemoRace::lateralRaw, false));
                    hundred += m;
                    written += 2L * m;
                }
                while (ten < gears && ten * 100 < fast) {
                    int m = (int) Math.min(BURST, gears - ten);
                    writer.send(periodic(3, start + ten * 100 * DemoRace.MS, 100 * DemoRace.MS, ten, m,
                            DemoRace::gearRaw, true));
                    writer.send(timestamped(4, start, stamped, m));
                    for (int i = 0; i < m; i++) {
                        writer.send(tyreRow(start, ten + i));
                    }
                    ten += m;
                    stamped += m;
                    written += 4L * m;
                }
                if (System.nanoTime() - reported > 2_000_000_000L) {
                    reported = System.nanoTime();
                    err.printf(Locale.ROOT, "demo: race data %,d of %,d samples (%.0f%%)%n", written, total,
                            100.0 * written / total);
                }
            }
            for (long lap = 1; lap * DemoRace.LAP_SECONDS * 1000 < samples; lap += 25) {
                long at = start + (long) ((lap * DemoRace.LAP_SECONDS + 30) * 1e9);
                writer.send(WriteDataStreamMessage.newBuilder().setEvent(Event.newBuilder().setEventDefinitionId(1)
                        .setAppName("demo").setTimestamp(at).setStatusText("Pit lane, lap " + (lap + 1))).build());
                writer.send(WriteDataStreamMessage.newBuilder().setEvent(Event.newBuilder().setEventDefinitionId(2)
                        .setAppName("demo").setTimestamp(at - 20_000_000_000L).setStatusText("Yellow flag sector 2")
                        .addRawData(2)).build());
            }
            writer.flush("demo-race-done", Duration.ofMinutes(10));
        }
        double took = (System.nanoTime() - began) / 1e9;
        err.printf(Locale.ROOT, "demo: race '%s' written: %,d samples in %.1f s%n", identity, total, took);
    }

    private static WriteDataStreamMessage periodic(int channelId, long first, long interval, long index, int count,
                                                   LongToIntFunction raw, boolean bytes) {
        byte[] buffer = bytes ? DemoRace.uint8(index, count, raw) : DemoRace.uint16(index, count, raw);
        return WriteDataStreamMessage.newBuilder().setPeriodicData(PeriodicData.newBuilder().setChannelId(channelId)
                .setStartTimestamp(first).setInterval(interval).setSamples(count)
                .setBuffer(ByteString.copyFrom(buffer))).build();
    }

    /** The tyre row set's {@code index}th row (channels 5 and 6, 10 Hz from the start). */
    private static WriteDataStreamMessage tyreRow(long start, long index) {
        return WriteDataStreamMessage.newBuilder().setRowData(RowData.newBuilder().addChannelIds(5).addChannelIds(6)
                .setTimestamp(start + index * 100 * DemoRace.MS)
                .setBuffer(ByteString.copyFrom(DemoRace.tyreRow(index)))).build();
    }

    private static WriteDataStreamMessage timestamped(int channelId, long start, long index, int count) {
        TimestampedData.Builder data = TimestampedData.newBuilder().setChannelId(channelId)
                .setStartTimestamp(start + DemoRace.brakeTime(index)).setTimestampDeltasScale(DemoRace.MS)
                .setBuffer(ByteString.copyFrom(DemoRace.float64(index, count, DemoRace::brakeTemperature)));
        for (int i = 0; i < count; i++) {
            data.addTimestampDeltas(i == 0 ? 0
                    : (DemoRace.brakeTime(index + i) - DemoRace.brakeTime(index + i - 1)) / DemoRace.MS);
        }
        return WriteDataStreamMessage.newBuilder().setTimestampedData(data).build();
    }

    private void tests() {
        int count = options.getInt(DemoOptions.SESSIONS);
        for (int i = 1; i <= count; i++) {
            Instant at = RACE_START.minus(Duration.ofDays(count - i)).minus(Duration.ofHours(i % 5));
            String identity = String.format(Locale.ROOT, "%s-test-%03d", prefix, i);
            sessions().createOrUpdateSession(CreateOrUpdateSessionRequest.newBuilder().setIdentity(identity)
                    .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.newBuilder()
                            .setIdentifier(String.format(Locale.ROOT, "%s test %d", CIRCUITS[i % CIRCUITS.length], i))
                            .setTimestamp(at.toString()).setState(STATE_CLOSED))
                    .addUpdates(SessionUpdate.newBuilder().setSetDetails(SessionUpdate.DetailsMap.newBuilder()
                            .putDetails("Driver", DRIVERS[i % DRIVERS.length])
                            .putDetails("Circuit", CIRCUITS[i % CIRCUITS.length])
                            .putDetails("Run", Integer.toString(i)).putDetails("Car", "Car " + (1 + i % 2))
                            .putDetails("Laps", Integer.toString(5 + i * 7 % 30))))
                    .addUpdates(SessionUpdate.newBuilder().setSetType(StringValue.of("Test")))
                    .addUpdates(SessionUpdate.newBuilder().setSetQuality(0.5 + (i % 6) / 10.0))
                    .addUpdates(SessionUpdate.newBuilder().setSetFolders(SessionUpdate.FoldersList.newBuilder()
                            .addIdentities(prefix + "-tests")))
                    .build());
        }
        err.printf(Locale.ROOT, "demo: %d test sessions written%n", count);
    }

    /** A live session: every channel at LiveRate, bursts of 1/10 s stamped with the wall clock, then closed. */
    private void live(PrintStream out) throws Exception {
        int channels = options.getInt(DemoOptions.LIVE_CHANNELS);
        int rate = options.getInt(DemoOptions.LIVE_RATE);
        int seconds = options.getInt(DemoOptions.LIVE_SECONDS);
        if (channels < 1 || channels > 10_000 || rate < 1 || rate > 100_000) {
            throw new IllegalArgumentException("LiveChannels 1-10000 and LiveRate 1-100000");
        }
        String identity = liveIdentity();
        String config = prefix + "-live-v1";
        long interval = 1_000_000_000L / rate;
        putConfig(config, DemoRace.liveConfig(channels, interval));
        long start = System.currentTimeMillis() * 1_000_000L;
        sessions().deleteSessions(io.rta.proto.toolkit.session.DeleteSessionsRequest.newBuilder()
                .addIdentities(identity).build());
        sessions().createOrUpdateSession(CreateOrUpdateSessionRequest.newBuilder().setIdentity(identity)
                .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.newBuilder()
                        .setIdentifier("Demo live feed").setTimestamp(Instant.now().toString()).setState(STATE_OPEN))
                .addUpdates(SessionUpdate.newBuilder().setSetState(STATE_OPEN))
                .addUpdates(SessionUpdate.newBuilder().setSetDetails(SessionUpdate.DetailsMap.newBuilder()
                        .putDetails("Driver", DRIVERS[3]).putDetails("Circuit", CIRCUITS[1]).putDetails("Car", "Car 2")))
                .addUpdates(SessionUpdate.newBuilder().setSetType(StringValue.of("Live")))
                .addUpdates(SessionUpdate.newBuilder().setSetTimeRange(TimeRange.newBuilder().setStartTime(start)
                        .setEndTime(start)))
                .addUpdates(SessionUpdate.newBuilder().setSetConfigBindings(SessionUpdate.ConfigBindingsList
                        .newBuilder().addConfigBindings(ConfigBinding.newBuilder().setIdentifier(config))))
                .addUpdates(SessionUpdate.newBuilder().setSetFolders(SessionUpdate.FoldersList.newBuilder()
                        .addIdentities(prefix + "-races")))
                .build());
        out.printf(Locale.ROOT, "demo: live session '%s' open: %d channels at %d Hz for %d s%n", identity, channels,
                rate, seconds);
        out.flush();
        int burst = Math.max(1, rate / 10);
        long burstNanos = interval * burst;
        long next = start;
        long deadline = start + seconds * 1_000_000_000L;
        long lastRange = 0;
        try (StreamWriter writer = new StreamWriter(channel, identity)) {
            while (!liveStopping && next + burstNanos <= deadline) {
                long due = next + burstNanos; // a burst is sent once its last sample's time has come
                long wait = due - System.currentTimeMillis() * 1_000_000L;
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                long firstIndex = (next - start) / interval;
                for (int c = 0; c < channels; c++) {
                    int phase = c;
                    writer.send(periodic(c, next, interval, firstIndex, burst,
                            i -> 30000 + (int) (20000 * Math.sin(2 * Math.PI * (i / (double) rate / 4 + phase / 50.0))),
                            false));
                }
                // and one row of the row set (LiveFlag, LiveRow) at the burst's start
                writer.send(WriteDataStreamMessage.newBuilder().setRowData(RowData.newBuilder()
                        .addChannelIds(channels).addChannelIds(channels + 1).setTimestamp(next)
                        .setBuffer(ByteString.copyFrom(DemoRace.liveRow((next - start) / burstNanos)))).build());
                next += burstNanos;
                if (next - lastRange >= 1_000_000_000L) {
                    lastRange = next;
                    writer.flush("live-" + next, Duration.ofSeconds(30));
                    sessions().createOrUpdateSession(CreateOrUpdateSessionRequest.newBuilder().setIdentity(identity)
                            .addUpdates(SessionUpdate.newBuilder().setExtendTimeRange(TimeRange.newBuilder()
                                    .setStartTime(start).setEndTime(next - interval))).build());
                }
            }
            writer.flush("live-done", Duration.ofSeconds(60));
        }
        sessions().createOrUpdateSession(CreateOrUpdateSessionRequest.newBuilder().setIdentity(identity)
                .addUpdates(SessionUpdate.newBuilder().setExtendTimeRange(TimeRange.newBuilder()
                        .setStartTime(start).setEndTime(next - interval)))
                .addUpdates(SessionUpdate.newBuilder().setSetState(STATE_CLOSED)).build());
        out.printf(Locale.ROOT, "demo: live session '%s' closed%n", identity);
    }
}
