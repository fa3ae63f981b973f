package io.jkeepalived.lvs.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkParser;
import io.jkeepalived.netlink.NetlinkWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which nf_tables notifications are news, and whose sockets are ours. */
class NftWatchTest {

    static NetlinkMessage notification(int msg, int family, String table, int port) {
        var w = new NetlinkWriter(NftMessages.NFNL_SUBSYS_NFTABLES << 8 | msg, 0);
        w.putByte(family).putByte(0).putShort(0);
        w.attrString(1, table);
        return NetlinkParser.parse(w.finish(0, port)).messages().getFirst();
    }

    @Test
    void onlyChangesToOurTableBySomeoneElseAreNews() {
        Set<Integer> own = Set.of(4242, -17);
        assertThat(NftWatch.foreign(notification(NftMessages.NFT_MSG_DELSETELEM, NftMessages.NFPROTO_INET, "jkeepalived", 99), own)).isTrue();
        assertThat(NftWatch.foreign(notification(NftMessages.NFT_MSG_NEWTABLE + 2, NftMessages.NFPROTO_INET, "jkeepalived", -17), own))
                .as("our own socket's change").isFalse();
        assertThat(NftWatch.foreign(notification(NftMessages.NFT_MSG_NEWSETELEM, NftMessages.NFPROTO_INET, "other", 99), own))
                .as("another table").isFalse();
        assertThat(NftWatch.foreign(notification(NftMessages.NFT_MSG_NEWSETELEM, 2, "jkeepalived", 99), own))
                .as("ip family table of the same name").isFalse();
        assertThat(NftWatch.foreign(notification(NftMessages.NFT_MSG_NEWGEN, NftMessages.NFPROTO_INET, "jkeepalived", 99), own))
                .as("the generation message names a process, not a table").isFalse();
    }

    @Test
    void ourPortsAreTheNetfilterSocketsWhoseInodesWeHold() {
        List<String> netlink = List.of(
                "sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode",
                "0000000000000000 12  2272033437 00000000 0        0        0     2        0        5001",
                "0000000000000000 12  777        00000040 0        0        0     2        0        5002",
                "0000000000000000 12  888        00000000 0        0        0     2        0        9999",
                "0000000000000000 0   2272033437 00000000 0        0        0     2        0        5003");
        assertThat(NftWatch.ports(netlink, Set.of(5001L, 5002L, 5003L)))
                .containsExactlyInAnyOrder(Integer.parseUnsignedInt("2272033437"), 777);
    }
}
