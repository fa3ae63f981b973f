package io.jkeepalived.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FifoLinesTest {

    @Test
    void lvsLines() {
        LvsService vs = new LvsService.Endpoint("10.0.0.1", "tcp", 80);
        assertThat(FifoLines.virtualServer(vs, true)).isEqualTo("VS [10.0.0.1]:tcp:80 UP\n");
        assertThat(FifoLines.realServer(new LvsService.Endpoint("192.0.2.2", "tcp", 8080), vs, false))
                .isEqualTo("RS [192.0.2.2]:tcp:8080 [10.0.0.1]:tcp:80 DOWN\n");
        assertThat(FifoLines.virtualServer(new LvsService.Fwmark(7), false)).isEqualTo("VS FWM 7 DOWN\n");
        assertThat(FifoLines.virtualServer(new LvsService.Group("web", 443), true)).isEqualTo("VS [web]:443 UP\n");
    }

    @Test
    void alertMailWording() {
        assertThat(AlertMail.instance("lb1", "VI_1", NotifyState.MASTER)).isEqualTo(new AlertMail(
                "[lb1] VRRP Instance VI_1 - Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <="));
        assertThat(AlertMail.group("lb1", "G", NotifyState.STOP).subject()).isEqualTo("[lb1] VRRP Group G - Stopping");
    }
}
