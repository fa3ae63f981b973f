package io.jkeepalived.vrrp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Arrays;

/** Loads the annotated hex files of src/test/resources/golden/ (lines starting with '#' are comments). */
final class Golden {
    static final byte[] MAC_A = HexFormat.ofDelimiter(":").parseHex("02:6a:6b:00:00:01");
    static final int A4 = ipv4("198.18.0.1");
    static final int B4 = ipv4("198.18.0.2");
    static final byte[] A6_LINK_LOCAL = InetAddress.ofLiteral("fe80::6a:6bff:fe00:1").getAddress();
    static final byte[] GROUP6 = InetAddress.ofLiteral("ff02::12").getAddress();

    private Golden() {
    }

    /** The whole Ethernet frame of golden/NAME.hex. */
    static byte[] frame(String name) {
        StringBuilder hex = new StringBuilder();
        for (String line : text(name).split("\n")) {
            if (!line.startsWith("#")) {
                hex.append(line.replace(" ", ""));
            }
        }
        return HexFormat.of().parseHex(hex.toString());
    }

    /** golden/NAME.hex as it is, comments (capture details, the keepalived.conf used) included. */
    static String text(String name) {
        String path = "/golden/" + name + ".hex";
        try (InputStream in = Golden.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The IPv4 packet (after the 14-byte Ethernet header). */
    static byte[] ipv4Packet(String name) {
        byte[] f = frame(name);
        return Arrays.copyOfRange(f, 14, f.length);
    }

    /** The IPv6 payload (after Ethernet and the 40-byte IPv6 header). */
    static byte[] ipv6Payload(String name) {
        byte[] f = frame(name);
        return Arrays.copyOfRange(f, 54, f.length);
    }

    static int ipv4(String literal) {
        byte[] a = InetAddress.ofLiteral(literal).getAddress();
        return (a[0] & 0xff) << 24 | (a[1] & 0xff) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff);
    }

    static MemorySegment seg(byte[] bytes) {
        return MemorySegment.ofArray(bytes);
    }
}
