package io.jkeepalived.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pure parts of the system-test fixture: tcpdump line parsing, timer formulas, rendered configs. */
class FixtureTest {

    @Test
    void parsesTcpdumpAdvertLinesForV2AndV3OverIpv6() {
        var v2 = Capture.parse("1795323348.426526 00:00:5e:00:01:33 > 01:00:5e:00:00:12, ethertype IPv4 (0x0800), "
                + "length 54: 198.18.0.1 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 150, authtype none, "
                + "intvl 1s, length 20").orElseThrow();
        assertThat(v2).isEqualTo(new Capture.Advert(1795323348.426526, "198.18.0.1", "224.0.0.18", 2, 51, 150));
        var v3 = Capture.parse("1795323376.625105 46:f1:d7:a5:05:ce > 33:33:00:00:00:12, ethertype IPv6 (0x86dd), "
                + "length 78: fe80::44f1:d7ff:fea5:5ce > ff02::12: VRRPv3, Advertisement, vrid 52, prio 0, "
                + "intvl 50cs, length 24").orElseThrow();
        assertThat(v3.source()).isEqualTo("fe80::44f1:d7ff:fea5:5ce");
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.priority()).isZero();
        assertThat(Capture.parse("1795323347.502945 ae:2f:ec:75:86:05 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), "
                + "length 42: Request who-has 198.18.0.100 tell 198.18.0.254, length 28")).isEmpty();
    }

    @Test
    void masterDownIntervalFollowsTheRfcs() {
        var v2 = VrrpInstanceConf.v2("VI_1", 51, 100, "198.18.0.100/24");
        assertThat(v2.masterDownSeconds()).isCloseTo(3 + 156 / 256.0, within(1e-9));
        var v3 = VrrpInstanceConf.v3("VI_1", 51, 100, "0.1", "198.18.0.100/24");
        assertThat(v3.skewSeconds()).isCloseTo(156 * 0.1 / 256, within(1e-9));
        assertThat(v3.masterDownSeconds()).isCloseTo(0.3 + 156 * 0.1 / 256, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void renderedConfigsLoadWithoutErrors(Flavour f) throws Exception {
        var instance = f.instance("198.18.0.1", "198.18.0.2", 150).withNopreempt();
        // unicast with use_vmac would need vmac_xmit_base (keepalived's rule, which our binder enforces)
        var text = KeepalivedConf.of("node1", f == Flavour.UNICAST ? instance : instance.withVmac()).render();
        var result = ConfigLoader.loadString(text, "test.conf", Path.of("."), ReaderOptions.defaults());
        assertThat(result.errors()).as(text).isEmpty();
        assertThat(text).contains("virtual_router_id 51", "version " + f.version(), "nopreempt");
    }
}
