package io.jkeepalived.vrrp.engine;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as an immutable value ordered the way keepalived breaks priority ties:
 * IPv4 as an unsigned 32-bit number in host order, IPv6 as two unsigned 64-bit words (which is the
 * same order as comparing the sixteen bytes word by word). An IPv4 address sorts before any IPv6.
 *
 * @param hi upper 64 bits (IPv6 only; 0 for IPv4)
 * @param lo lower 64 bits (IPv6), or the IPv4 address in its low 32 bits
 * @param v6 whether this is an IPv6 address
 */
public record IpAddr(long hi, long lo, boolean v6) implements Comparable<IpAddr> {

    public IpAddr {
        if (!v6 && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 address must fit in 32 bits");
        }
    }

    public static IpAddr v4(int a, int b, int c, int d) {
        return new IpAddr(0, ((long) (a & 0xff) << 24) | ((b & 0xff) << 16) | ((c & 0xff) << 8) | (d & 0xff), false);
    }

    /** From network-order bytes: 4 for IPv4, 16 for IPv6; any other length is empty. */
    public static Optional<IpAddr> ofBytes(byte[] bytes) {
        if (bytes.length == 4) {
            return Optional.of(v4(bytes[0], bytes[1], bytes[2], bytes[3]));
        }
        if (bytes.length == 16) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (bytes[i] & 0xff);
                lo = (lo << 8) | (bytes[i + 8] & 0xff);
            }
            return Optional.of(new IpAddr(hi, lo, true));
        }
        return Optional.empty();
    }

    /** Parses an address literal; never resolves names. */
    public static Optional<IpAddr> parse(String literal) {
        try {
            return ofBytes(InetAddress.ofLiteral(literal).getAddress());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public byte[] toBytes() {
        if (!v6) {
            return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hi >>> (56 - 8 * i));
            out[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        return out;
    }

    @Override
    public int compareTo(IpAddr other) {
        if (v6 != other.v6) {
            return v6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(hi, other.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, other.lo);
    }

    /** Text as keepalived logs it: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as ::). */
    @Override
    public String toString() {
        if (!v6) {
            return (lo >>> 24) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestAt = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
