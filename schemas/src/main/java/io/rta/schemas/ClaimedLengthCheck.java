package io.rta.schemas;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;

/**
 * A cheap pass over one Avro binary record, driven by its writer schema, that refuses every length and count the bytes
 * left cannot hold, before Avro allocates anything for them. Avro trusts what it reads: an array block claiming
 * 2^30 items makes it allocate an array of 2^30 references, and the {@link OutOfMemoryError} escapes every handler
 * (and stops whatever thread met it, for good, since the record is read again after a restart).
 *
 * <p>The pass walks the record as Avro will: varints are read with bounds (at most 5 bytes for an int, 10 for a long);
 * a string or bytes length must fit in the bytes left; an array or map block of n items needs n times the least
 * encoded size of its item left before any item is looked at; items that encode in no bytes at all (null, empty
 * records) are bounded by {@link #MAX_EMPTY_ITEMS} per record; union and enum indexes must name a branch or symbol;
 * a block that states its size in bytes (negative count) must be exactly that size — Avro skips such a block by its
 * stated size when the reader has no field for it, so both walks must agree on where the next value starts; nesting
 * is bounded by {@link #MAX_DEPTH}. A record that passes decodes without any allocation larger than itself (times the
 * object overhead of what it holds).
 *
 * <p>Built once per writer schema; immutable and thread-safe (every check walks with its own cursor).
 */
final class ClaimedLengthCheck {

    /** Items that encode in no bytes (null, empty records) cost no input to claim: at most this many per record. */
    static final int MAX_EMPTY_ITEMS = 1 << 16;
    /** Records, arrays and maps nested in each other: only recursive schemas reach it; it keeps every stack small. */
    static final int MAX_DEPTH = 100;

    private final Node root;
    private final String rootName;

    private ClaimedLengthCheck(Node root, String rootName) {
        this.root = root;
        this.rootName = rootName;
    }

    /** The check of records written with {@code writer}. */
    static ClaimedLengthCheck forSchema(Schema writer) {
        Compiler compiler = new Compiler();
        Node root = compiler.compile(writer);
        String name = switch (writer.getType()) {
            case RECORD, ENUM, FIXED -> writer.getName();
            default -> writer.getType().getName();
        };
        return new ClaimedLengthCheck(root, name);
    }

    /**
     * Walks {@code length} bytes of {@code data} from {@code offset} as one record of the writer schema.
     *
     * @throws Refusal naming the field path, what it claims and how many bytes are left
     */
    void check(byte[] data, int offset, int length) throws Refusal {
        Cursor in = new Cursor(data, offset, offset + length);
        try {
            walk(root, in);
        } catch (Refusal refusal) {
            throw refusal.under(rootName);
        }
    }

    /** A claimed length, count or index the record cannot back; the message starts with the field path. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        private final String problem;
        private String path = "";

        Refusal(String problem) {
            super(problem, null, false, false);
            this.problem = problem;
        }

        /** Prepends {@code segment} (a name, {@code .field} or {@code [index]}) to the path. */
        Refusal under(String segment) {
            path = segment + path;
            return this;
        }

