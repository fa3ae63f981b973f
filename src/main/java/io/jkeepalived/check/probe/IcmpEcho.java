package io.jkeepalived.check.probe;

/**
 * ICMP / ICMPv6 echo messages (RFC 792, RFC 4443 §4): type, code, checksum, identifier, sequence,
 * data. The IPv4 checksum is ours to fill; for ICMPv6 the kernel computes it (it covers a
 * pseudo-header only the kernel knows), and a ping socket also replaces the identifier.
 */
final class IcmpEcho {

    static final int V4_REQUEST = 8;
    static final int V4_REPLY = 0;
    static final int V6_REQUEST = 128;
    static final int V6_REPLY = 129;
    private static final int DATA = 48;

    private IcmpEcho() {
    }

    static byte[] request(boolean ipv6, int id, int seq) {
        byte[] m = new byte[8 + DATA];
        m[0] = (byte) (ipv6 ? V6_REQUEST : V4_REQUEST);
        m[4] = (byte) (id >> 8);
        m[5] = (byte) id;
        m[6] = (byte) (seq >> 8);
        m[7] = (byte) seq;
        for (int i = 8; i < m.length; i++) {
            m[i] = (byte) ('0' + i % 40);
        }
        if (!ipv6) {
            int c = checksum(m);
            m[2] = (byte) (c >> 8);
            m[3] = (byte) c;
        }
        return m;
    }

    /** The sequence number of an echo reply of the family, or -1 for anything else. */
    static int replySeq(boolean ipv6, byte[] m) {
        if (m.length < 8 || (m[0] & 0xff) != (ipv6 ? V6_REPLY : V4_REPLY) || m[1] != 0) {
            return -1;
        }
        return ((m[6] & 0xff) << 8) | (m[7] & 0xff);
    }

    static int replyId(byte[] m) {
        return ((m[4] & 0xff) << 8) | (m[5] & 0xff);
    }

    /** RFC 1071 one's-complement sum. */
    static int checksum(byte[] m) {
        long sum = 0;
        for (int i = 0; i + 1 < m.length; i += 2) {
            sum += ((m[i] & 0xff) << 8) | (m[i + 1] & 0xff);
        }
        if (m.length % 2 == 1) {
            sum += (m[m.length - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
