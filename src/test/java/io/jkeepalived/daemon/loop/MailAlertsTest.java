package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.plan.ConfigAdapterTest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.jkeepalived.vrrp.engine.VrrpState;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which state changes become mails, against a real SMTP server (GreenMail) on loopback. */
class MailAlertsTest {

    private GreenMail server;

    @BeforeEach
    void startServer() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private MailAlerts alerts(String globalAlert) {
        return MailAlerts.from(ConfigAdapterTest.config("""
                global_defs {
                  router_id lb2
                  notification_email { ops@example.org }
                  smtp_server 127.0.0.1 %d
                  %s
                }
                vrrp_sync_group G1 {
                  group { VI_1 VI_3 }
                  smtp_alert
                }
                vrrp_sync_group G2 {
                  group { VI_2 VI_4 }
                }
                %s
                """.formatted(server.getSmtp().getPort(), globalAlert, instance("VI_1", 51, "")
                + instance("VI_2", 52, "smtp_alert") + instance("VI_3", 53, "") + instance("VI_4", 54, ""))));
    }

    private static String instance(String name, int vrid, String extra) {
        return """
                vrrp_instance %s {
                  interface eth0
                  virtual_router_id %d
                  priority 100
                  virtual_ipaddress { 198.18.0.%d }
                  %s
                }
                """.formatted(name, vrid, vrid, extra);
    }

    @Test
    void onlyAlertingInstancesAndGroupsAreMailed() throws Exception {
        MailAlerts m = alerts("");
        m.groupStateChanged("G2", VrrpState.FAULT);
        m.stateChanged("VI_1", VrrpState.MASTER);
        m.groupStateChanged("G1", VrrpState.FAULT);
        m.stateChanged("VI_2", VrrpState.BACKUP);
        assertThat(server.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(server.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "[lb2] VRRP Group G1 - Entering FAULT state", "[lb2] VRRP Instance VI_2 - Entering BACKUP state");
    }

    @Test
    void globalSmtpAlertCoversGroupsWithoutTheirOwnFlag() throws Exception {
        alerts("smtp_alert_vrrp").groupStateChanged("G2", VrrpState.MASTER);
        assertThat(server.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(server.getReceivedMessages()).extracting(MimeMessage::getSubject)
                .containsExactly("[lb2] VRRP Group G2 - Entering MASTER state");
    }
}
