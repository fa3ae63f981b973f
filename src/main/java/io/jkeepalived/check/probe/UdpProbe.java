package io.jkeepalived.check.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * UDP_CHECK: sends {@code payload} (random bytes when absent). Without {@code require_reply} the
 * check passes unless an ICMP error (port unreachable: {@link FailureReason#REFUSED}) comes back
 * before the deadline, as keepalived does; with it, a reply must arrive, its length must lie in
 * [min_reply_length, max_reply_length] and it must match the pattern (X nibbles are wildcards).
 */
public final class UdpProbe implements Probe {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code require_reply}: absent, present without a pattern, or with one. */
    public sealed interface ReplyRule {
        record NotRequired() implements ReplyRule {}

        record Required(Optional<HexPattern> pattern, int minLength, int maxLength) implements ReplyRule {}
    }

    private final Endpoint endpoint;
    private final Optional<byte[]> payload;
    private final ReplyRule rule;

    UdpProbe(Endpoint endpoint, Optional<byte[]> payload, ReplyRule rule) {
        this.endpoint = endpoint;
        this.payload = payload.map(byte[]::clone);
        this.rule = rule;
    }

    @Override
    public ProbeResult run(Duration timeout) {
        return Attempts.guard(timeout, this::attempt);
    }

    private OptionalInt attempt(Deadline d) throws IOException, ProbeFailure {
        byte[] out = payload.orElseGet(() -> {
            byte[] r = new byte[16];
            RANDOM.nextBytes(r);
            return r;
        });
        try (DatagramSocket s = Datagrams.open(endpoint)) {
            s.send(new DatagramPacket(out, out.length));
            byte[] buf = new byte[65536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.setSoTimeout(d.socketTimeoutMillis());
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                if (rule instanceof ReplyRule.NotRequired) {
                    return OptionalInt.empty();
                }
                throw e;
            }
            if (rule instanceof ReplyRule.Required r) {
                int n = p.getLength();
                if (n < r.minLength() || n > r.maxLength()) {
                    throw new ProbeFailure(FailureReason.REPLY_MISMATCH,
                            "reply of " + n + " bytes, expected " + r.minLength() + ".." + r.maxLength());
                }
                if (r.pattern().isPresent() && !r.pattern().get().matches(buf, n)) {
                    throw new ProbeFailure(FailureReason.REPLY_MISMATCH, "reply "
                            + HexFormat.of().formatHex(buf, 0, Math.min(n, 32)) + " does not match " + r.pattern().get().describe());
                }
            }
            return OptionalInt.empty();
        }
    }

    @Override
    public String dedupKey() {
        String rr = switch (rule) {
            case ReplyRule.NotRequired n -> "no-reply";
            case ReplyRule.Required r -> "reply " + r.pattern().map(HexPattern::describe).orElse("*") + " "
                    + r.minLength() + ".." + r.maxLength();
        };
        // without a payload every run sends fresh random bytes: identical configs may still share
        return "UDP_CHECK " + endpoint.describe() + " " + payload.map(HexFormat.of()::formatHex).orElse("random") + " " + rr;
    }
}
