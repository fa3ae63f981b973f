package io.jkeepalived.daemon.log;

import java.util.EnumMap;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * The log lines a single received packet can cause, rate-limited so that a flood (forged or a
 * misconfigured peer) cannot flood the log: per instance (or interface) and per {@link Reason},
 * {@value #BURST} lines per {@value #WINDOW_SECONDS} s window are written, and when a window that
 * suppressed lines ends, one line says how many. The counters in {@code status} and {@code /metrics}
 * stay exact; only the log is thinned. Loop thread in practice; synchronized so a stray caller on
 * another thread cannot corrupt the windows.
 */
public final class PacketLog {
    static final int BURST = 3;
    static final int WINDOW_SECONDS = 5;
    private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;

    /** What a per-packet line is about: each has its own window per instance or interface. */
    public enum Reason {
        LOWER_PRIORITY_ADVERT("lower-priority adverts", Level.INFO, false, false),
        OWN_ADDRESS_ADVERT("equal-priority adverts from our own address", Level.INFO, false, false),
        PRIORITY_ZERO_ADVERT("priority 0 adverts", Level.INFO, true, false),
        ADVERT_SEND_ERROR("advert send errors", Level.WARN, false, false),
        LOWER_PRIORITY_GRATUITOUS("gratuitous ARP/NA lines after lower-priority adverts", Level.DEBUG, false, false),
        GRATUITOUS_SEND_ERROR("gratuitous ARP/NA send errors", Level.WARN, false, false),
        PACKET_DROPPED("dropped packets", Level.DEBUG, false, true),
        RECEIVE_ERROR("receive errors", Level.WARN, false, true),
        SPLIT_BRAIN_EVIDENCE("split-brain evidence lines", Level.INFO, false, false);

        final String what;
        final Level level;
        /** Written only with -D (keepalived's --log-detail). */
        final boolean detailOnly;
        /** Counted per interface rather than per instance. */
        final boolean byInterface;

        Reason(String what, Level level, boolean detailOnly, boolean byInterface) {
            this.what = what;
            this.level = level;
            this.detailOnly = detailOnly;
            this.byInterface = byInterface;
        }

        /** Whether a line for this reason would be written at all (else nothing is counted). */
        boolean enabled() {
            return (!detailOnly || VrrpLog.detailOn()) && VrrpLog.LOG.isEnabledForLevel(level);
        }
    }

    private static final Map<Reason, LogRateLimiter<String>> LIMITERS = new EnumMap<>(Reason.class);

    static {
        for (Reason r : Reason.values()) {
            LIMITERS.put(r, new LogRateLimiter<>(BURST, WINDOW_NANOS));
        }
    }

    private PacketLog() {}

    /**
     * One occurrence of a per-packet line for {@code who} (an instance name, or an interface name
     * for the reasons counted by interface) at {@code now} (System.nanoTime()).
     *
     * @return true when the caller writes its line now; false when it is only counted
     */
    public static synchronized boolean admit(Reason reason, String who, long now) {
        if (!reason.enabled()) {
            return false;
        }
        return LIMITERS.get(reason).admit(who, now, (key, count, window) -> summary(reason, key, count, window));
    }

    /** Writes the summaries of windows that have ended; cheap when none has. Called every loop turn. */
    public static synchronized void flush(long now) {
        for (Map.Entry<Reason, LogRateLimiter<String>> e : LIMITERS.entrySet()) {
            Reason reason = e.getKey();
            e.getValue().expire(now, (key, count, window) -> summary(reason, key, count, window));
        }
    }

    private static void summary(Reason reason, String who, long count, long windowNanos) {
        VrrpLog.LOG.atLevel(reason.level).log("{} {} similar line{} suppressed in the last {} s: {}",
                reason.byInterface ? who + ":" : "(" + who + ")", count, count == 1 ? "" : "s",
                windowNanos / 1_000_000_000L, reason.what);
    }
}
