package io.jkeepalived.vrrp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ipv4IdentificationTest {

    @Test
    void startsAtOneCountsUpAndWrapsPastZero() {
        var ids = new Ipv4Identification();
        assertThat(ids.next()).isEqualTo(1);
        assertThat(ids.next()).isEqualTo(2);
        for (int i = 3; i < 0xFFFF; i++) {
            ids.next();
        }
        assertThat(ids.next()).isEqualTo(0xFFFF);
        assertThat(ids.next()).as("0 would let the kernel pick the ID").isEqualTo(1);
    }

    @Test
    void eachInstanceHasItsOwnSequence() {
        var a = new Ipv4Identification();
        var b = new Ipv4Identification();
        a.next();
        a.next();
        assertThat(b.next()).isEqualTo(1);
        assertThat(a.next()).isEqualTo(3);
    }
}
