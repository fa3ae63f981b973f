package io.jkeepalived.lvs.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkParser;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes: what libnftables 1.0.6 sent (captured with {@code strace -e write=3 nft -f}, x86-64)
 * for the same element changes, in nft syntax:
 * <pre>
 * add element inet jkeepalived dst_x { 198.18.1.1 . 80 : 5, 198.18.1.2 . 8080 : 1 }
 * add element inet jkeepalived dst_y { 2001:db8:1::1 . 80 : 2 }
 * add element inet jkeepalived slot_x { 0 : 198.18.1.1 . 80, 1 : 198.18.1.2 . 8080 }
 * add element inet jkeepalived slot_v { 3 : goto c1 }
 * delete element inet jkeepalived dst_x { 198.18.1.2 . 8080 }
 * flush map inet jkeepalived slot_x
 * </pre>
 * libnftables adds a set id attribute and asks for no acks; the element lists must be byte for byte
 * the same.
 */
class NftMessagesTest {

    static final String LIBNFTABLES = """
            140000001000010000000000000000000000000a7c0000000c0a0104010000000000000001000000100001006a6b65657061\
            6c69766564000a0002006473745f7800000008000400000000014400038020000180100001800c000100c612010100500000\
            0c000280080001000500000020000280100001800c000100c61201021f9000000c0002800800010001000000680000000c0a\
            0104020000000000000001000000100001006a6b656570616c69766564000a0002006473745f790000000800040000000002\
            300003802c0001801c0001801800010020010db8000100000000000000000001005000000c00028008000100020000007c00\
            00000c0a0104030000000000000001000000100001006a6b656570616c69766564000b000200736c6f745f78000008000400\
            0000000344000380200001800c0001800800010000000000100002800c000100c612010100500000200002800c0001800800\
            010001000000100002800c000100c61201021f900000640000000c0a0104040000000000000001000000100001006a6b6565\
            70616c69766564000b000200736c6f745f76000008000400000000042c000380280001800c00018008000100030000001800\
            02801400028008000100fffffffc0700020063310000480000000e0a0100050000000000000001000000100001006a6b6565\
            70616c69766564000a0002006473745f780000001800038014000180100001800c000100c61201021f900000300000000e0a\
            01000600000000000000010000000b000200736c6f745f780000100001006a6b656570616c69766564001400000011000100\
            07000000000000000000000a""";

    static final InetAddress RS1 = InetAddress.ofLiteral("198.18.1.1");
    static final InetAddress RS2 = InetAddress.ofLiteral("198.18.1.2");

    static List<NftStep.Elements> steps() {
        return List.of(
                add("dst_x", dest(RS1, 80, 5), dest(RS2, 8080, 1)),
                add("dst_y", dest(InetAddress.ofLiteral("2001:db8:1::1"), 80, 2)),
                add("slot_x", slot(0, new NftStep.Value.Target(RS1, OptionalInt.of(80))),
                        slot(1, new NftStep.Value.Target(RS2, OptionalInt.of(8080)))),
                add("slot_v", slot(3, new NftStep.Value.Goto("c1"))),
                new NftStep.Elements("dst_x", NftStep.Action.DELETE, List.of(new NftStep.Element.Destination(RS2, 8080, Optional.empty()))),
                new NftStep.Elements("slot_x", NftStep.Action.FLUSH, List.of()));
    }

