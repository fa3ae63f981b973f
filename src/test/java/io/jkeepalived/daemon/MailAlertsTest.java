package io.jkeepalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.jkeepalived.vrrp.engine.VrrpState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** smtp_alert from the config to a real SMTP server (GreenMail) on loopback. */
class MailAlertsTest {
    private GreenMail server;

    @BeforeEach
    void start() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void onlyInstancesWithSmtpAlertAreMailed() throws Exception {
        MailAlerts alerts = MailAlerts.from(ConfigAdapterTest.config("""
                global_defs {
                  router_id lb1
                  notification_email { ops@example.org }
                  notification_email_from lb1@example.org
                  smtp_server 127.0.0.1 %d
                  smtp_connect_timeout 5
                }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  smtp_alert
                  virtual_ipaddress { 198.18.0.100 }
                }
                vrrp_instance VI_2 {
                  interface eth0
                  virtual_router_id 52
                  virtual_ipaddress { 198.18.0.101 }
                }
                """.formatted(server.getSmtp().getPort())));
        alerts.stateChanged("VI_2", VrrpState.MASTER);
        alerts.stateChanged("VI_1", VrrpState.MASTER);
        assertThat(server.waitForIncomingEmail(5000, 1)).isTrue();
        alerts.stateChanged("VI_2", VrrpState.BACKUP);
        alerts.stateChanged("VI_1", VrrpState.BACKUP);
        // VI_2's mails, had they been queued, were queued before VI_1's second one
        assertThat(server.waitForIncomingEmail(5000, 2)).isTrue();
        var subjects = java.util.Arrays.stream(server.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList();
        assertThat(subjects).containsExactly("[lb1] VRRP Instance VI_1 - Entering BACKUP state",
                "[lb1] VRRP Instance VI_1 - Entering MASTER state");
    }
}
