package io.jkeepalived.testing;

import io.jkeepalived.testing.Capture.Advert;
import io.jkeepalived.testing.Node.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/**
 * Scenario steps shared by the system, interop and benchmark runs: an initial election, and a
 * takeover measured on the wire (tcpdump timestamps on the new master's switch port).
 */
public final class Takeover {
    private Takeover() {}

    /** How long a daemon may take to start and win an election on a busy 2-core machine. */
    public static final Duration STARTUP = Duration.ofSeconds(40);
    /** Slack on top of a protocol bound: process scheduling on a shared machine, tcpdump, polling. */
    public static final double TOLERANCE_SECONDS = 1.0;

    /** How the master goes away. */
    public enum Stop { KILL9, SIGTERM }

    /**
     * What a takeover looked like on the wire.
     *
     * @param lastOldAdvert  the old master's last advert (priority 0 after SIGTERM)
     * @param firstNewAdvert the new master's first advert
     * @param stopSent       when the signal was sent (wall clock)
     */
    public record Measured(Advert lastOldAdvert, Advert firstNewAdvert, Instant stopSent) {
        /** From the old master's last advert to the new master's first: the protocol's takeover time. */
        public double silenceSeconds() {
            return firstNewAdvert.time() - lastOldAdvert.time();
        }

        /** From the signal to the new master's first advert. */
        public double fromStopSeconds() {
            return firstNewAdvert.time() - (stopSent.getEpochSecond() + stopSent.getNano() / 1e9);
        }
    }

    /**
     * Waits for node {@code master} to win the election on {@code instance} and be the only node
     * holding {@code vip}, with every other running node in BACKUP.
     */
    public static void awaitElected(Cluster c, int master, String instance, String vip, int nodeCount) {
        c.node(master).awaitState(0, instance, State.MASTER, STARTUP);
        for (int i = 0; i < nodeCount; i++) {
            if (i != master) {
                c.node(i).awaitState(0, instance, State.BACKUP, STARTUP);
                c.node(i).awaitLastState(instance, State.BACKUP, Duration.ofSeconds(10));
            }
        }
        c.node(master).awaitLastState(instance, State.MASTER, Duration.ofSeconds(10));
        c.lan().awaitSoleHolder(c.host(master), vip, STARTUP);
    }

    /**
     * Stops the master ({@code KILL9} = a host crash: kill -9 and the cable pulled) and waits until
     * {@code next} is MASTER, with a capture on {@code next}'s switch port to time it. Returns the
     * measurement; the caller asserts against protocol bounds.
     */
    public static Measured stopMaster(Cluster c, int master, int next, Stop how, String instance,
            String masterSource, String nextSource, double timeoutSeconds) {
        try (var wire = Capture.lines(c.lan().hub(), c.host(next).port(), Capture.VRRP)) {
            var old = wire.awaitAdvert(0, masterSource, -1, Duration.ofSeconds(10));
            int mark = c.node(next).log().mark();
            int wireMark = wire.mark();
            var sent = switch (how) {
                case KILL9 -> c.crash(master);
                case SIGTERM -> c.node(master).terminate();
            };
            c.node(next).awaitState(mark, instance, State.MASTER, seconds(timeoutSeconds));
            var first = wire.awaitAdvert(wireMark, nextSource, -1, Duration.ofSeconds(5));
            var lastOld = wire.adverts(0).stream().filter(a -> a.source().equals(masterSource))
                    .filter(a -> a.time() <= first.time())
                    .max(Comparator.comparingDouble(Advert::time)).orElse(old);
            return new Measured(lastOld, first, sent);
        }
    }

    public static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
