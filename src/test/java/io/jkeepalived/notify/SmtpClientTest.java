package io.jkeepalived.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert mails against a real SMTP server (GreenMail) on loopback. */
class SmtpClientTest {

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

    private SmtpSettings settings(List<String> to) {
        return new SmtpSettings("127.0.0.1", server.getSmtp().getPort(), Duration.ofSeconds(5), "lb1.example",
                "keepalived@lb1.example", to);
    }

    @Test
    void masterTransitionMailHasKeepalivedsSubjectBodyAndHeaders() throws Exception {
        SmtpClient client = new SmtpClient(settings(List.of("ops@example.org", "oncall@example.org")));
        SmtpClient.Result r = client.send(AlertMail.instance("lb1", "VI_1", NotifyState.MASTER)).get(10, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(SmtpClient.Sent.class);
        assertThat(server.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage[] got = server.getReceivedMessages();
        assertThat(got).hasSize(2); // one copy per recipient
        MimeMessage m = got[0];
        assertThat(m.getSubject()).isEqualTo("[lb1] VRRP Instance VI_1 - Entering MASTER state");
        assertThat(m.getFrom()[0].toString()).isEqualTo("keepalived@lb1.example");
        assertThat(m.getHeader("X-Mailer")).containsExactly("Keepalived");
        assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("ops@example.org", "oncall@example.org");
        assertThat(m.getSentDate()).isNotNull();
        assertThat(m.getContent().toString().trim()).isEqualTo("=> VRRP Instance is now owning VRRP VIPs <=");
    }

    @Test
    void unreachableServerIsAFailedResultNotAnException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SmtpClient client = new SmtpClient(new SmtpSettings("127.0.0.1", closedPort, Duration.ofSeconds(2), "h", "f@x", List.of("t@x")));
        assertThat(client.send(AlertMail.instance("r", "VI_1", NotifyState.BACKUP)).get(10, TimeUnit.SECONDS))
                .isInstanceOf(SmtpClient.Failed.class);
    }
}
