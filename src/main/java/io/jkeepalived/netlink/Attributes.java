package io.jkeepalived.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed attribute list (see {@link NetlinkWriter} for the layout). The typed getters return empty
 * when an attribute is absent or too short for its type, so bad input never throws. The last
 * occurrence of a repeated type wins.
 *
 * <p>An index, not a copy: per attribute its type, offset and length in one int array over the
 * message's buffer, searched linearly (a message has a few dozen attributes at most). A map of
 * buffer slices cost three objects per attribute, and a dump of 10,000 IPVS destinations parses
 * 20,000 lists.
 */
public final class Attributes {

    private static final int TYPE_MASK = 0x3fff;

    /** Read-only, native order; offsets below are absolute in it. */
    private final ByteBuffer in;
    /** type, offset of the payload, payload length: three ints per attribute, in message order. */
    private final int[] index;
    private final int count;
    private final boolean malformed;

    private Attributes(ByteBuffer in, int[] index, int count, boolean malformed) {
        this.in = in;
        this.index = index;
        this.count = count;
        this.malformed = malformed;
    }

    public static Attributes parse(ByteBuffer buffer, int offset) {
        var in = buffer.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
        return parse(in, offset, in.limit());
    }

    private static Attributes parse(ByteBuffer in, int offset, int limit) {
        int[] index = new int[3 * 8];
        int count = 0;
        int pos = offset;
        boolean bad = offset > limit;
        while (!bad && pos + 4 <= limit) {
            int len = Short.toUnsignedInt(in.getShort(pos));
            int type = Short.toUnsignedInt(in.getShort(pos + 2)) & TYPE_MASK;
            if (len < 4 || pos + len > limit) {
                bad = true;
                break;
            }
            if (3 * count + 3 > index.length) index = Arrays.copyOf(index, index.length * 2);
            index[3 * count] = type;
            index[3 * count + 1] = pos + 4;
            index[3 * count + 2] = len - 4;
            count++;
            pos += NetlinkWriter.align4(len);
        }
        return new Attributes(in, index, count, bad);
    }

    /** True when the list ended on a broken attribute header: what came before is still usable. */
    public boolean malformed() {
        return malformed;
    }

    public boolean has(int type) {
        return find(type) >= 0;
    }

    public Optional<ByteBuffer> bytes(int type) {
        int i = find(type);
        return i < 0 ? Optional.empty() : Optional.of(slice(i));
    }

    public Optional<byte[]> array(int type) {
        int i = find(type);
        if (i < 0) return Optional.empty();
        var out = new byte[index[i + 2]];
        in.get(index[i + 1], out);
        return Optional.of(out);
    }

    public OptionalInt u8(int type) {
        int i = find(type);
        return i < 0 || index[i + 2] < 1 ? OptionalInt.empty() : OptionalInt.of(Byte.toUnsignedInt(in.get(index[i + 1])));
    }

    public OptionalInt u16(int type) {
        int i = find(type);
        return i < 0 || index[i + 2] < 2 ? OptionalInt.empty()
                : OptionalInt.of(Short.toUnsignedInt(in.getShort(index[i + 1])));
    }

    /** The raw 32 bits (callers use {@link Integer#toUnsignedLong} where values exceed 2^31). */
    public OptionalInt u32(int type) {
        int i = find(type);
        return i < 0 || index[i + 2] < 4 ? OptionalInt.empty() : OptionalInt.of(in.getInt(index[i + 1]));
    }

    /** A string up to its first NUL (or the attribute end). */
    public Optional<String> string(int type) {
        int i = find(type);
        if (i < 0) {
            return Optional.empty();
        }
        int start = index[i + 1];
        int end = start;
        while (end < start + index[i + 2] && in.get(end) != 0) {
            end++;
        }
        var bytes = new byte[end - start];
        in.get(start, bytes);
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /** A 4- or 16-byte address; empty for any other length. */
    public Optional<InetAddress> address(int type) {
        return array(type).filter(a -> a.length == 4 || a.length == 16).map(a -> {
            try {
                return InetAddress.getByAddress(a);
            } catch (UnknownHostException e) {
                throw new AssertionError("4 or 16 bytes always form an address", e);
            }
        });
    }

    public Optional<Attributes> nested(int type) {
        int i = find(type);
        return i < 0 ? Optional.empty() : Optional.of(parse(in, index[i + 1], index[i + 1] + index[i + 2]));
    }

    /** How many distinct types the list holds. */
    public int size() {
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (lastOf(index[3 * i]) == 3 * i) distinct++;
        }
        return distinct;
    }

    /** The index position of the last attribute of {@code type}, or -1. */
    private int find(int type) {
        return lastOf(type & TYPE_MASK);
    }

    private int lastOf(int type) {
        for (int i = 3 * (count - 1); i >= 0; i -= 3) {
            if (index[i] == type) return i;
        }
        return -1;
    }

    private ByteBuffer slice(int i) {
        return in.slice(index[i + 1], index[i + 2]).order(ByteOrder.nativeOrder());
    }
}
