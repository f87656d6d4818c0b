package io.rta.schemas;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;

import io.rta.events.ConfigPublication;
import io.rta.events.DeadLetter;
import io.rta.events.SessionFolder;
import io.rta.events.SessionState;
import io.rta.events.SessionUpdateBatch;
import io.rta.events.TelemetryBatch;
import io.rta.events.internal.AnchorContribution;
import io.rta.events.internal.AnchorIndex;
import io.rta.events.internal.SessionRefEdge;

/**
 * Records that lie: for every array, map, string and bytes value reachable in a schema, the fewest bytes that lead
 * to it (earlier fields at their smallest encoding, one item in each enclosing array, the union branch that holds
 * it), then a claimed count or length far beyond the few bytes that follow.
 */
final class LyingRecords {

    /** Every generated class whose schema is a topic value or a topology-internal value. */
    static final List<Class<? extends org.apache.avro.specific.SpecificRecord>> VALUE_TYPES = List.of(
            SessionUpdateBatch.class, SessionState.class, SessionFolder.class, ConfigPublication.class,
            TelemetryBatch.class, DeadLetter.class, AnchorIndex.class, AnchorContribution.class,
            SessionRefEdge.class);

    /** What follows each lie: far fewer bytes than claimed, enough for the smallest item around it. */
    static final int TAIL_LENGTH = 64;
    private static final byte[] TAIL = new byte[TAIL_LENGTH];

    /** One lie: where it sits, what it claims, and the Avro binary (no wire header). */
    record Lie(String path, long claimed, byte[] avro) {
        @Override
        public String toString() {
            return path + " claiming " + claimed;
        }
    }

    private LyingRecords() {
    }

    /** Lies at every collection (claiming {@code count} items) and every string or bytes (claiming {@code length}). */
    static List<Lie> in(Schema schema, long count, long length) {
        List<Lie> lies = new ArrayList<>();
        collect(schema, schema.getName(), new byte[0], count, length, lies,
                Collections.newSetFromMap(new IdentityHashMap<>()));
        return lies;
    }

    private static void collect(Schema schema, String path, byte[] prefix, long count, long length, List<Lie> lies,
            Set<Schema> open) {
        switch (schema.getType()) {
            case STRING, BYTES -> lies.add(new Lie(path, length, concat(prefix, varint(length), TAIL)));
            case ARRAY -> {
                lies.add(new Lie(path, count, concat(prefix, varint(count), TAIL)));
                collect(schema.getElementType(), path + "[0]", concat(prefix, varint(1)), count, length, lies, open);
            }
            case MAP -> {
                lies.add(new Lie(path, count, concat(prefix, varint(count), TAIL)));
                collect(schema.getValueType(), path + "[0]", concat(prefix, varint(1), varint(1), new byte[] {'k'}),
                        count, length, lies, open);
            }
            case UNION -> {
                List<Schema> branches = schema.getTypes();
                for (int i = 0; i < branches.size(); i++) {
                    collect(branches.get(i), path, concat(prefix, varint(i)), count, length, lies, open);
                }
            }
            case RECORD -> {
                if (!open.add(schema)) {
                    return;
                }
                byte[] before = prefix;
                for (Schema.Field field : schema.getFields()) {
                    collect(field.schema(), path + "." + field.name(), before, count, length, lies, open);
                    before = concat(before, smallest(field.schema()));
                }
                open.remove(schema);
            }
            default -> {
                // fixed-size values and varints claim nothing
            }
        }
    }

    /** The smallest encoding of a value of {@code schema} (the first union branch that is not recursive). */
    static byte[] smallest(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> new byte[0];
            case BOOLEAN, INT, LONG, STRING, BYTES, ENUM, ARRAY, MAP -> new byte[1];
            case FLOAT -> new byte[4];
            case DOUBLE -> new byte[8];
            case FIXED -> new byte[schema.getFixedSize()];
            case UNION -> concat(new byte[1], smallest(schema.getTypes().get(0)));
            case RECORD -> {
                byte[] all = new byte[0];
                for (Schema.Field field : schema.getFields()) {
                    all = concat(all, smallest(field.schema()));
                }
                yield all;
            }
        };
    }

    /** Avro's zig-zag varint of {@code value}. */
    static byte[] varint(long value) {
        long raw = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        while ((raw & ~0x7FL) != 0) {
            out.write((int) ((raw & 0x7F) | 0x80));
            raw >>>= 7;
        }
        out.write((int) raw);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code avro} behind the Confluent wire header with schema {@code id}. */
    static byte[] wire(int id, byte[] avro) {
        return concat(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id}, avro);
    }
}
