package io.rta.topology.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Key layout of the chunk store; byte order gives the read order (RocksDB compares keys as unsigned bytes).
 *
 * <pre>
 * chunk entry   'C' | identity | kind | channel | slot start | PART    | part index (u16)
 *               'C' | identity | kind | channel | slot start | SEGMENT | source offset (i64) | piece (u16)
 * channel meta  'M' | identity | kind | channel
 * pending slot  'P' | identity | kind | channel | slot start
 * identity = u16 length + UTF-8; kind = one byte code; channel = u32 id (timestamped, periodic), u16 count + u32 ids
 * (row data), nothing (events); slot start and offsets big-endian with the sign bit flipped so they sort as signed.
 * </pre>
 */
final class ChunkKeys {

    static final byte CHUNKS = 'C';
    static final byte META = 'M';
    static final byte PENDING = 'P';
    static final byte PART = 0;
    static final byte SEGMENT = 1;
    /** The identity's length is a u16. */
    static final int MAX_IDENTITY_BYTES = 0xFFFF;

    private ChunkKeys() {
    }

    /**
     * The identity as stored in keys. Writers validate identities first ({@code InputLimits} caps MaxIdentityLength at
     * 65,535), so the exception is a guard that no input reaches.
     */
    static byte[] identityBytes(String identity) {
        byte[] utf8 = identity.getBytes(StandardCharsets.UTF_8);
        if (!fits(utf8)) {
            throw new IllegalArgumentException("data identity is longer than 65535 bytes");
        }
        return utf8;
    }

    /** Whether an identity's UTF-8 bytes fit the 16-bit length of a key. */
    static boolean fits(byte[] identity) {
        return identity.length <= MAX_IDENTITY_BYTES;
    }

    static int channelLength(ChannelRef channel) {
        return switch (channel.kind()) {
            case TIMESTAMPED, PERIODIC -> 4;
            case ROW -> 2 + 4 * channel.idsView().length;
            case EVENTS -> 0;
        };
    }

    /** {@code ns | identity | kind | channel}, with room for {@code extra} more bytes. */
    static ByteBuffer series(byte namespace, byte[] identity, ChannelRef channel, int extra) {
        ByteBuffer key = ByteBuffer.allocate(1 + 2 + identity.length + 1 + channelLength(channel) + extra);
        key.put(namespace).putShort((short) identity.length).put(identity).put((byte) channel.kind().code());
        switch (channel.kind()) {
            case TIMESTAMPED, PERIODIC -> key.putInt((int) channel.idsView()[0]);
            case ROW -> {
                key.putShort((short) channel.idsView().length);
                for (long id : channel.idsView()) {
                    key.putInt((int) id);
                }
            }
            case EVENTS -> {
            }
        }
        return key;
    }

    /** {@code ns | identity | kind} (all series of one kind), with room for {@code extra} more bytes. */
    static ByteBuffer kindPrefix(byte namespace, byte[] identity, DataKind kind, int extra) {
        ByteBuffer key = ByteBuffer.allocate(1 + 2 + identity.length + 1 + extra);
        return key.put(namespace).putShort((short) identity.length).put(identity).put((byte) kind.code());
    }

    static Bytes meta(byte[] identity, ChannelRef channel) {
        return Bytes.wrap(series(META, identity, channel, 0).array());
    }

    static Bytes pending(byte[] identity, ChannelRef channel, long slot) {
        return Bytes.wrap(series(PENDING, identity, channel, 8).putLong(flip(slot)).array());
    }

    static Bytes slotStart(byte[] identity, ChannelRef channel, long slot) {
        return Bytes.wrap(series(CHUNKS, identity, channel, 8).putLong(flip(slot)).array());
    }

    /** Just past every key of the slot. */
    static Bytes slotEnd(byte[] identity, ChannelRef channel, long slot) {
        return Bytes.wrap(series(CHUNKS, identity, channel, 9).putLong(flip(slot)).put((byte) 0xFF).array());
    }

    static Bytes part(byte[] identity, ChannelRef channel, long slot, int index) {
        return Bytes.wrap(series(CHUNKS, identity, channel, 11).putLong(flip(slot)).put(PART)
                .putShort((short) index).array());
    }

    static Bytes segment(byte[] identity, ChannelRef channel, long slot, long sourceOffset, int piece) {
        return Bytes.wrap(series(CHUNKS, identity, channel, 19).putLong(flip(slot)).put(SEGMENT)
                .putLong(flip(sourceOffset)).putShort((short) piece).array());
    }

    static long flip(long value) {
        return value ^ Long.MIN_VALUE;
    }

    /** The smallest key greater than every key starting with {@code prefix}. */
    static Bytes prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Bytes.wrap(java.util.Arrays.copyOf(end, i + 1));
            }
        }
        throw new IllegalArgumentException("prefix has no upper bound");
    }

    /**
     * A parsed chunk ('C') or pending ('P') key.
     *
     * @param source where the entry came from: {@link #COMPACTED} for a part, else the source record's offset
     */
    record Parsed(byte[] identity, ChannelRef channel, long slot, long source) {
    }

    /** {@link Parsed#source()} of compacted parts. */
    static final long COMPACTED = Long.MIN_VALUE;

    /** The series of a channel meta ('M') key. */
    static ChannelRef parseMeta(byte[] key) {
        byte[] padded = java.util.Arrays.copyOf(key, key.length + 8);
        return parse(padded).channel();
    }

    static Parsed parse(byte[] key) {
        ByteBuffer in = ByteBuffer.wrap(key);
        in.get();
        byte[] identity = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(identity);
        DataKind kind = DataKind.ofCode(in.get());
        ChannelRef channel = switch (kind) {
            case TIMESTAMPED, PERIODIC -> ChannelRef.channel(kind, Integer.toUnsignedLong(in.getInt()));
            case ROW -> {
                long[] ids = new long[Short.toUnsignedInt(in.getShort())];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = Integer.toUnsignedLong(in.getInt());
                }
                yield ChannelRef.rowSet(ids);
            }
            case EVENTS -> ChannelRef.events();
        };
        long slot = flip(in.getLong());
        byte type = in.hasRemaining() ? in.get() : PART;
        long source = type == SEGMENT ? flip(in.getLong()) : COMPACTED;
        return new Parsed(identity, channel, slot, source);
    }
}
