package io.jkeepalived.check.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pure parts of DNS_CHECK; against a real responder see {@link DnsProbeSystemTest}. */
class DnsProbeTest {

    @Test
    void rootSoaByDefault() {
        assertThat(DnsMessages.query(0x1234, ".", 6)).containsExactly(0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1);
    }
}