        @Override
        public String getMessage() {
            return path + " " + problem;
        }
    }

    /** Position in the record and what is left of the per-record budgets. */
    private static final class Cursor {
        final byte[] data;
        final int limit;
        int position;
        int emptyItemsLeft = MAX_EMPTY_ITEMS;
        int depth;

        Cursor(byte[] data, int position, int limit) {
            this.data = data;
            this.position = position;
            this.limit = limit;
        }

        int left() {
            return limit - position;
        }

        /** A zig-zag varint of at most {@code maxBytes} bytes, as Avro reads ints (5) and longs (10). */
        long varint(int maxBytes, String type) throws Refusal {
            long raw = raw(maxBytes, type);
            return (raw >>> 1) ^ -(raw & 1);
        }

        /** The varint before zig-zag decoding; bits past 64 are dropped, as Avro drops them. */
        private long raw(int maxBytes, String type) throws Refusal {
            long raw = 0;
            for (int i = 0; i < maxBytes; i++) {
                if (position >= limit) {
                    throw new Refusal("ends inside its " + type + " varint");
                }
                int b = data[position++];
                raw |= (long) (b & 0x7F) << (7 * i);
                if (b >= 0) {
                    return raw;
                }
            }
            throw new Refusal("has an invalid " + type + " encoding (more than " + maxBytes + " bytes)");
        }

        long readLong() throws Refusal {
            if (position < limit && data[position] >= 0) {
                int raw = data[position++];
                return (raw >>> 1) ^ -(raw & 1);
            }
            return varint(10, "long");
        }

        /** Skips a varint without decoding it: up to the first byte without the continuation bit. */
        void skipVarint(int maxBytes, String type) throws Refusal {
            int end = Math.min(limit, position + maxBytes);
            for (int at = position; at < end; at++) {
                if (data[at] >= 0) {
                    position = at + 1;
                    return;
                }
            }
            raw(maxBytes, type); // refuses, naming what is wrong
        }

        /** As Avro reads an int: the low 32 bits of the varint, then zig-zag decoded in 32 bits. */
        int readInt() throws Refusal {
            if (position < limit && data[position] >= 0) {
                int raw = data[position++];
                return (raw >>> 1) ^ -(raw & 1);
            }
            int raw = (int) raw(5, "int");
            return (raw >>> 1) ^ -(raw & 1);
        }

        void enter() throws Refusal {
            if (++depth > MAX_DEPTH) {
                throw new Refusal("nests deeper than " + MAX_DEPTH + " levels");
            }
        }

        void leave() {
            depth--;
        }
    }

    /** What a node is; one switch dispatches them (faster than a virtual call per value on a hot path). */
    private enum Kind { FIXED, VARINT, LENGTH, ENUM, UNION, RECORD, ARRAY, MAP }

    /**
     * One schema node: {@code size} is the byte count of a FIXED (null, boolean, float, double, fixed), the most
     * bytes of a VARINT (5 int, 10 long) or the symbol count of an ENUM; {@code children} are a UNION's branches, a
     * RECORD's fields, or an ARRAY's or MAP's one item; {@code itemMinSize} the fewest bytes an ARRAY or MAP item
     * takes.
     */
    private static final class Node {
        final Kind kind;
        final String type;
        int size;
        Node[] children;
        String[] segments;
        int itemMinSize;

        Node(Kind kind, String type, int size) {
            this.kind = kind;
            this.type = type;
            this.size = size;
        }
    }

    private static void walk(Node node, Cursor in) throws Refusal {
        switch (node.kind) {
            case FIXED -> {
                if (node.size > in.left()) {
                    throw new Refusal("ends inside its " + node.size + "-byte " + node.type + " (" + in.left()
                            + " byte(s) left)");
                }
                in.position += node.size;
            }
            case VARINT -> in.skipVarint(node.size, node.type);
            case LENGTH -> skipLength(node, in);
            case ENUM -> {
                int index = in.readInt();
                if (index < 0 || index >= node.size) {
                    throw new Refusal("claims enum symbol " + index + " of " + node.size);
                }
            }
            case UNION -> {
                int index = in.readInt();
                if (index < 0 || index >= node.children.length) {
                    throw new Refusal("claims union branch " + index + " of " + node.children.length);
                }
                walk(node.children[index], in);
            }
            case RECORD -> walkRecord(node, in);
            case ARRAY, MAP -> walkBlocks(node, in);
        }
    }

    /** string and bytes: a long length, then that many bytes. */
    private static void skipLength(Node node, Cursor in) throws Refusal {
        long length = in.readLong();
        if (length < 0) {
            throw new Refusal("claims a negative " + node.type + " length " + length);
        }
        if (length > in.left()) {
            throw new Refusal(String.format(Locale.ROOT, "claims a %s length of %d bytes; only %d byte(s) are left",
                    node.type, length, in.left()));
        }
        in.position += (int) length;
    }

    /** Fields that are single values are walked in the loop; only records, unions and collections recurse. */
    private static void walkRecord(Node record, Cursor in) throws Refusal {
        in.enter();
        Node[] fields = record.children;
        int i = 0;
        try {
            for (; i < fields.length; i++) {
                Node field = fields[i];
                if (field.kind == Kind.VARINT) {
                    in.skipVarint(field.size, field.type);
                } else if (field.kind == Kind.LENGTH) {
                    skipLength(field, in);
                } else {
                    walk(field, in);
                }
            }
        } catch (Refusal refusal) {
            throw refusal.under(record.segments[i]);
        }
        in.leave();
    }

    /**
     * Arrays and maps: blocks of a long item count, ended by a zero count; a negative count -n is n items preceded by
     * the block's size in bytes. A map item is a string key and a value.
     */
    private static void walkBlocks(Node blocks, Cursor in) throws Refusal {
        in.enter();
        long index = 0;
        for (long count = in.readLong(); count != 0; count = in.readLong()) {
            int blockEnd = -1;
            if (count < 0) {
                if (count == Long.MIN_VALUE) {
                    throw new Refusal("claims an impossible block count " + count);
                }
                count = -count;
                blockEnd = blockEnd(in);
            }
            checkCount(blocks, in, count, index);
            Node item = blocks.children[0];
            if (blocks.kind == Kind.ARRAY && item.kind == Kind.FIXED) {
                // items of one size (doubles, say) need no walk each: checkCount has shown that they fit
                in.position += (int) (count * item.size);
                index += count;
            } else {
                for (long end = index + count; index < end; index++) {
                    walkItem(blocks, item, in, index);
                }
            }
            if (blockEnd >= 0 && in.position != blockEnd) {
                throw new Refusal("has a block whose stated size ends at byte " + blockEnd
                        + " but whose items end at byte " + in.position);
            }
        }
        in.leave();
    }

    private static int blockEnd(Cursor in) throws Refusal {
        long size = in.readLong();
        if (size < 0 || size > in.left()) {
            throw new Refusal("claims a block of " + size + " bytes; only " + in.left() + " byte(s) are left");
        }
        return in.position + (int) size;
    }

    private static void checkCount(Node blocks, Cursor in, long count, long index) throws Refusal {
        int minSize = blocks.itemMinSize;
        if (minSize > 0) {
            if (count > in.left() / minSize) {
                throw new Refusal(String.format(Locale.ROOT,
                        "claims %d %sitem(s) of at least %d byte(s) each; only %d byte(s) are left",
                        count, index == 0 ? "" : "more ", minSize, in.left()));
            }
        } else if (count > in.emptyItemsLeft) {
            throw new Refusal(String.format(Locale.ROOT, "claims %d item(s) that may encode in no bytes; at most "
                    + "%d are accepted per record", count, MAX_EMPTY_ITEMS));
        } else {
            in.emptyItemsLeft -= (int) count;
        }
    }

    private static void walkItem(Node blocks, Node item, Cursor in, long index) throws Refusal {
        if (blocks.kind == Kind.MAP) {
            try {
                skipLength(STRING_KEY, in);
            } catch (Refusal refusal) {
                throw refusal.under("[" + index + "](key)");
            }
        }
        try {
            walk(item, in);
        } catch (Refusal refusal) {
            throw refusal.under("[" + index + "]");
        }
    }

    private static final Node STRING_KEY = new Node(Kind.LENGTH, "string", 0);

    /** Turns a schema into nodes once; named records are compiled once, so recursive schemas work. */
    private static final class Compiler {
        private final Map<Schema, Node> named = new IdentityHashMap<>();

        Node compile(Schema schema) {
            return switch (schema.getType()) {
                case NULL -> new Node(Kind.FIXED, "null", 0);
                case BOOLEAN -> new Node(Kind.FIXED, "boolean", 1);
                case FLOAT -> new Node(Kind.FIXED, "float", 4);
                case DOUBLE -> new Node(Kind.FIXED, "double", 8);
                case FIXED -> new Node(Kind.FIXED, "fixed", schema.getFixedSize());
                case INT -> new Node(Kind.VARINT, "int", 5);
                case LONG -> new Node(Kind.VARINT, "long", 10);
                case STRING -> new Node(Kind.LENGTH, "string", 0);
                case BYTES -> new Node(Kind.LENGTH, "bytes", 0);
                case ENUM -> new Node(Kind.ENUM, "enum", schema.getEnumSymbols().size());
                case UNION -> union(schema);
                case RECORD -> record(schema);
                case ARRAY -> blocks(Kind.ARRAY, schema.getElementType());
                case MAP -> blocks(Kind.MAP, schema.getValueType());
            };
        }

        private Node union(Schema schema) {
            Node union = new Node(Kind.UNION, "union", 0);
            List<Schema> types = schema.getTypes();
            union.children = new Node[types.size()];
            for (int i = 0; i < types.size(); i++) {
                union.children[i] = compile(types.get(i));
            }
            return union;
        }

        private Node record(Schema schema) {
            Node known = named.get(schema);
            if (known != null) {
                return known;
            }
            Node record = new Node(Kind.RECORD, "record", 0);
            named.put(schema, record);
            List<Schema.Field> fields = schema.getFields();
            record.segments = new String[fields.size()];
            record.children = new Node[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                record.segments[i] = "." + fields.get(i).name();
                record.children[i] = compile(fields.get(i).schema());
            }
            return record;
        }

        private Node blocks(Kind kind, Schema itemSchema) {
            Node blocks = new Node(kind, kind == Kind.MAP ? "map" : "array", 0);
            blocks.children = new Node[] {compile(itemSchema)};
            long min = minSize(itemSchema, Collections.newSetFromMap(new IdentityHashMap<>()));
            blocks.itemMinSize = (int) Math.min(Integer.MAX_VALUE, min + (kind == Kind.MAP ? 1 : 0));
            return blocks;
        }

        /**
         * The fewest bytes a value of {@code schema} encodes in. A record met again inside itself counts 0: a lower
         * bound is safe (the walk still reads every item), it only lets fewer lies be refused before the walk.
         */
        private static long minSize(Schema schema, Set<Schema> open) {
            return switch (schema.getType()) {
                case NULL -> 0;
                case BOOLEAN, INT, LONG, STRING, BYTES, ENUM, ARRAY, MAP -> 1;
                case FLOAT -> 4;
                case DOUBLE -> 8;
                case FIXED -> schema.getFixedSize();
                case UNION -> 1 + schema.getTypes().stream().mapToLong(branch -> minSize(branch, open)).min()
                        .orElse(0);
                case RECORD -> {
                    if (!open.add(schema)) {
                        yield 0;
                    }
                    long sum = 0;
                    for (Schema.Field field : schema.getFields()) {
                        sum = Math.min(Integer.MAX_VALUE, sum + minSize(field.schema(), open));
                    }
                    open.remove(schema);
                    yield sum;
                }
            };
        }
    }
}
