package io.jkeepalived.lvs.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpvsTimeoutsTest {
    @Test
    void wordsInAnyOrderAndBadOnesSkippedWithAReason() {
        List<String> problems = new ArrayList<>();
        assertThat(IpvsTimeouts.parse(List.of("udp", "30", "tcp", "900"), problems::add))
                .contains(new IpvsTimeouts(900, 0, 30));
        assertThat(problems).isEmpty();
        assertThat(IpvsTimeouts.parse(List.of("tcpfin", "x", "sctp", "5", "tcpfin", "120"), problems::add))
                .contains(new IpvsTimeouts(0, 120, 0));
        assertThat(problems).hasSize(2);
        assertThat(IpvsTimeouts.parse(List.of("tcp"), problems::add)).isEmpty();
    }
}
