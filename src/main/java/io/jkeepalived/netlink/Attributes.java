package io.jkeepalived.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed attribute list (see {@link NetlinkWriter} for the layout). The typed getters return empty
 * when an attribute is absent or too short for its type, so bad input never throws. The last
 * occurrence of a repeated type wins.
 */
public final class Attributes {

    private static final int TYPE_MASK = 0x3fff;

    private final Map<Integer, ByteBuffer> byType;
    private final boolean malformed;

    private Attributes(Map<Integer, ByteBuffer> byType, boolean malformed) {
        this.byType = byType;
        this.malformed = malformed;
    }

    public static Attributes parse(ByteBuffer buffer, int offset) {
        var in = buffer.duplicate().order(ByteOrder.nativeOrder());
        var map = new HashMap<Integer, ByteBuffer>();
        int pos = offset;
        int limit = in.limit();
        boolean bad = offset > limit;
        while (!bad && pos + 4 <= limit) {
            int len = Short.toUnsignedInt(in.getShort(pos));
            int type = Short.toUnsignedInt(in.getShort(pos + 2)) & TYPE_MASK;
            if (len < 4 || pos + len > limit) {
                bad = true;
                break;
            }
            map.put(type, in.slice(pos + 4, len - 4).asReadOnlyBuffer().order(ByteOrder.nativeOrder()));
            pos += NetlinkWriter.align4(len);
        }
        return new Attributes(map, bad);
    }

    /** True when the list ended on a broken attribute header: what came before is still usable. */
    public boolean malformed() {
        return malformed;
    }

    public boolean has(int type) {
        return byType.containsKey(type);
    }

    public Optional<ByteBuffer> bytes(int type) {
        return Optional.ofNullable(byType.get(type)).map(ByteBuffer::duplicate);
    }

    public Optional<byte[]> array(int type) {
        return bytes(type).map(b -> {
            var out = new byte[b.remaining()];
            b.get(out);
            return out;
        });
    }

    public OptionalInt u8(int type) {
        var b = byType.get(type);
        return b == null || b.limit() < 1 ? OptionalInt.empty() : OptionalInt.of(Byte.toUnsignedInt(b.get(0)));
    }

    public OptionalInt u16(int type) {
        var b = byType.get(type);
        return b == null || b.limit() < 2 ? OptionalInt.empty() : OptionalInt.of(Short.toUnsignedInt(b.getShort(0)));
    }

    /** The raw 32 bits (callers use {@link Integer#toUnsignedLong} where values exceed 2^31). */
    public OptionalInt u32(int type) {
        var b = byType.get(type);
        return b == null || b.limit() < 4 ? OptionalInt.empty() : OptionalInt.of(b.getInt(0));
    }

    /** A string up to its first NUL (or the attribute end). */
    public Optional<String> string(int type) {
        var b = byType.get(type);
        if (b == null) {
            return Optional.empty();
        }
        int end = 0;
        while (end < b.limit() && b.get(end) != 0) {
            end++;
        }
        var bytes = new byte[end];
        b.get(0, bytes);
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
        return Optional.ofNullable(byType.get(type)).map(b -> parse(b, 0));
    }

    public int size() {
        return byType.size();
    }
}
