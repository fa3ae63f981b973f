package io.jkeepalived.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal SMTP client (RFC 5321: HELO, MAIL, RCPT, DATA, QUIT; no TLS, no AUTH, which is what
 * keepalived speaks) for alert mails. Each mail runs on its own virtual thread: a slow or dead
 * server delays only the mail. Failures come back as a {@link Result}, never as an exception.
 */
public final class SmtpClient {

    /** How a send ended. */
    public sealed interface Result permits Sent, Failed {}

    public record Sent(String finalReply) implements Result {}

    /** @param stage the command that failed, for the log line */
    public record Failed(String stage, String reason) implements Result {}

    private static final Logger LOG = LoggerFactory.getLogger(SmtpClient.class);
    private static final DateTimeFormatter RFC5322 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final SmtpSettings settings;

    public SmtpClient(SmtpSettings settings) {
        this.settings = settings;
    }

    public CompletableFuture<Result> send(AlertMail mail) {
        CompletableFuture<Result> f = new CompletableFuture<>();
        Thread.ofVirtual().name("jk-smtp").start(() -> {
            Result r = sendNow(mail);
            if (r instanceof Failed(String stage, String reason)) {
                LOG.warn("SMTP alert to {}:{} failed at {}: {}", settings.server(), settings.port(), stage, reason);
            }
            f.complete(r);
        });
        return f;
    }

    /** Sends synchronously; blocks up to a few times the connect timeout. */
    public Result sendNow(AlertMail mail) {
        if (settings.to().isEmpty()) {
            return new Failed("RCPT", "no notification_email configured");
        }
        int timeoutMs = (int) Math.max(1, settings.connectTimeout().toMillis());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(settings.server(), settings.port()), timeoutMs);
            s.setSoTimeout(timeoutMs);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            Optional<Failed> bad = expect(in, "connect", 220);
            if (bad.isEmpty()) {
                bad = command(in, out, "HELO " + settings.heloName(), "HELO", 250);
            }
            if (bad.isEmpty()) {
                bad = command(in, out, "MAIL FROM:<" + settings.from() + ">", "MAIL", 250);
            }
            for (String rcpt : settings.to()) {
                if (bad.isEmpty()) {
                    bad = command(in, out, "RCPT TO:<" + rcpt + ">", "RCPT", 250, 251);
                }
            }
            if (bad.isEmpty()) {
                bad = command(in, out, "DATA", "DATA", 354);
            }
            if (bad.isEmpty()) {
                bad = command(in, out, message(mail), "message", 250);
            }
            if (bad.isPresent()) {
                return bad.get();
            }
            command(in, out, "QUIT", "QUIT", 221);
            return new Sent("250");
        } catch (IOException e) {
            return new Failed("connect", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private String message(AlertMail mail) {
        StringBuilder m = new StringBuilder();
        m.append("Date: ").append(RFC5322.format(ZonedDateTime.now())).append("\r\n");
        m.append("From: ").append(settings.from()).append("\r\n");
        m.append("Subject: ").append(mail.subject()).append("\r\n");
        m.append("X-Mailer: Keepalived\r\n");
        m.append("To: ").append(String.join(", ", settings.to())).append("\r\n");
        m.append("\r\n");
        for (String line : mail.body().split("\r?\n", -1)) {
            m.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        m.append(".");
        return m.toString();
    }

    private static Optional<Failed> command(BufferedReader in, OutputStream out, String line, String stage, int... ok)
            throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return expect(in, stage, ok);
    }

    /** Reads one (possibly multi-line) reply and checks its code. */
    private static Optional<Failed> expect(BufferedReader in, String stage, int... ok) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return Optional.of(new Failed(stage, "connection closed"));
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        int code;
        try {
            code = Integer.parseInt(line.substring(0, Math.min(3, line.length())));
        } catch (NumberFormatException e) {
            return Optional.of(new Failed(stage, "bad reply: " + line));
        }
        for (int c : ok) {
            if (c == code) {
                return Optional.empty();
            }
        }
        return Optional.of(new Failed(stage, line));
    }
}
