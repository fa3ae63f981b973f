package io.jkeepalived.vrrp.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable list of addresses of one family, stored packed in network order exactly as they appear in an
 * advertisement, so that encoding is a copy and comparing with a received packet needs no allocation.
 */
public final class AddressList {
    private final IpFamily family;
    private final byte[] packed;
    /** The same addresses as big-endian words for fast comparison: one int per IPv4, two longs per IPv6. */
    private final long[] words;
    /** Partial Internet checksum of the packed addresses, so encoders need not re-read them. */
    private final long checksumSum;

    private AddressList(IpFamily family, byte[] packed) {
        this.family = family;
        this.packed = packed;
        MemorySegment s = MemorySegment.ofArray(packed);
        if (family == IpFamily.IPV4) {
            words = new long[packed.length / 4];
            for (int i = 0; i < words.length; i++) {
                words[i] = s.get(InetChecksum.U32, i * 4L);
            }
        } else {
            words = new long[packed.length / 8];
            for (int i = 0; i < words.length; i++) {
                words[i] = s.get(InetChecksum.U64, i * 8L);
            }
        }
        checksumSum = InetChecksum.add(0, s, 0, packed.length);
    }

    long checksumSum() {
        return checksumSum;
    }

    public static AddressList empty(IpFamily family) {
        return new AddressList(family, new byte[0]);
    }

    /** @throws IllegalArgumentException if an address is not of {@code family} or there are more than 255 */
    public static AddressList of(IpFamily family, List<? extends InetAddress> addresses) {
        if (addresses.size() > 255) {
            throw new IllegalArgumentException("at most 255 addresses fit in an advertisement");
        }
        byte[] packed = new byte[addresses.size() * family.addressBytes()];
        int at = 0;
        for (InetAddress a : addresses) {
            boolean fits = family == IpFamily.IPV4 ? a instanceof Inet4Address : a instanceof Inet6Address;
            if (!fits) {
                throw new IllegalArgumentException(a.getHostAddress() + " is not an " + family + " address");
            }
            System.arraycopy(a.getAddress(), 0, packed, at, family.addressBytes());
            at += family.addressBytes();
        }
        return new AddressList(family, packed);
    }

    /** Parses literals such as {@code "198.18.0.1"} or {@code "2001:db8::1"}; for configs and tests. */
    public static AddressList parse(IpFamily family, String... literals) {
        List<InetAddress> list = new ArrayList<>();
        for (String s : literals) {
            list.add(InetAddress.ofLiteral(s));
        }
        return of(family, list);
    }

    public IpFamily family() {
        return family;
    }

    public int count() {
        return packed.length / family.addressBytes();
    }

    public boolean isEmpty() {
        return packed.length == 0;
    }

    /** Size in bytes of the packed addresses. */
    public int byteSize() {
        return packed.length;
    }

    public InetAddress get(int index) {
        int n = family.addressBytes();
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(packed, index * n, index * n + n));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a packed address has a valid length by construction", e);
        }
    }

    public List<InetAddress> toList() {
        List<InetAddress> out = new ArrayList<>(count());
        for (int i = 0; i < count(); i++) {
            out.add(get(i));
        }
        return List.copyOf(out);
    }

    /** Copies the packed addresses into {@code out} at {@code offset}. */
    void copyTo(MemorySegment out, long offset) {
        MemorySegment.copy(packed, 0, out, ValueLayout.JAVA_BYTE, offset, packed.length);
    }

    /**
     * True when the {@code count} addresses at {@code offset} in {@code segment} are the same set as this list: the
     * same number and each of ours present (order does not matter, as in keepalived).
     */
    boolean sameSetAs(MemorySegment segment, long offset, int count) {
        if (count != count()) {
            return false;
        }
        for (int mine = 0; mine < count; mine++) {
            boolean found = false;
            for (int theirs = 0; theirs < count && !found; theirs++) {
                found = equalAt(segment, offset + (long) theirs * family.addressBytes(), mine);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Index of the IPv4 address (network order in an int) in this list, or -1. */
    int indexOfIpv4(int address) {
        if (family != IpFamily.IPV4) {
            return -1;
        }
        for (int i = 0; i < words.length; i++) {
            if ((int) words[i] == address) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the IPv6 address given as two big-endian longs in this list, or -1. */
    int indexOfIpv6(long high, long low) {
        if (family != IpFamily.IPV6) {
            return -1;
        }
        for (int i = 0; i < words.length; i += 2) {
            if (words[i] == high && words[i + 1] == low) {
                return i / 2;
            }
        }
        return -1;
    }

    private boolean equalAt(MemorySegment segment, long offset, int index) {
        if (family == IpFamily.IPV4) {
            return segment.get(InetChecksum.U32, offset) == (int) words[index];
        }
        return segment.get(InetChecksum.U64, offset) == words[2 * index]
                && segment.get(InetChecksum.U64, offset + 8) == words[2 * index + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressList other && other.family == family && Arrays.equals(other.packed, packed);
    }

    @Override
    public int hashCode() {
        return family.hashCode() * 31 + Arrays.hashCode(packed);
    }

    @Override
    public String toString() {
        return toList().stream().map(InetAddress::getHostAddress).toList().toString();
    }
}
