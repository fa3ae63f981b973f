package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.Golden.A4;
import static io.jkeepalived.vrrp.wire.Golden.A6_LINK_LOCAL;
import static io.jkeepalived.vrrp.wire.Golden.B4;
import static io.jkeepalived.vrrp.wire.Golden.GROUP6;
import static io.jkeepalived.vrrp.wire.Golden.MAC_A;
import static io.jkeepalived.vrrp.wire.Golden.seg;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent dissector checks our checksums: packets from our encoder and builders are written to a pcap and
 * tshark must report every VRRP, IPv4 header and ICMPv6 checksum as good. Needs tshark.
 */
@Tag("interop")
class TsharkChecksumInteropTest {
    private static final byte[] MAC_B = HexFormat.ofDelimiter(":").parseHex("02:6a:6b:00:00:02");
    private static final byte[] MCAST4_MAC = HexFormat.ofDelimiter(":").parseHex("01:00:5e:00:00:12");
    private static final byte[] MCAST6_MAC = HexFormat.ofDelimiter(":").parseHex("33:33:00:00:00:12");

    @Test
    void tsharkReportsGoodChecksumsForOurPackets(@TempDir Path dir) throws Exception {
        AddressList v4 = AddressList.parse(IpFamily.IPV4, "198.18.0.100", "198.18.0.101");
        List<byte[]> frames = new ArrayList<>();
        frames.add(ipv4Frame(MCAST4_MAC, Advertisement.v2Pass(51, 150, 1, "secret", v4), VrrpHeader.GROUP_V4));
        frames.add(ipv4Frame(MCAST4_MAC, Advertisement.v3(52, 200, 50, v4, ChecksumMode.PSEUDO_HEADER),
                VrrpHeader.GROUP_V4));
        frames.add(ipv4Frame(MAC_B, Advertisement.v3(55, 254, 100, v4, ChecksumMode.PSEUDO_HEADER), B4));
        frames.add(ipv4Frame(MCAST4_MAC, Advertisement.v3(52, 0, 4095, v4, ChecksumMode.PSEUDO_HEADER),
                VrrpHeader.GROUP_V4));
        frames.add(ipv6Frame(Advertisement.v3(53, 120, 100,
                AddressList.parse(IpFamily.IPV6, "2001:db8::100", "2001:db8::101"), ChecksumMode.PSEUDO_HEADER)));
        frames.add(GratuitousArp.build(MAC_A, (Inet4Address) InetAddress.ofLiteral("198.18.0.100")));
        frames.add(UnsolicitedNeighbourAdvert.build(MAC_A, (Inet6Address) InetAddress.ofLiteral("2001:db8::100"),
                true));
        Path pcap = dir.resolve("ours.pcap");
        Files.write(pcap, pcap(frames));

        String out = run("tshark", "-r", pcap.toString(), "-o", "ip.check_checksum:TRUE",
                "-o", "vrrp.v3_checksum_as_in_v2:FALSE", "-T", "fields", "-E", "separator=,",
                "-e", "frame.number", "-e", "vrrp.checksum.status", "-e", "ip.checksum.status",
                "-e", "icmpv6.checksum.status", "-e", "arp.opcode");
        System.out.println(out);
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(frames.size());
        for (int i = 0; i < 4; i++) {
            assertThat(lines.get(i)).as("IPv4 advert %d: vrrp and ip checksum good", i + 1)
                    .isEqualTo((i + 1) + ",1,1,,");
        }
        assertThat(lines.get(4)).isEqualTo("5,1,,,");
        assertThat(lines.get(5)).isEqualTo("6,,,,1");
        assertThat(lines.get(6)).isEqualTo("7,,,1,");

        String verbose = run("tshark", "-r", pcap.toString(), "-V");
        assertThat(verbose).contains("Authentication String: secret").doesNotContain("[Checksum Status: Bad]");
    }

    private static byte[] ipv4Frame(byte[] dstMac, Advertisement ad, int dst) {
        byte[] frame = new byte[14 + AdvertEncoder.ipv4PacketLength(ad)];
        System.arraycopy(dstMac, 0, frame, 0, 6);
        System.arraycopy(MAC_A, 0, frame, 6, 6);
        frame[12] = 0x08;
        AdvertEncoder.encodeIpv4(ad, A4, dst, 255, 7, seg(frame), 14);
        return frame;
    }

    /** The kernel builds this IPv6 header in real life; here the test does, as keepalived's kernel would. */
    private static byte[] ipv6Frame(Advertisement ad) {
        int n = ad.vrrpLength();
        byte[] frame = new byte[54 + n];
        System.arraycopy(MCAST6_MAC, 0, frame, 0, 6);
        System.arraycopy(MAC_A, 0, frame, 6, 6);
        frame[12] = (byte) 0x86;
        frame[13] = (byte) 0xdd;
        frame[14] = 0x6c;
        frame[18] = (byte) (n >>> 8);
        frame[19] = (byte) n;
        frame[20] = 112;
        frame[21] = (byte) 255;
        System.arraycopy(A6_LINK_LOCAL, 0, frame, 22, 16);
        System.arraycopy(GROUP6, 0, frame, 38, 16);
        AdvertEncoder.encodeIpv6(ad, seg(A6_LINK_LOCAL), seg(GROUP6), seg(frame), 54);
        return frame;
    }

    private static byte[] pcap(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(header.array());
        int t = 0;
        for (byte[] f : frames) {
            ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            rec.putInt(++t).putInt(0).putInt(f.length).putInt(f.length);
            out.writeBytes(rec.array());
            out.writeBytes(Arrays.copyOf(f, f.length));
        }
        return out.toByteArray();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
        return new String(output, StandardCharsets.UTF_8);
    }
}
