package io.jkeepalived.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FifoLinesTest {

    @Test
    void vrrpLines() {
        assertThat(FifoLines.vrrp(NotifyKind.INSTANCE, "VI_1", NotifyState.MASTER, 100)).isEqualTo("INSTANCE \"VI_1\" MASTER 100\n");
        assertThat(FifoLines.vrrp(NotifyKind.GROUP, "G1", NotifyState.BACKUP, 77)).isEqualTo("GROUP \"G1\" BACKUP 0\n");
        assertThat(FifoLines.vrrp(NotifyKind.INSTANCE, "VI_1", NotifyState.MASTER_RX_LOWER_PRI, 150))
                .isEqualTo("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150\n");
        assertThat(FifoLines.vrrp(NotifyKind.INSTANCE, "VI_1", NotifyState.BACKUP_PRIORITY, 90))
                .isEqualTo("INSTANCE \"VI_1\" BACKUP_PRIORITY 90\n");
    }

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
    void genericNotifyGetsFourArgumentsAppended() {
        assertThat(NotifyArgv.generic(List.of("/n.sh", "x"), NotifyKind.INSTANCE, "VI_1", NotifyState.FAULT, 90))
                .containsExactly("/n.sh", "x", "INSTANCE", "VI_1", "FAULT", "90");
        assertThat(NotifyArgv.generic(List.of("/n.sh"), NotifyKind.GROUP, "G", NotifyState.STOP, 90))
                .containsExactly("/n.sh", "GROUP", "G", "STOP", "0");
    }

    @Test
    void alertMailWording() {
        assertThat(AlertMail.instance("lb1", "VI_1", NotifyState.MASTER)).isEqualTo(new AlertMail(
                "[lb1] VRRP Instance VI_1 - Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <="));
        assertThat(AlertMail.group("lb1", "G", NotifyState.STOP).subject()).isEqualTo("[lb1] VRRP Group G - Stopping");
    }
}
