package io.jkeepalived.config.bind;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void dottedQuadIsFourDecimalPartsUpTo255() {
        for (String ok : new String[] {"0.0.0.0", "198.18.0.1", "255.255.255.255", "010.001.0.9"}) {
            assertThat(Addresses.dottedQuad(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"", "1.2.3", "1.2.3.4.", ".1.2.3", "1..2.3", "1.2.3.256", "1.2.3.4.5",
                "1.2.3.0001", "1.2.3.x", "1.2.3.-1", "10.1", "300", "1.2.3.\u0665"}) {
            assertThat(Addresses.dottedQuad(bad)).as(bad).isFalse();
        }
        assertThat(Addresses.parse("198.18.0.1")).isPresent();
        assertThat(Addresses.parse("2001:db8::1")).isPresent();
        assertThat(Addresses.parse("198.18.0")).isEmpty();
    }
}
