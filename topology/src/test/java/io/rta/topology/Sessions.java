package io.rta.topology;

import io.rta.events.ConfigBinding;
import io.rta.events.DateTimeValue;
import io.rta.events.Detail;
import io.rta.events.DetailCategory;
import io.rta.events.Marker;
import io.rta.events.SessionFolder;
import io.rta.events.SessionState;
import io.rta.events.TimeRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixture: builds SessionState and SessionFolder records tersely. */
public final class Sessions {

    private final SessionState.Builder builder;
    private final List<Detail> details = new ArrayList<>();
    private final Map<String, List<Detail>> extDetails = new LinkedHashMap<>();

    private Sessions(String identity) {
        builder = SessionState.newBuilder()
                .setIdentity(identity)
                .setState(4)
                .setTimestamp("2021-05-06T18:58:56+01:00")
                .setIdentifier(identity)
                .setHeartbeatUtc("2021-05-06T17:58:56Z");
    }

    public static Sessions session(String identity) {
        return new Sessions(identity);
    }

    /** A dateTime detail value. */
    public static DateTimeValue dateTime(String iso) {
        return new DateTimeValue(iso);
    }

    public static SessionFolder folder(String identity, String parent, String label) {
        return new SessionFolder(identity, parent, label, label + " folder");
    }

    public Sessions state(int state) {
        builder.setState(state);
        return this;
    }

    public Sessions timestamp(String timestamp) {
        builder.setTimestamp(timestamp);
        return this;
    }

    public Sessions identifier(String identifier) {
        builder.setIdentifier(identifier);
        return this;
    }

    public Sessions timeRange(long start, long end) {
        builder.setTimeRange(new TimeRange(start, end));
        return this;
    }

    public Sessions detail(String key, Object value) {
        details.add(new Detail(key, value));
        return this;
    }

    public Sessions extDetail(String category, String key, Object value) {
        extDetails.computeIfAbsent(category, c -> new ArrayList<>()).add(new Detail(key, value));
        return this;
    }

    public Sessions type(String type) {
        builder.setType(type);
        return this;
    }

    public Sessions quality(double quality) {
        builder.setQuality(quality);
        return this;
    }

    public Sessions group(String group) {
        builder.setGroup(group);
        return this;
    }

    public Sessions version(String version) {
        builder.setVersion(version);
        return this;
    }

    public Sessions folders(String... folders) {
        builder.setFolders(List.of(folders));
        return this;
    }

    public Sessions children(String... children) {
        builder.setChildren(List.of(children));
        return this;
    }

    public Sessions alternates(String... alternates) {
        builder.setAlternates(List.of(alternates));
        return this;
    }

    public Sessions configBinding(String identifier, long offset) {
        List<ConfigBinding> bindings = new ArrayList<>(builder.hasConfigBindings() ? builder.getConfigBindings() : List.of());
        bindings.add(new ConfigBinding(identifier, offset));
        builder.setConfigBindings(bindings);
        return this;
    }

    public Sessions marker(Marker marker) {
        List<Marker> markers = new ArrayList<>(builder.hasMarkers() ? builder.getMarkers() : List.of());
        markers.add(marker);
        builder.setMarkers(markers);
        return this;
    }

    public SessionState build() {
        List<DetailCategory> categories = new ArrayList<>();
        extDetails.forEach((name, list) -> categories.add(new DetailCategory(name, list)));
        return builder.setDetails(details).setExtDetails(categories).build();
    }
}
