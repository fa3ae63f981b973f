package io.jkeepalived.lvs.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceFlags;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.lvs.Tunnel;
import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.GenericNetlink;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkParser;
import io.jkeepalived.netlink.NetlinkWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The codec against what ipvsadm sent and the kernel answered (src/test/resources/ipvs/ipvsadm-strace.txt). */
class IpvsMessagesTest {

    static final int FAMILY = 0x20;
    static Map<String, List<StraceCapture>> capture;

    static final ServiceKey TCP80 = new ServiceKey.Addr(ServiceKey.Protocol.TCP, ip("198.18.5.10"), 80);
    static final ServiceKey UDP53 = new ServiceKey.Addr(ServiceKey.Protocol.UDP, ip("198.18.5.10"), 53);
    static final ServiceKey FWM7V6 = new ServiceKey.Fwmark(7, true);
    static final ServiceKey SIP6 = new ServiceKey.Addr(ServiceKey.Protocol.UDP, ip("2001:db8::10"), 5060);

    static final Service A1 = new Service(TCP80, "wrr", Optional.of(300L), Optional.of("255.255.255.0"));
    static final Service A2 = new Service(UDP53, "rr", Optional.empty(), Optional.empty(),
            new ServiceFlags(true, false, false, false), Optional.empty());
    static final Service A3 = new Service(FWM7V6, "sh", Optional.empty(), Optional.empty(),
            new ServiceFlags(false, true, true, false), Optional.empty());
    static final Service A4 = new Service(SIP6, "rr", Optional.of(60L), Optional.of("64"), ServiceFlags.NONE,
            Optional.of("sip"));

