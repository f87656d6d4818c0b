package io.rta.server.demo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The demo race's signals: deterministic functions of time, so a reader can check any sample (the viewer's tests do).
 * A lap takes {@link #LAP_SECONDS}; speed, engine speed, lateral acceleration and gear follow the lap's corners.
 */
public final class DemoRace {

    public static final double LAP_SECONDS = 90;
    public static final long MS = 1_000_000L;

    private DemoRace() {
    }

    /** Lap position 0..1 at {@code seconds} into the race. */
    private static double phase(double seconds) {
        return (seconds % LAP_SECONDS) / LAP_SECONDS;
    }

    /** Speed in km/h: three straights and three corners a lap, between ~90 and ~310. */
    public static double speed(double seconds) {
        double p = phase(seconds);
        return 200 + 95 * Math.sin(2 * Math.PI * 3 * p) + 15 * Math.sin(2 * Math.PI * 7 * p);
    }

    /** Raw vCar sample (uint16, 0.01 km/h). */
    public static int speedRaw(long index) {
        return (int) Math.round(speed(index / 1000.0) * 100);
    }

    public static int engineRaw(long index) {
        double p = phase(index / 100.0);
        return (int) Math.round(9000 + 3000 * Math.sin(2 * Math.PI * 3 * p + 0.3));
    }

    /** Raw gLat sample (int16, 0.001 g). */
    public static int lateralRaw(long index) {
        double p = phase(index / 100.0);
        return (int) Math.round(3500 * Math.cos(2 * Math.PI * 3 * p));
    }

    public static int gearRaw(long index) {
        return Math.min(8, 1 + (int) (speed(index / 10.0) / 40));
    }

    /** Brake temperature (degC) of the {@code index}th timestamped sample. */
    public static double brakeTemperature(long index) {
        return 450 + 250 * Math.sin(2 * Math.PI * phase(index / 10.0)) + (index % 7);
    }

    /** Front-left tyre pressure (bar, float32) of the {@code index}th row of the tyre row set (10 Hz). */
    public static float tyreFrontLeft(long index) {
        return (float) (1.9 + 0.15 * Math.sin(2 * Math.PI * phase(index / 10.0)));
    }

    /** Raw front-right tyre pressure (uint16, mbar) of the {@code index}th row of the tyre row set. */
    public static int tyreFrontRightRaw(long index) {
        return (int) Math.round(1950 + 120 * Math.cos(2 * Math.PI * phase(index / 10.0)));
    }

    /**
     * The {@code index}th row of the tyre row set (channels 5 and 6): the front-left pressure as float32, then the
     * front-right one as uint16, little-endian.
     */
    static byte[] tyreRow(long index) {
        return ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putFloat(tyreFrontLeft(index))
                .putShort((short) tyreFrontRightRaw(index)).array();
    }

    /** Raw LiveRow value (uint16) of the live session's {@code burst}th row. */
    public static int liveRowRaw(long burst) {
        return (int) (1000 + burst % 500);
    }

    /** The live session's {@code burst}th row: LiveFlag (uint8) then LiveRow (uint16), little-endian. */
    static byte[] liveRow(long burst) {
        return ByteBuffer.allocate(3).order(ByteOrder.LITTLE_ENDIAN).put((byte) (burst % 7))
                .putShort((short) liveRowRaw(burst)).array();
    }

    /** Offset (ns) of the {@code index}th timestamped sample from the race start: ~10 Hz with jitter. */
    public static long brakeTime(long index) {
        return index * 100 * MS + (index * 7919 % 13) * MS;
    }

    static byte[] uint16(long first, int count, java.util.function.LongToIntFunction raw) {
        ByteBuffer buffer = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            buffer.putShort((short) raw.applyAsInt(first + i));
        }
        return buffer.array();
    }

    static byte[] uint8(long first, int count, java.util.function.LongToIntFunction raw) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) raw.applyAsInt(first + i);
        }
        return bytes;
    }

    static byte[] float64(long first, int count, java.util.function.LongToDoubleFunction value) {
        ByteBuffer buffer = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            buffer.putDouble(value.applyAsDouble(first + i));
        }
        return buffer.array();
    }

    /** The race's config (application {@code demo}): groups, parameters with units and conversions, events. */
    static String config() {
        return """
            {"demo": {
              "desc": "RTA on Kafka demo car",
              "tree": {"groups": [
                {"id": "Chassis", "desc": "Chassis", "params": ["vCar:demo", "gLat:demo"]},
                {"id": "Engine", "desc": "Engine", "params": ["nEngine:demo", "Gear:demo"]},
                {"id": "Brakes", "desc": "Brakes", "params": ["TBrakeFL:demo"]},
                {"id": "Tyres", "desc": "Tyres (row data)", "params": ["pTyreFL:demo", "pTyreFR:demo"]}]},
              "parameters": [
                {"id": "vCar:demo", "name": "vCar", "desc": "Car speed", "conv": "vCar:demo", "channels": [0],
                 "min": 0, "max": 350},
                {"id": "nEngine:demo", "name": "nEngine", "desc": "Engine speed", "conv": "rpm:demo",
                 "channels": [1], "min": 0, "max": 15000},
                {"id": "gLat:demo", "name": "gLat", "desc": "Lateral acceleration", "conv": "gLat:demo",
                 "channels": [2], "min": -5, "max": 5},
                {"id": "Gear:demo", "name": "Gear", "desc": "Gear", "conv": "Gear:demo", "channels": [3],
                 "min": 0, "max": 8},
                {"id": "TBrakeFL:demo", "name": "TBrakeFL", "desc": "Brake temperature front left",
                 "conv": "degC:demo", "channels": [4], "min": 0, "max": 1000},
                {"id": "pTyreFL:demo", "name": "pTyreFL", "desc": "Tyre pressure front left", "conv": "bar:demo",
                 "channels": [5], "min": 0, "max": 3},
                {"id": "pTyreFR:demo", "name": "pTyreFR", "desc": "Tyre pressure front right", "conv": "mbar:demo",
                 "channels": [6], "min": 0, "max": 3}],
              "channels": [
                {"id": 0, "name": "vCar", "source": "periodic", "type": "u16", "interval": 1000000},
                {"id": 1, "name": "nEngine", "source": "periodic", "type": "u16", "interval": 10000000},
                {"id": 2, "name": "gLat", "source": "periodic", "type": "s16", "interval": 10000000},
                {"id": 3, "name": "Gear", "source": "periodic", "type": "u8", "interval": 100000000},
                {"id": 4, "name": "TBrakeFL", "source": "timestamped", "type": "f64"},
                {"id": 5, "name": "pTyreFL", "source": "row", "type": "f32"},
                {"id": 6, "name": "pTyreFR", "source": "row", "type": "u16"}],
              "conversions": [
                {"name": "vCar:demo", "unit": "km/h", "format": "%5.1f",
                 "rational": {"coeffs": [0, 0.01, 0, 0, 1, 0]}},
                {"name": "rpm:demo", "unit": "rpm", "format": "%5.0f", "rational": {"coeffs": [0, 1, 0, 0, 1, 0]}},
                {"name": "gLat:demo", "unit": "g", "format": "%5.2f", "rational": {"coeffs": [0, 0.001, 0, 0, 1, 0]}},
                {"name": "Gear:demo", "unit": "", "format": "%s",
                 "text": {"keys": [0, 1, 2, 3, 4, 5, 6, 7, 8], "values": ["N", "1", "2", "3", "4", "5", "6", "7", "8"],
                          "default": "?"}},
                {"name": "degC:demo", "unit": "degC", "format": "%5.1f", "rational": {"coeffs": [0, 1, 0, 0, 1, 0]}},
                {"name": "bar:demo", "unit": "bar", "format": "%5.3f", "rational": {"coeffs": [0, 1, 0, 0, 1, 0]}},
                {"name": "mbar:demo", "unit": "bar", "format": "%5.3f",
                 "rational": {"coeffs": [0, 0.001, 0, 0, 1, 0]}}],
              "events": [
                {"id": 1, "code": "PitLane", "desc": "Pit lane", "pri": "medium", "convs": []},
                {"id": 2, "code": "Yellow", "desc": "Yellow flag", "pri": "high", "convs": []}]
            }}
            """;
    }

    /** A config of {@code channels} live channels (uint16, 0.01 units, at {@code intervalNanos}). */
    static String liveConfig(int channels, long intervalNanos) {
        StringBuilder params = new StringBuilder();
        StringBuilder defs = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int c = 0; c < channels; c++) {
            String name = String.format(java.util.Locale.ROOT, "Live%02d", c + 1);
            String sep = c == 0 ? "" : ",";
            names.append(sep).append('"').append(name).append(":live\"");
            params.append(sep).append("{\"id\": \"").append(name).append(":live\", \"name\": \"").append(name)
                    .append("\", \"desc\": \"Live channel ").append(c + 1).append("\", \"conv\": \"centi:live\", ")
                    .append("\"channels\": [").append(c).append("]}");
            defs.append(sep).append("{\"id\": ").append(c).append(", \"name\": \"").append(name)
                    .append("\", \"source\": \"periodic\", \"type\": \"u16\", \"interval\": ").append(intervalNanos)
                    .append('}');
        }
        // the row set after them: LiveFlag (u8) then LiveRow (u16), one row per burst
        for (String[] row : new String[][] {{"LiveFlag", "u8"}, {"LiveRow", "u16"}}) {
            int id = row[0].equals("LiveFlag") ? channels : channels + 1;
            names.append(",\"").append(row[0]).append(":live\"");
            params.append(",{\"id\": \"").append(row[0]).append(":live\", \"name\": \"").append(row[0])
                    .append("\", \"desc\": \"Live row data\", \"conv\": \"centi:live\", \"channels\": [").append(id)
                    .append("]}");
            defs.append(",{\"id\": ").append(id).append(", \"name\": \"").append(row[0])
                    .append("\", \"source\": \"row\", \"type\": \"").append(row[1]).append("\"}");
        }
        return "{\"live\": {\"desc\": \"RTA on Kafka demo live feed\", \"tree\": {\"groups\": [{\"id\": \"Live\", "
                + "\"params\": [" + names + "]}]}, \"parameters\": [" + params + "], \"channels\": [" + defs + "], "
                + "\"conversions\": [{\"name\": \"centi:live\", \"unit\": \"\", \"format\": \"%5.2f\", "
                + "\"rational\": {\"coeffs\": [0, 0.01, 0, 0, 1, 0]}}]}}";
    }
}
