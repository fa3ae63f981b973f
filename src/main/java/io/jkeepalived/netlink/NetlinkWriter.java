package io.jkeepalived.netlink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink message: the header, a family header (ifaddrmsg, rtmsg, ...) written with the
 * {@code put*} methods, then attributes, optionally nested. Pure: no I/O. Host byte order throughout,
 * as netlink requires, except where a caller writes network-order bytes (addresses) itself.
 *
 * <pre>
 * struct nlmsghdr {            struct nlattr {
 *   u32 nlmsg_len;               u16 nla_len;    // header + payload, unpadded
 *   u16 nlmsg_type;              u16 nla_type;   // NLA_F_NESTED 0x8000 on nests
 *   u16 nlmsg_flags;           };                // payload padded to 4 bytes
 *   u32 nlmsg_seq;
 *   u32 nlmsg_pid;
 * };                           // every header and payload is 4-byte aligned (NLMSG_ALIGN / NLA_ALIGN)
 * </pre>
 */
public final class NetlinkWriter {

    public static final int HEADER = 16;
    public static final int NLA_F_NESTED = 0x8000;

    // views of the byte array in host order: no ByteBuffer per field (large nf_tables batches write
    // tens of thousands of fields)
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private byte[] buf;
    private int pos;

    public NetlinkWriter(int type, int flags) {
        this(type, flags, 256);
    }

    /** As {@link #NetlinkWriter(int, int)}, with room for {@code capacity} bytes before the buffer grows. */
    public NetlinkWriter(int type, int flags, int capacity) {
        buf = new byte[Math.max(capacity, HEADER)];
        putInt(0);
        putShort(type);
        putShort(flags);
        putInt(0);
        putInt(0);
    }

    public NetlinkWriter putByte(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public NetlinkWriter putShort(int v) {
        ensure(2);
        SHORT.set(buf, pos, (short) v);
        pos += 2;
        return this;
    }

    public NetlinkWriter putInt(int v) {
        ensure(4);
        INT.set(buf, pos, v);
        pos += 4;
        return this;
    }

    public NetlinkWriter putBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    /** Pads to the next 4-byte boundary with zeros. */
    public NetlinkWriter align() {
        int padded = align4(pos);
        ensure(padded - pos);
        pos = padded;
        return this;
    }

    public NetlinkWriter attr(int type, byte[] payload) {
        align();
        ensure(4 + payload.length + 3);
        SHORT.set(buf, pos, (short) (4 + payload.length));
        SHORT.set(buf, pos + 2, (short) type);
        System.arraycopy(payload, 0, buf, pos + 4, payload.length);
        pos += 4 + payload.length;
        return align();
    }

    public NetlinkWriter attrU8(int type, int value) {
        return attr(type, new byte[] {(byte) value});
    }

    public NetlinkWriter attrU16(int type, int value) {
        var b = ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value);
        return attr(type, b.array());
    }

    public NetlinkWriter attrU32(int type, int value) {
        var b = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value);
        return attr(type, b.array());
    }

    /** A NUL-terminated string attribute (interface names, kinds, labels). */
    public NetlinkWriter attrString(int type, String value) {
        var bytes = value.getBytes(StandardCharsets.UTF_8);
        return attr(type, Arrays.copyOf(bytes, bytes.length + 1));
    }

    /** Opens a nested attribute; pass the returned mark to {@link #endNested(int)}. */
    public int beginNested(int type) {
        align();
        int mark = pos;
        putShort(0);
        putShort(type | NLA_F_NESTED);
        return mark;
    }

    public NetlinkWriter endNested(int mark) {
        align();
        SHORT.set(buf, mark, (short) (pos - mark));
        return this;
    }

    /** The finished message with length, sequence number and port id filled in, ready to send. */
    public ByteBuffer finish(int seq, int portId) {
        align();
        var out = ByteBuffer.wrap(Arrays.copyOf(buf, pos)).order(ByteOrder.nativeOrder());
        out.putInt(0, pos);
        out.putInt(8, seq);
        out.putInt(12, portId);
        return out;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    static int align4(int n) {
        return (n + 3) & ~3;
    }

    @Override
    public String toString() {
        return "NetlinkWriter[" + pos + " bytes" + "]";
    }
}
