package io.jkeepalived.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddrTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "198.18.0.1, 198.18.0.2",
        "127.255.255.255, 128.0.0.0",      // unsigned: the top bit must not make it negative
        "10.0.0.255, 10.0.1.0",            // host order, not byte-reversed network order
        "2001:db8::1, 2001:db8::2",
        "2001:db8::ffff:ffff:ffff, 2001:db8:0:1::",
        "7fff::, 8000::",
        "fe80::1, fe80::1:0",
        "198.18.0.1, 2001:db8::1",
    })
    void behaviour_3_4_tieBreak_unsignedOrder(String lower, String higher) {
        IpAddr a = IpAddr.parse(lower).orElseThrow();
        IpAddr b = IpAddr.parse(higher).orElseThrow();
        assertThat(a.compareTo(b)).isNegative();
        assertThat(b.compareTo(a)).isPositive();
        assertThat(a.compareTo(IpAddr.parse(lower).orElseThrow())).isZero();
    }

    @Test
    void parseRejectsNamesAndRoundTripsBytes() {
        assertThat(IpAddr.parse("localhost")).isEmpty();
        assertThat(IpAddr.parse("300.1.1.1")).isEmpty();
        assertThat(IpAddr.ofBytes(new byte[3])).isEmpty();
        IpAddr v6 = IpAddr.parse("2001:db8::abcd").orElseThrow();
        assertThat(IpAddr.ofBytes(v6.toBytes())).contains(v6);
        assertThat(IpAddr.v4(198, 18, 0, 200).toString()).isEqualTo("198.18.0.200");
    }
}
