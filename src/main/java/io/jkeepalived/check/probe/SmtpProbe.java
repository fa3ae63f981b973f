package io.jkeepalived.check.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * SMTP_CHECK: a {@code 220} greeting, {@code HELO helo_name} answered by {@code 250}, then
 * {@code QUIT}. With {@code host { }} sub-blocks every host is checked in turn within the one
 * deadline and the first failure fails the probe.
 */
public final class SmtpProbe implements Probe {

    private static final int MAX_REPLY_BYTES = 8192;

    private final List<Endpoint> hosts;
    private final String heloName;

    public SmtpProbe(List<Endpoint> hosts, String heloName) {
        this.hosts = List.copyOf(hosts);
        this.heloName = heloName;
    }

    @Override
    public ProbeResult run(Duration timeout) {
        return Attempts.guard(timeout, d -> {
            for (Endpoint e : hosts) {
                check(e, d);
            }
            return OptionalInt.empty();
        });
    }

    private void check(Endpoint e, Deadline d) throws IOException, ProbeFailure {
        Socket s = e.connect(d);
        Watchdog.Guard guard = Watchdog.closeAt(d, s);
        try (s) {
            DeadlineInput in = new DeadlineInput(s, d);
            OutputStream out = s.getOutputStream();
            expect(in, 220, "greeting");
            out.write(("HELO " + heloName + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, 250, "HELO");
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } finally {
            guard.close();
        }
    }

    /** Reads one (possibly multi-line, {@code 250-...}) reply and checks its code. */
    private static void expect(DeadlineInput in, int code, String what) throws IOException, ProbeFailure {
        int total = 0;
        while (true) {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new ProbeFailure(FailureReason.PROTOCOL_ERROR, "connection closed before the " + what + " reply");
                }
                if (++total > MAX_REPLY_BYTES) {
                    throw new ProbeFailure(FailureReason.TOO_LARGE, what + " reply over " + MAX_REPLY_BYTES + " bytes");
                }
                line.append((char) c);
            }
            String l = line.toString().strip();
            if (l.length() < 3 || !l.substring(0, 3).chars().allMatch(Character::isDigit)
                    || (l.length() > 3 && l.charAt(3) != ' ' && l.charAt(3) != '-')) {
                throw new ProbeFailure(FailureReason.PROTOCOL_ERROR, "not an SMTP reply to " + what);
            }
            if (l.length() > 3 && l.charAt(3) == '-') {
                continue;
            }
            int got = Integer.parseInt(l.substring(0, 3));
            if (got != code) {
                throw new ProbeFailure(FailureReason.BAD_STATUS, what + " answered " + got + ", expected " + code);
            }
            return;
        }
    }

    @Override
    public String dedupKey() {
        return "SMTP_CHECK " + hosts.stream().map(Endpoint::describe).toList() + " helo " + heloName;
    }
}