    static final Destination GUE = new Destination(ip("2001:db8:1::2"), 0, 5, ForwardMethod.TUN, 0, 0,
            new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.Checksum.CSUM));
    static final Destination DR2 = new Destination(ip("198.18.6.2"), 80, 2, ForwardMethod.DR, 100, 50);

    static InetAddress ip(String s) {
        return InetAddress.ofLiteral(s);
    }

    @BeforeAll
    static void load() throws IOException {
        capture = StraceCapture.load("/ipvs/ipvsadm-strace.txt");
    }

    /** The message as the kernel would see it, minus the sequence number and port id. */
    static byte[] payload(NetlinkWriter w) {
        ByteBuffer b = w.finish(0, 0);
        return Arrays.copyOfRange(b.array(), NetlinkWriter.HEADER, b.limit());
    }

    static StraceCapture one(String name) {
        assertThat(capture).containsKey(name);
        return capture.get(name).getFirst();
    }

    static NetlinkMessage message(byte[] payload, int type) {
        return new NetlinkMessage(type, 0, 0, 0, ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()));
    }

    static Attributes nest(byte[] payload, int attr) {
        return message(payload, FAMILY).attributes(GenericNetlink.HEADER).nested(attr).orElseThrow();
    }

    @Test
    void newServiceIsIpvsadmsBytes() {
        assertThat(payload(IpvsMessages.newService(FAMILY, A1))).isEqualTo(one("A1").payload());
        assertThat(payload(IpvsMessages.newService(FAMILY, A2))).isEqualTo(one("A2").payload());
        assertThat(payload(IpvsMessages.newService(FAMILY, A3))).isEqualTo(one("A3").payload());
        assertThat(payload(IpvsMessages.newService(FAMILY, A4))).isEqualTo(one("A4").payload());
    }

    @Test
    void destinationNestsAreIpvsadmsBytesAndTheServiceIsNamedByItsKey() {
        // ipvsadm repeats the whole service in DEST commands; the kernel reads only its key
        checkDest(IpvsMessages.newDest(FAMILY, FWM7V6, GUE), one("a1"), true);
        checkDest(IpvsMessages.newDest(FAMILY, TCP80, DR2), one("a2"), true);
        checkDest(IpvsMessages.setDest(FAMILY, TCP80, DR2.withWeight(7)), one("e2"), false);
        byte[] del = payload(IpvsMessages.delDest(FAMILY, FWM7V6, GUE.key()));
        assertThat(del[0]).isEqualTo((byte) 7);
        Attributes mine = nest(del, 2);
        Attributes theirs = nest(one("d1").payload(), 2);
        for (int a : new int[] {11, 1, 2}) assertThat(mine.array(a)).hasValueSatisfying(v -> assertThat(v).isEqualTo(theirs.array(a).orElseThrow()));
        assertThat(payload(IpvsMessages.delService(FAMILY, UDP53))[0]).isEqualTo(one("D1").payload()[0]);
        sameKey(nest(payload(IpvsMessages.delService(FAMILY, UDP53)), 1), nest(one("D1").payload(), 1));
    }

    private static void checkDest(NetlinkWriter w, StraceCapture c, boolean exactDest) {
        byte[] mine = payload(w);
        assertThat(mine[0]).isEqualTo(c.payload()[0]);
        sameKey(nest(mine, 1), nest(c.payload(), 1));
        if (exactDest) {
            assertThat(raw(mine, 2)).isEqualTo(raw(c.payload(), 2));
        } else {
            // ipvsadm -e without -x/-y sends thresholds 0; the rest must match
            Attributes m = nest(mine, 2), t = nest(c.payload(), 2);
            for (int a : new int[] {11, 1, 2, 3, 4, 13, 14, 15}) {
                assertThat(m.array(a).map(Arrays::toString)).isEqualTo(t.array(a).map(Arrays::toString));
            }
        }
    }

    private static void sameKey(Attributes mine, Attributes theirs) {
        for (int a : new int[] {1, 2, 3, 4, 5}) {
            assertThat(mine.array(a).map(Arrays::toString)).as("service attr " + a).isEqualTo(theirs.array(a).map(Arrays::toString));
        }
    }

    /** The raw bytes of top-level attribute {@code type} (header included). */
    private static byte[] raw(byte[] payload, int type) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        int pos = GenericNetlink.HEADER;
        while (pos + 4 <= payload.length) {
            int len = Short.toUnsignedInt(b.getShort(pos));
            if ((b.getShort(pos + 2) & 0x3fff) == type) return Arrays.copyOfRange(payload, pos, pos + len);
            pos += (len + 3) & ~3;
        }
        throw new AssertionError("no attribute " + type);
    }

    @Test
    void kernelDumpRepliesParseIntoWhatWasAdded() {
        List<StraceCapture> replies = capture.get("L");
        List<Service> services = replies.stream().map(c -> IpvsMessages.parseService(message(c.payload(), c.type())))
                .flatMap(Optional::stream).distinct().toList();
        // the table at the end of the capture: A1 with DR2 at weight 7, A4, A3 (A2 deleted)
        assertThat(services).containsExactlyInAnyOrder(A1, A3, A4);
        List<Destination> dests = replies.stream().map(c -> IpvsMessages.parseDest(message(c.payload(), c.type()), false))
                .flatMap(Optional::stream).distinct().toList();
        assertThat(dests).containsExactly(new Destination(ip("198.18.6.2"), 80, 7, ForwardMethod.DR, 0, 0));
    }

    @Test
    void familyRequestIsIpvsadmsAndTheReplyGivesTheId() {
        assertThat(payload(GenericNetlink.getFamily("IPVS"))).isEqualTo(StraceCapture.unescape(
                "\\x03\\x01\\x00\\x00\\x09\\x00\\x02\\x00\\x49\\x50\\x56\\x53\\x00\\x00\\x00\\x00"));
        NetlinkWriter reply = GenericNetlink.message(GenericNetlink.GENL_ID_CTRL, 0, GenericNetlink.CTRL_CMD_NEWFAMILY, 2)
                .attrString(GenericNetlink.CTRL_ATTR_FAMILY_NAME, "IPVS").attrU16(GenericNetlink.CTRL_ATTR_FAMILY_ID, 0x20);
        NetlinkMessage m = NetlinkParser.parse(reply.finish(1, 0)).messages().getFirst();
        assertThat(GenericNetlink.familyId(m, "IPVS")).contains(0x20);
        assertThat(GenericNetlink.familyId(m, "nlctrl")).isEmpty();
    }

    @Test
    void everyServiceAndDestinationRoundTrips() {
        Tunnel gre = new Tunnel(Tunnel.Type.GRE, 0, Tunnel.Checksum.CSUM);
        Tunnel gueRem = new Tunnel(Tunnel.Type.GUE, 5555, Tunnel.Checksum.REMCSUM);
        List<Service> services = List.of(A1, A2, A3, A4,
                new Service(new ServiceKey.Addr(ServiceKey.Protocol.SCTP, ip("198.18.5.11"), 9), "mh", Optional.of(10L),
                        Optional.empty(), new ServiceFlags(true, true, true, true), Optional.empty()),
                new Service(new ServiceKey.Fwmark(0xfffffffeL, false), "lblcr", Optional.empty(), Optional.empty()));
        for (Service s : services) {
            NetlinkMessage m = NetlinkParser.parse(IpvsMessages.newService(FAMILY, s).finish(1, 0)).messages().getFirst();
            assertThat(IpvsMessages.parseService(m)).contains(s);
        }
        for (Destination d : List.of(GUE, DR2, new Destination(ip("198.18.6.3"), 8080, 0, ForwardMethod.NAT, 0, 0),
                new Destination(ip("198.18.6.4"), 80, 65535, ForwardMethod.TUN, 1, 2, gre),
                new Destination(ip("2001:db8:1::4"), 80, 3, ForwardMethod.TUN, 0, 0, gueRem))) {
            NetlinkMessage m = NetlinkParser.parse(IpvsMessages.newDest(FAMILY, TCP80, d).finish(1, 0)).messages().getFirst();
            assertThat(IpvsMessages.parseDest(m, false)).contains(d);
        }
    }

    @Test
    void brokenRepliesParseAsNothing() {
        assertThat(IpvsMessages.parseService(message(new byte[] {1, 1, 0, 0, 8, 0, 1, (byte) 0x80, 6, 0, 1, 0}, FAMILY))).isEmpty();
        assertThat(IpvsMessages.parseService(message(new byte[] {1}, FAMILY))).isEmpty();
        assertThat(IpvsMessages.parseDest(message(new byte[] {5, 1, 0, 0, 4, 0, 2, (byte) 0x80}, FAMILY), false)).isEmpty();
        byte[] truncated = Arrays.copyOf(one("A1").payload(), 40);
        assertThat(IpvsMessages.parseService(message(truncated, FAMILY))).isEmpty();
    }

    @Test
    void configAndSyncDaemonLayouts() {
        byte[] t = payload(IpvsMessages.setTimeouts(FAMILY, new IpvsTimeouts(7200, 120, 300)));
        Attributes a = message(t, FAMILY).attributes(GenericNetlink.HEADER);
        assertThat(t[0]).isEqualTo((byte) 12);
        assertThat(a.u32(4)).hasValue(7200);
        assertThat(a.u32(5)).hasValue(120);
        assertThat(a.u32(6)).hasValue(300);
        var d = new SyncDaemon(SyncDaemon.Role.MASTER, "eth0", 5, java.util.OptionalInt.of(1472),
                Optional.of(ip("224.0.0.81")), java.util.OptionalInt.of(8848), java.util.OptionalInt.of(2));
        byte[] nd = payload(IpvsMessages.newDaemon(FAMILY, d));
        assertThat(nd[0]).isEqualTo((byte) 9);
        Attributes n = nest(nd, 3);
        assertThat(n.u32(1)).hasValue(1);
        assertThat(n.string(2)).contains("eth0");
        assertThat(n.u32(3)).hasValue(5);
        assertThat(n.u16(4)).hasValue(1472);
        assertThat(n.array(5)).hasValueSatisfying(g -> assertThat(g).containsExactly(224, 0, 0, 81));
        assertThat(n.array(7)).hasValueSatisfying(p -> assertThat(p).containsExactly(0x22, 0x90));
        assertThat(n.u8(8)).hasValue(2);
        assertThat(nest(payload(IpvsMessages.delDaemon(FAMILY, SyncDaemon.Role.BACKUP)), 3).u32(1)).hasValue(2);
        assertThat(payload(IpvsMessages.flush(FAMILY))).containsExactly(17, 1, 0, 0);
    }
}
