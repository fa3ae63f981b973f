package io.jkeepalived.vrrp.splitbrain;

import java.util.Optional;

/**
 * The split-brain policy of one instance, on the caller's monotonic clock (nanoseconds).
 *
 * <ul>
 *   <li>Evidence is counted only in a role where it means something ({@link Role}).
 *   <li>Two consecutive pieces confirm an episode: the second no later than {@link #STREAK_INTERVALS}
 *       intervals after the first, so one probe round answered twice, or two rounds in a row, do;
 *       a lone stray frame does not.
 *   <li>An episode is reported once ({@link Verdict.Detected}) however much evidence follows (a flood
 *       of forged replies is one episode), and ends after {@link #CLEAR_INTERVALS} intervals without
 *       evidence ({@link Verdict.Cleared}); fenced, also as soon as a valid advert is heard.
 *   <li>Probe rounds are due every interval while holding or fenced, the first half an interval after
 *       taking over (the old master may still be releasing); after a stall the schedule restarts
 *       rather than bursting.
 *   <li>For the same reason, claims on our VIPs (gratuitous ARPs, replies, neighbour adverts) count
 *       only from half an interval after taking over: a lower-priority router that was master for
 *       a moment, as when both start together, sends its gratuitous ARPs before it hears our first
 *       advert, and they arrive after we took over. A second master that stays is still confirmed,
 *       by its answers to the probes. Rejected adverts count at once.
 * </ul>
 * Not thread-safe: the daemon's loop owns it.
 */
public final class SplitBrainWatch {
    public static final long NEVER = Long.MAX_VALUE;
    public static final int CONFIRM = 2;
    public static final int CLEAR_INTERVALS = 3;
    public static final int STREAK_INTERVALS = 2;

    private final long interval;
    private Role role = Role.OFF;
    private long nextProbe = NEVER;
    /** Holding: when claims start to count (half an interval after taking over). */
    private long claimsCountFrom;

    private int streak;
    private long lastPiece;
    private Evidence streakFirst;
    private Episode episode;
    private long episodePieces;
    private long counted;

    // STANDBY: who claimed last, whose adverts we accept
    private String lastClaimant;
    private long lastClaimAt;
    private String master;
    private long masterHeardAt;

    /** @param intervalNanos {@code split_brain_interval}, above 0 (0 means no watch at all) */
    public SplitBrainWatch(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("split_brain_interval must be positive, not " + intervalNanos);
        }
        this.interval = intervalNanos;
    }

    public long intervalNanos() {
        return interval;
    }

    public Role role() {
        return role;
    }

    /** The open episode, if any. */
    public Optional<Episode> episode() {
        return episode == null ? Optional.empty()
                : Optional.of(new Episode(episode.sinceNanos(), episode.first(), episode.confirming(), episodePieces));
    }

    /** Pieces of evidence counted since creation (those the role admitted). */
    public long counted() {
        return counted;
    }

    /** The instance's role changed; evidence from the old role does not carry over into a streak. */
    public void role(Role next, long nowNanos) {
        if (next == role) {
            return;
        }
        role = next;
        streak = 0;
        lastClaimant = null;
        master = null;
        nextProbe = probing() ? nowNanos + interval / 2 : NEVER;
        claimsCountFrom = next == Role.HOLDING ? nowNanos + interval / 2 : nowNanos;
    }

    private boolean probing() {
        return role == Role.HOLDING || role == Role.FENCED;
    }

    /** One piece of evidence seen at {@code nowNanos}. */
    public Verdict evidence(Evidence e, long nowNanos) {
        boolean admitted = switch (role) {
            case OFF -> false;
            case HOLDING -> !(e instanceof Evidence.Claim) || nowNanos - claimsCountFrom >= 0;
            case FENCED -> true;
            case STANDBY -> standbyAdmits(e, nowNanos);
        };
        return admitted ? count(e, nowNanos) : Verdict.QUIET;
    }

    private boolean standbyAdmits(Evidence e, long now) {
        return switch (e) {
            case Evidence.Claim c -> {
                boolean second = lastClaimant != null && !lastClaimant.equals(c.claimant()) && within(lastClaimAt, now);
                lastClaimant = c.claimant();
                lastClaimAt = now;
                yield second;
            }
            case Evidence.RejectedAdvert r -> master != null && !master.equals(r.from()) && within(masterHeardAt, now);
        };
    }

    private boolean within(long then, long now) {
        return now - then <= STREAK_INTERVALS * interval;
    }

    private Verdict count(Evidence e, long now) {
        counted++;
        if (streak > 0 && within(lastPiece, now)) {
            streak++;
        } else {
            streak = 1;
            streakFirst = e;
        }
        lastPiece = now;
        if (episode != null) {
            episodePieces++;
            return Verdict.QUIET;
        }
        if (streak < CONFIRM) {
            return Verdict.QUIET;
        }
        episode = new Episode(now, streakFirst, e, streak);
        episodePieces = streak;
        return new Verdict.Detected(episode);
    }

    /**
     * A valid advert for our VRID from {@code source}. Standby remembers the master it accepts;
     * fenced, it means the heartbeat path works again, which ends the episode at once.
     */
    public Verdict heardAdvert(String source, long nowNanos) {
        switch (role) {
            case STANDBY -> {
                master = source;
                masterHeardAt = nowNanos;
            }
            case FENCED -> {
                if (episode != null) {
                    return clear(nowNanos);
                }
            }
            case OFF, HOLDING -> { }
        }
        return Verdict.QUIET;
    }

    /** Time passing: ends an episode after {@link #CLEAR_INTERVALS} quiet intervals. */
    public Verdict tick(long nowNanos) {
        if (episode != null && nowNanos - lastPiece >= CLEAR_INTERVALS * interval) {
            return clear(nowNanos);
        }
        return Verdict.QUIET;
    }

    private Verdict clear(long now) {
        Episode ended = episode().orElseThrow();
        episode = null;
        streak = 0;
        return new Verdict.Cleared(ended, now);
    }

    /** Whether a probe round is due now; if so the next one is scheduled an interval later. */
    public boolean probeDue(long nowNanos) {
        if (nowNanos < nextProbe) {
            return false;
        }
        nextProbe += interval;
        if (nextProbe <= nowNanos) {
            nextProbe = nowNanos + interval;
        }
        return true;
    }

    /** The next moment {@link #probeDue} or {@link #tick} has something to do, or {@link #NEVER}. */
    public long nextDeadlineNanos() {
        long clearAt = episode == null ? NEVER : lastPiece + CLEAR_INTERVALS * interval;
        return Math.min(nextProbe, clearAt);
    }
}
