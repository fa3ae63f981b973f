package io.jkeepalived.check.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * DNS_CHECK: one UDP query with a random ID. Datagrams with another ID are ignored (an attacker or
 * a late answer to an earlier query must not pass the check); if only such replies arrive before
 * the deadline the probe fails with {@link FailureReason#DNS_ERROR}. A non-zero RCODE fails.
 */
public final class DnsProbe implements Probe {

    private static final SecureRandom IDS = new SecureRandom();

    private final Endpoint endpoint;
    private final String type;
    private final String name;

    public DnsProbe(Endpoint endpoint, String type, String name) {
        this.endpoint = endpoint;
        this.type = type;
        this.name = name;
    }

    @Override
    public ProbeResult run(Duration timeout) {
        return Attempts.guard(timeout, this::attempt);
    }

    private OptionalInt attempt(Deadline d) throws IOException, ProbeFailure {
        int id = IDS.nextInt(0x10000);
        byte[] q = DnsMessages.query(id, name, DnsMessages.TYPES.getOrDefault(type, 6));
        try (DatagramSocket s = Datagrams.open(endpoint)) {
            s.send(new DatagramPacket(q, q.length));
            byte[] buf = new byte[4096];
            int strays = 0;
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.setSoTimeout(d.socketTimeoutMillis());
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    if (strays > 0) {
                        throw new ProbeFailure(FailureReason.DNS_ERROR, strays + " replies with a wrong ID, none with " + id);
                    }
                    throw e;
                }
                switch (DnsMessages.judge(buf, p.getLength(), id)) {
                    case DnsMessages.Good g -> {
                        return OptionalInt.empty();
                    }
                    case DnsMessages.OtherId o -> strays++;
                    case DnsMessages.Bad b -> throw new ProbeFailure(b.reason(), b.detail());
                }
            }
        }
    }

    @Override
    public String dedupKey() {
        return "DNS_CHECK " + endpoint.describe() + " " + type + " " + name;
    }
}