    @Test
    void elementListsAreTheOnesLibnftablesSends() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes from a little-endian host");
        List<NetlinkMessage> golden = messages(ByteBuffer.wrap(HexFormat.of().parseHex(LIBNFTABLES)));
        List<NetlinkMessage> ours = messages(NftMessages.batch(NftMessages.changes(steps()), 100, 0));
        assertThat(ours).hasSameSizeAs(golden).hasSize(8);
        for (int i = 0; i < golden.size(); i++) {
            NetlinkMessage g = golden.get(i);
            NetlinkMessage o = ours.get(i);
            assertThat(o.type()).as("type of message %d", i).isEqualTo(g.type());
            int inner = i == 0 || i == golden.size() - 1 ? 0 : NetlinkMessage.NLM_F_ACK;
            assertThat(o.flags()).as("flags of message %d", i).isEqualTo(g.flags() | inner);
            assertThat(o.seq()).isEqualTo(100 + i);
            assertThat(bytes(o.body(), 0, 4)).as("nfgenmsg of message %d", i).isEqualTo(bytes(g.body(), 0, 4));
            if (inner == 0) continue;
            var ga = g.attributes(4);
            var oa = o.attributes(4);
            assertThat(oa.string(NftMessages.NFTA_SET_ELEM_LIST_TABLE)).isEqualTo(ga.string(NftMessages.NFTA_SET_ELEM_LIST_TABLE));
            assertThat(oa.string(NftMessages.NFTA_SET_ELEM_LIST_SET)).isEqualTo(ga.string(NftMessages.NFTA_SET_ELEM_LIST_SET));
            assertThat(oa.array(NftMessages.NFTA_SET_ELEM_LIST_ELEMENTS)).as("elements of message %d", i)
                    .usingDefaultComparator().satisfies(a -> assertThat(a.map(HexFormat.of()::formatHex))
                            .isEqualTo(ga.array(NftMessages.NFTA_SET_ELEM_LIST_ELEMENTS).map(HexFormat.of()::formatHex)));
        }
    }

    @Test
    void textIsNftSyntax() {
        assertThat(steps().stream().map(NftStep::text).toList()).containsExactly(
                "add element inet jkeepalived dst_x { 198.18.1.1 . 80 : 5, 198.18.1.2 . 8080 : 1 }",
                "add element inet jkeepalived dst_y { 2001:db8:1::1 . 80 : 2 }",
                "add element inet jkeepalived slot_x { 0 : 198.18.1.1 . 80, 1 : 198.18.1.2 . 8080 }",
                "add element inet jkeepalived slot_v { 3 : goto c1 }",
                "delete element inet jkeepalived dst_x { 198.18.1.2 . 8080 }",
                "flush map inet jkeepalived slot_x");
    }

    @Test
    void largeElementListsAreSplitAcrossMessagesOfOneTransaction() {
        var many = new java.util.ArrayList<NftStep.Element>();
        for (int i = 0; i < 4093; i++) many.add(slot(i, new NftStep.Value.Target(RS1, OptionalInt.of(80))));
        var changes = NftMessages.changes(List.of(new NftStep.Elements("slot_m", NftStep.Action.ADD, many)));
        assertThat(changes).hasSizeGreaterThan(1);
        List<NetlinkMessage> ms = messages(NftMessages.batch(changes, 1, 0));
        int elements = 0;
        for (NetlinkMessage m : ms.subList(1, ms.size() - 1)) {
            var list = m.attributes(4).bytes(NftMessages.NFTA_SET_ELEM_LIST_ELEMENTS).orElseThrow().order(ByteOrder.nativeOrder());
            assertThat(list.remaining()).isLessThan(65536);
            elements += countElements(list);
        }
        assertThat(elements).isEqualTo(4093);
    }

    private static int countElements(ByteBuffer list) {
        int n = 0;
        for (int pos = 0; pos + 4 <= list.limit(); n++) pos += (Short.toUnsignedInt(list.getShort(pos)) + 3) & ~3;
        return n;
    }

    private static NftStep.Elements add(String map, NftStep.Element... elements) {
        return new NftStep.Elements(map, NftStep.Action.ADD, List.of(elements));
    }

    private static NftStep.Element dest(InetAddress ip, int port, long weight) {
        return new NftStep.Element.Destination(ip, port, Optional.of(new NftStep.Value.Weight(weight)));
    }

    private static NftStep.Element slot(int slot, NftStep.Value value) {
        return new NftStep.Element.Slot(slot, Optional.of(value));
    }

    private static List<NetlinkMessage> messages(ByteBuffer datagram) {
        var r = NetlinkParser.parse(datagram.order(ByteOrder.nativeOrder()));
        assertThat(r.problem()).isEmpty();
        return r.messages();
    }

    private static byte[] bytes(ByteBuffer b, int from, int n) {
        byte[] out = new byte[n];
        b.get(from, out);
        return out;
    }
}
