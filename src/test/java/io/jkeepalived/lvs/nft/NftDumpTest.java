package io.jkeepalived.lvs.nft;

import static io.jkeepalived.lvs.nft.NftFixtures.TCP80;
import static io.jkeepalived.lvs.nft.NftFixtures.UDP53_V6;
import static io.jkeepalived.lvs.nft.NftFixtures.nat;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceFlags;
import io.jkeepalived.lvs.ServiceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dump parser against libnftables' own JSON (src/test/resources/nft/list-maps.json, nft 1.0.6). */
class NftDumpTest {

    static String resource(String name) throws IOException {
        try (var in = NftDumpTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsOurServicesFromTheKernelsJsonAndSkipsOtherTables() throws IOException {
        var d = (KernelDump.Read) NftDump.parse(resource("/nft/list-maps.json"));
        var udp = new ServiceKey.Addr(ServiceKey.Protocol.UDP, NftFixtures.ip("198.18.0.1"), 53);
        var tcp6 = new ServiceKey.Addr(ServiceKey.Protocol.TCP, NftFixtures.ip("2001:db8::1"), 80);
        assertThat(d.table()).containsOnlyKeys(TCP80, udp, tcp6);
        assertThat(d.table().get(tcp6).service()).isEqualTo(new Service(tcp6, "mh", Optional.of(300L), Optional.of("64"),
                new ServiceFlags(false, false, true, false), Optional.empty()));
        assertThat(d.table().get(udp).service()).isEqualTo(new Service(udp, "rr", Optional.of(60L), Optional.of("255.255.255.0")));
        assertThat(d.table().get(udp).destinations().values()).containsExactlyInAnyOrder(
                nat("198.18.1.1", 53, 5), nat("198.18.1.2", 53, 1));
        assertThat(d.table().get(TCP80).destinations().values()).containsExactlyInAnyOrder(
                nat("198.18.1.1", 8080, 3), nat("198.18.1.2", 80, 6), nat("198.18.1.3", 80, 0));
    }

    @Test
    void elementsWithCommentsAreReadToo() {
        String json = """
                {"nftables": [{"map": {"family": "inet", "name": "dst_udp6_2001_db8__1_53", "table": "jkeepalived",
                 "comment": "jk1 udp 2001:db8::1 53 wrr - - 0000", "map": "mark",
                 "elem": [[{"elem": {"val": {"concat": ["2001:db8:1::1", 5353]}, "comment": "x"}}, 7]]}}]}""";
        var d = (KernelDump.Read) NftDump.parse(json);
        assertThat(d.table().get(UDP53_V6).destinations().values()).containsExactly(nat("2001:db8:1::1", 5353, 7));
    }

    @Test
    void anythingOfOursThatDoesNotParseIsUnreadableNotAnException() {
        assertThat(NftDump.parse("{not json")).isInstanceOf(KernelDump.Unreadable.class);
        assertThat(NftDump.parse("[]")).isInstanceOf(KernelDump.Unreadable.class);
        assertThat(NftDump.parse(map("\"comment\": \"hello\", \"elem\": []")))
                .isEqualTo(new KernelDump.Unreadable("map dst_tcp_198_18_0_1_80: no readable service tag"));
        assertThat(NftDump.parse(map("\"comment\": \"jk1 tcp 198.18.0.1 80 rr - - 0000\", \"elem\": [[{\"concat\": [\"nope\", 80]}, 1]]")))
                .isInstanceOf(KernelDump.Unreadable.class);
        assertThat(NftDump.parse(map("\"comment\": \"jk1 tcp 198.18.0.2 80 rr - - 0000\"")))
                .isInstanceOf(KernelDump.Unreadable.class);
        assertThat(NftDump.parse(map("\"comment\": \"jk1 tcp 198.18.0.1 80 rr - - 0000\", \"elem\": [[{\"concat\": [\"198.18.1.1\", 80]}, -1]]")))
                .isInstanceOf(KernelDump.Unreadable.class);
    }

    @Test
    void noTableYetIsAnEmptyTable() {
        var d = (KernelDump.Read) NftDump.parse("{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}]}");
        assertThat(d.table()).isEmpty();
    }

    @Test
    void tagsRoundTrip() {
        var fw = new Service(new ServiceKey.Fwmark(4294967295L, true), "sh", Optional.of(86400L), Optional.of("128"),
                new ServiceFlags(true, true, false, true), Optional.empty());
        assertThat(ServiceTag.parse(ServiceTag.of(fw))).contains(fw);
        var big = new Service(new ServiceKey.Addr(ServiceKey.Protocol.SCTP, NftFixtures.ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"), 65535),
                "wrr", Optional.of(4294967295L), Optional.of("255.255.255.255"), ServiceFlags.NONE, Optional.empty());
        assertThat(ServiceTag.of(big).length()).isLessThan(128);
        assertThat(ServiceTag.parse(ServiceTag.of(big))).contains(big);
        assertThat(ServiceTag.parse("jk1 tcp 198.18.0.1 99999 rr - - 0000")).isEmpty();
        assertThat(ServiceTag.parse("jk1 fwm 1 5 rr - - 0000")).isEmpty();
        assertThat(ServiceTag.parse("jk2 tcp 198.18.0.1 80 rr - - 0000")).isEmpty();
    }

    private static String map(String fields) {
        return "{\"nftables\": [{\"map\": {\"family\": \"inet\", \"name\": \"dst_tcp_198_18_0_1_80\", \"table\": \"jkeepalived\", "
                + fields + "}}]}";
    }
}
