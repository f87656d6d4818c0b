package io.rta.server.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rta.proto.toolkit.session.CreateOrUpdateSessionRequest;
import io.rta.proto.toolkit.session.SessionUpdate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The benchmark's sessions, generated deterministically from their index: identifiers naming a track, timestamps
 * with varying offsets, typed details drawn from small vocabularies (so facets are meaningful), one folder each.
 */
final class BenchData {

    /** The details key the sort scenario orders by (an integer detail). */
    static final String SORT_KEY = "Run";
    /** Every identifier names one of these; the {@code $contains} scenario searches for one of them. */
    static final List<String> TRACKS = List.of("Silverstone", "Monza", "Spa", "Suzuka", "Interlagos", "Monaco",
            "Imola", "Zandvoort", "Barcelona", "Melbourne");
    static final String CONTAINS_NEEDLE = "Suzuka";

    private static final List<String> DRIVERS = List.of("Alice Moreau", "Ben Carter", "Chen Wei", "Dara Okafor",
            "Elena Rossi", "Finn Larsen", "Gita Rao", "Hugo Blanc", "Ines Duarte", "Jon Park", "Kai Weber",
            "Lena Novak");
    private static final List<String> TEAMS = List.of("Red", "Blue", "Green", "Orange", "Silver");
    private static final List<String> CARS = List.of("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8");
    private static final List<String> TYRES = List.of("Soft", "Medium", "Hard", "Intermediate", "Wet");
    private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(1),
            ZoneOffset.ofHours(-5), ZoneOffset.ofHoursMinutes(9, 30), ZoneOffset.ofHours(-3), ZoneOffset.ofHours(8));
    private static final OffsetDateTime FIRST = OffsetDateTime.of(2021, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final int[] STATES = {2, 4, 4, 4, 12, 28, 44};

    private final String runId;
    private final int details;
    private final int folders;

    /**
     * @param runId   makes identities and folder ids unique to this run, so a shared server's data is not updated
     * @param details typed details per session (the first {@code SORT_KEY}, then strings, integers and numbers)
     * @param folders folders the sessions are spread over, round robin
     */
    BenchData(String runId, int details, int folders) {
        this.runId = runId;
        this.details = details;
        this.folders = folders;
    }

    String folderIdentity(int folder) {
        return String.format(Locale.ROOT, "bench-%s-folder-%02d", runId, folder);
    }

    String folderLabel(int folder) {
        return String.format(Locale.ROOT, "Bench %s folder %02d", runId, folder);
    }

    int folderCount() {
        return folders;
    }

    /** The identity of session {@code index}; -1 names the probe session written before the load. */
    String identity(int index) {
        return index < 0 ? "bench-" + runId + "-probe" : String.format(Locale.ROOT, "bench-%s-%07d", runId, index);
    }

    /** The write that creates session {@code index} with its details and folder, as one transaction. */
    CreateOrUpdateSessionRequest request(int index) {
        SplittableRandom random = new SplittableRandom(index);
        OffsetDateTime timestamp = FIRST.plus(Duration.ofSeconds(37L * index))
                .withOffsetSameInstant(OFFSETS.get(index % OFFSETS.size()));
        return CreateOrUpdateSessionRequest.newBuilder()
                .setIdentity(identity(index))
                .setCreateIfNotExists(CreateOrUpdateSessionRequest.CreateIfNotExists.newBuilder()
                        .setIdentifier(String.format(Locale.ROOT, "%s %s session %07d", runId,
                                TRACKS.get(index % TRACKS.size()), index))
                        .setTimestamp(timestamp.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                        .setState(STATES[random.nextInt(STATES.length)]))
                .addUpdates(SessionUpdate.newBuilder().setSetDetailsJson(SessionUpdate.DetailsJson.newBuilder()
                        .setJson(detailsJson(random).toString())))
                .addUpdates(SessionUpdate.newBuilder().setSetFolders(SessionUpdate.FoldersList.newBuilder()
                        .addIdentities(folderIdentity(index % folders))))
                .build();
    }

    private ObjectNode detailsJson(SplittableRandom random) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        List<Runnable> generators = new ArrayList<>(List.of(
                () -> json.put(SORT_KEY, 1 + random.nextInt(50)),
                () -> json.put("Driver", pick(DRIVERS, random)),
                () -> json.put("Track Temp", round(random.nextDouble(18, 52))),
                () -> json.put("Team", pick(TEAMS, random)),
                () -> json.put("Lap Count", random.nextInt(1, 80)),
                () -> json.put("Car", pick(CARS, random)),
                () -> json.put("Fuel Load", round(random.nextDouble(40, 110))),
                () -> json.put("Tyre", pick(TYRES, random)),
                () -> json.put("Wing Angle", round(random.nextDouble(2, 14))),
                () -> json.put("Test Plan", random.nextInt(100, 140))));
        for (int i = 0; i < details; i++) {
            if (i < generators.size()) {
                generators.get(i).run();
            } else {
                json.put("Extra " + i, random.nextInt(1000));
            }
        }
        return json;
    }

    private static String pick(List<String> vocabulary, SplittableRandom random) {
        return vocabulary.get(random.nextInt(vocabulary.size()));
    }

    /** One decimal place, as such figures are entered, keeping facets to a few hundred values. */
    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
