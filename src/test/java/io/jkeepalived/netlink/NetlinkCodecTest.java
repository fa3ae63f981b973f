package io.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.os.MacAddress;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Netlink bytes built and parsed without a kernel. Golden bytes are little-endian (x86_64/aarch64). */
class NetlinkCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String hex(ByteBuffer b) {
        var copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return HEX.formatHex(copy);
    }

    @Test
    void vipWithBroadcastAndLabelMatchesGoldenBytes() throws Exception {
        var vip = AddressSpec.of(2, InetAddress.getByName("198.18.1.10"), 24)
                .withComputedBroadcast().withLabel("eth0:vip").withScope(Scope.LINK);
        var bytes = AddressMessages.add(vip).finish(1, 0);
        assertThat(hex(bytes)).isEqualTo(String.join("",
                "40000000", "1400", "0506", "01000000", "00000000", // nlmsghdr: len 64, RTM_NEWADDR, REQ|ACK|EXCL|CREATE, seq 1
                "02", "18", "00", "fd", "02000000",                 // ifaddrmsg: AF_INET /24 flags 0 scope link ifindex 2
                "0800", "0200", "c612010a",                          // IFA_LOCAL 198.18.1.10
                "0800", "0100", "c612010a",                          // IFA_ADDRESS 198.18.1.10
                "0800", "0400", "c61201ff",                          // IFA_BROADCAST 198.18.1.255
                "0d00", "0300", "657468303a76697000", "000000"));    // IFA_LABEL "eth0:vip\0" + pad
    }

    @Test
    void ipv6PreferredLifetimeAndHighFlagsUseCacheinfoAndIfaFlags() throws Exception {
        var spec = AddressSpec.of(3, InetAddress.getByName("2001:db8::1"), 128).withPreferredLifetime(0)
                .withFlag(AddressFlag.NODAD).withFlag(AddressFlag.NOPREFIXROUTE);
        var msg = NetlinkParser.parse(AddressMessages.add(spec).finish(7, 0)).messages().getFirst();
        assertThat(msg.body().get(0)).isEqualTo((byte) 10);
        assertThat(Byte.toUnsignedInt(msg.body().get(1))).isEqualTo(128);
        assertThat(msg.body().get(2)).as("low flag bits in the header").isEqualTo((byte) Rtnl.IFA_F_NODAD);
        var attrs = msg.attributes(AddressMessages.IFADDRMSG);
        assertThat(attrs.u32(Rtnl.IFA_FLAGS)).hasValue(Rtnl.IFA_F_NODAD | Rtnl.IFA_F_NOPREFIXROUTE);
        var cache = attrs.bytes(Rtnl.IFA_CACHEINFO).orElseThrow().order(ByteOrder.nativeOrder());
        assertThat(cache.getInt(0)).as("preferred").isZero();
        assertThat(cache.getInt(4)).as("valid: forever").isEqualTo(Rtnl.INFINITY_LIFE_TIME);
    }

    @Test
    void writerAlignsAndNests() {
        var w = new NetlinkWriter(99, 1).putByte(7).align();
        int outer = w.beginNested(5);
        w.attrU8(1, 0xAB);
        w.attrString(2, "abc");
        w.endNested(outer);
        w.attrU16(6, 0x1234);
        var msg = NetlinkParser.parse(w.finish(42, 9)).messages().getFirst();
        assertThat(msg.type()).isEqualTo(99);
        assertThat(msg.seq()).isEqualTo(42);
        assertThat(msg.portId()).isEqualTo(9);
        assertThat(msg.body().limit() % 4).isZero();
        var attrs = msg.attributes(4);
        var nested = attrs.nested(5).orElseThrow();
        assertThat(nested.u8(1)).hasValue(0xAB);
        assertThat(nested.string(2)).contains("abc");
        assertThat(attrs.u16(6)).hasValue(0x1234);
        assertThat(attrs.malformed()).isFalse();
    }

    @Test
    void macvlanRequestParsesBackAsTheLinkItDescribes() {
        var spec = MacvlanSpec.vmac("vrrp.7", 4, true, 7);
        var msg = NetlinkParser.parse(LinkMessages.createMacvlan(spec).finish(1, 0)).messages().getFirst();
        assertThat(msg.flags()).isEqualTo(NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK
                | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL);
        var link = LinkMessages.parse(msg).orElseThrow();
        assertThat(link.name()).isEqualTo("vrrp.7");
        assertThat(link.mac()).contains(MacAddress.parse("00:00:5e:00:02:07").orElseThrow());
        assertThat(link.kind()).contains("macvlan");
        assertThat(link.macvlanMode()).hasValue(1);
        assertThat(link.parentIndex()).hasValue(4);
    }

    @Test
    void routeAndRuleHeaders() throws Exception {
        var route = RouteSpec.to(InetAddress.getByName("198.18.0.0"), 16).withType(RouteType.BLACKHOLE).inTable(1000);
        var r = NetlinkParser.parse(RouteMessages.add(route).finish(1, 0)).messages().getFirst();
        // AF_INET, dst_len 16, src_len 0, tos 0 | table UNSPEC (1000 > 255 goes in RTA_TABLE), proto 18,
        // scope universe, type blackhole | flags 0
        assertThat(hex(r.body().slice(0, 12))).isEqualTo("02100000" + "00120006" + "00000000");
        var ra = r.attributes(12);
        assertThat(ra.address(Rtnl.RTA_DST)).contains(InetAddress.getByName("198.18.0.0"));
        assertThat(ra.u32(Rtnl.RTA_TABLE)).hasValue(1000);

        var rule = RuleSpec.lookup(false, 100).from(InetAddress.getByName("198.18.0.1"), 32).withPriority(5)
                .withFwmark(3, OptionalInt.of(0xff)).withIif("eth0");
        var m = NetlinkParser.parse(RuleMessages.add(rule).finish(1, 0)).messages().getFirst();
        // AF_INET, dst_len 0, src_len 32, tos 0 | table 100, res, res, action TO_TBL | flags 0
        assertThat(hex(m.body().slice(0, 12))).isEqualTo("02002000" + "64000001" + "00000000");
        var a = m.attributes(12);
        assertThat(a.u32(Rtnl.FRA_PRIORITY)).hasValue(5);
        assertThat(a.u32(Rtnl.FRA_FWMARK)).hasValue(3);
        assertThat(a.u32(Rtnl.FRA_FWMASK)).hasValue(0xff);
        assertThat(a.string(Rtnl.FRA_IIFNAME)).contains("eth0");
        assertThat(a.u8(Rtnl.FRA_PROTOCOL)).hasValue(Rtnl.RTPROT_KEEPALIVED);
    }

    /** A deletion notification is matched to the virtual route or rule it took away, and to no other. */
    @Test
    void removedRoutesAndRulesAreRecognised() throws Exception {
        var route = RouteSpec.to(InetAddress.getByName("198.18.5.0"), 24).inTable(1000).withMetric(7);
        var deleted = NetlinkParser.parse(RouteMessages.delete(route.dev(3)).finish(1, 0)).messages().getFirst();
        var removed = RemovedRoute.parse(deleted).orElseThrow();
        assertThat(removed.is(route)).isTrue();
        assertThat(removed.is(route.inTable(254))).isFalse();
        assertThat(removed.is(RouteSpec.to(InetAddress.getByName("198.18.5.0"), 25).inTable(1000))).isFalse();

        var rule = RuleSpec.lookup(false, 100).from(InetAddress.getByName("198.18.0.1"), 32).withPriority(5);
        var del = NetlinkParser.parse(RuleMessages.delete(rule).finish(1, 0)).messages().getFirst();
        var gone = RemovedRule.parse(del).orElseThrow();
        assertThat(gone.is(rule)).isTrue();
        assertThat(gone.is(rule.withPriority(6))).isFalse();
        assertThat(gone.is(RuleSpec.lookup(false, 101).from(InetAddress.getByName("198.18.0.1"), 32)
                .withPriority(5))).isFalse();
    }

    @Test
    void errorWithExtendedAckCarriesTheKernelText() {
        var w = new NetlinkWriter(NetlinkMessage.NLMSG_ERROR, NetlinkMessage.NLM_F_CAPPED | NetlinkMessage.NLM_F_ACK_TLVS);
        w.putInt(-22);                                    // -EINVAL
        w.putInt(24).putShort(20).putShort(0x605).putInt(5).putInt(0); // the request's header, capped
        w.attrString(Rtnl.NLMSGERR_ATTR_MSG, "ipv4: Invalid scope value");
        var m = NetlinkParser.parse(w.finish(5, 0)).messages().getFirst();
        var err = NetlinkError.parse(m).orElseThrow();
        assertThat(err.errno()).isEqualTo(22);
        assertThat(err.kernelMessage()).contains("ipv4: Invalid scope value");

        var ack = new NetlinkWriter(NetlinkMessage.NLMSG_ERROR, 0).putInt(0).putInt(16).putShort(20).putShort(5)
                .putInt(6).putInt(0);
        assertThat(NetlinkError.parse(NetlinkParser.parse(ack.finish(6, 0)).messages().getFirst()).orElseThrow()
                .isAck()).isTrue();
    }

    @Test
    void monitorDecodesNotifications() throws Exception {
        var out = new ArrayList<NetlinkEvent>();
        var addr = AddressMessages.add(AddressSpec.of(3, InetAddress.getByName("198.18.4.4"), 24));
        LinkMonitor.decode(NetlinkParser.parse(addr.finish(0, 0)).messages().getFirst(), out);
        var link = new NetlinkWriter(Rtnl.RTM_NEWLINK, 0).putByte(0).putByte(0).putShort(1).putInt(3)
                .putInt(Rtnl.IFF_UP).putInt(0).attrString(Rtnl.IFLA_IFNAME, "eth1").attrU8(Rtnl.IFLA_OPERSTATE, 2);
        LinkMonitor.decode(NetlinkParser.parse(link.finish(0, 0)).messages().getFirst(), out);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOfSatisfying(NetlinkEvent.AddressAdded.class,
                a -> assertThat(a.address().prefixLength()).isEqualTo(24));
        assertThat(out.get(1)).isInstanceOfSatisfying(NetlinkEvent.LinkChanged.class, c -> {
            assertThat(c.name()).isEqualTo("eth1");
            assertThat(c.up()).isTrue();
            assertThat(c.running()).isFalse();
            assertThat(c.link().operState()).isEqualTo(OperState.DOWN);
        });
    }

    @Test
    void parserReportsBrokenInputInsteadOfThrowing() {
        var good = new NetlinkWriter(Rtnl.RTM_NEWLINK, 0).putInt(0).finish(1, 0);
        var truncated = ByteBuffer.allocate(good.limit() + 10).order(ByteOrder.nativeOrder()).put(good.duplicate());
        truncated.putInt(good.limit(), 9999).position(0);
        var result = NetlinkParser.parse(truncated);
        assertThat(result.messages()).hasSize(1);
        assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("truncated"));

        var tooLong = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(0, 400);
        assertThat(NetlinkParser.parse(tooLong).problem()).hasValueSatisfying(p -> assertThat(p).contains("bad nlmsg_len"));
    }

    @Test
    void randomBytesNeverThrow() {
        var random = new Random(1234);
        for (int i = 0; i < 20_000; i++) {
            var bytes = new byte[random.nextInt(128)];
            random.nextBytes(bytes);
            if (bytes.length >= 4 && random.nextBoolean()) {
                ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).putInt(0, bytes.length - random.nextInt(4));
            }
            var parsed = NetlinkParser.parse(ByteBuffer.wrap(bytes));
            for (var m : parsed.messages()) {
                LinkMessages.parse(m);
                AddressMessages.parse(m);
                NetlinkError.parse(m);
                LinkMonitor.decode(m, new ArrayList<>());
                var a = m.attributes(random.nextInt(24));
                a.nested(random.nextInt(8));
                a.string(random.nextInt(8));
                a.address(random.nextInt(8));
            }
            Attributes.parse(ByteBuffer.wrap(bytes), random.nextInt(bytes.length + 2));
        }
    }
}
