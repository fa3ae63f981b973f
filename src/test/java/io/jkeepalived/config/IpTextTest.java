package io.jkeepalived.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.model.IpText;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpTextTest {
    @Test
    void ipv6IsCompressedLikeRfc5952() {
        assertThat(IpText.of(InetAddress.ofLiteral("2001:db8:50:0:0:0:0:1"))).isEqualTo("2001:db8:50::1");
        assertThat(IpText.of(InetAddress.ofLiteral("::"))).isEqualTo("::");
        assertThat(IpText.of(InetAddress.ofLiteral("fe80::1"))).isEqualTo("fe80::1");
        assertThat(IpText.of(InetAddress.ofLiteral("2001:db8:0:1:0:0:1:0"))).isEqualTo("2001:db8:0:1::1:0");
        assertThat(IpText.of(InetAddress.ofLiteral("2001:db8::"))).isEqualTo("2001:db8::");
        assertThat(IpText.of(InetAddress.ofLiteral("198.18.0.1"))).isEqualTo("198.18.0.1");
    }
}
