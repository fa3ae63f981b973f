package io.jkeepalived.check.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The DNS bits DNS_CHECK needs (RFC 1035 §4.1): building a one-question query and judging a reply.
 *
 * <pre>
 * header: ID(16) | QR(1) OPCODE(4) AA TC RD RA Z(3) RCODE(4) | QDCOUNT | ANCOUNT | NSCOUNT | ARCOUNT
 * question: QNAME (length-prefixed labels, 0) | QTYPE(16) | QCLASS(16)
 * </pre>
 */
final class DnsMessages {

    static final Map<String, Integer> TYPES = Map.of("A", 1, "NS", 2, "CNAME", 5, "SOA", 6, "MX", 15, "TXT", 16,
            "AAAA", 28);
    private static final int HEADER = 12;

    private DnsMessages() {
    }

    /** A recursive query for {@code name} of {@code type}; "." (or "") is the root. */
    static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            if (label.isEmpty()) {
                continue;
            }
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            b.write(Math.min(63, l.length));
            b.write(l, 0, Math.min(63, l.length));
        }
        b.write(0);
        b.writeBytes(new byte[] {(byte) (type >> 8), (byte) type, 0, 1});
        return b.toByteArray();
    }

    /** The verdict on one datagram received in answer to query {@code id}. */
    sealed interface Verdict {}

    record Good() implements Verdict {}

    /** Another query's answer (or stray traffic): keep waiting. */
    record OtherId(int id) implements Verdict {}

    record Bad(FailureReason reason, String detail) implements Verdict {}

    static Verdict judge(byte[] r, int length, int id) {
        if (length < HEADER) {
            return new Bad(FailureReason.PROTOCOL_ERROR, "DNS reply of " + length + " bytes");
        }
        int gotId = u16(r, 0);
        if (gotId != id) {
            return new OtherId(gotId);
        }
        int flags = u16(r, 2);
        if ((flags & 0x8000) == 0) {
            return new Bad(FailureReason.PROTOCOL_ERROR, "DNS message is not a response");
        }
        if ((flags & 0x0200) != 0) {
            return new Bad(FailureReason.PROTOCOL_ERROR, "DNS reply truncated (TC)");
        }
        int rcode = flags & 0xf;
        if (rcode != 0) {
            return new Bad(FailureReason.DNS_ERROR, "DNS RCODE " + rcode);
        }
        if (u16(r, 4) != 1 || !questionFits(r, length)) {
            return new Bad(FailureReason.PROTOCOL_ERROR, "malformed DNS question section");
        }
        return new Good();
    }

    private static boolean questionFits(byte[] r, int length) {
        int p = HEADER;
        while (p < length) {
            int l = r[p] & 0xff;
            if (l == 0) {
                return p + 5 <= length;
            }
            if ((l & 0xc0) != 0) {
                return p + 6 <= length; // a compression pointer ends the name
            }
            p += 1 + l;
        }
        return false;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
