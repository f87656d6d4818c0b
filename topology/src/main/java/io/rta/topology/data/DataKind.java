package io.rta.topology.data;

import java.util.Locale;

/** The four RTA data representations; each is chunked and read separately. */
public enum DataKind {
    TIMESTAMPED(1),
    PERIODIC(2),
    ROW(3),
    EVENTS(4);

    private final int code;

    DataKind(int code) {
        this.code = code;
    }

    /** Stable one-byte code used in store keys (never reorder or reuse). */
    public int code() {
        return code;
    }

    /** Whether reads select by a channels expression (events are read per data identity). */
    public boolean hasChannels() {
        return this != EVENTS;
    }

    /** The REST path segment: {@code timestamped}, {@code periodic}, {@code row} or {@code events}. */
    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DataKind ofCode(int code) {
        for (DataKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown data kind code " + code);
    }
}
