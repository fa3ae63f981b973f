package io.jkeepalived.check.engine;

import io.jkeepalived.check.plan.CheckerSpec;
import io.jkeepalived.check.plan.Timing;
import io.jkeepalived.check.probe.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One checker's retry state machine (keepalived's rules, man keepalived.conf and behaviour §3.12):
 * <ul>
 *   <li>a success makes it UP; a failure makes it DOWN at once until it has had a success
 *       (a first verdict never waits for retries), afterwards only after {@code retry + 1}
 *       failures in a row, spaced by {@code delay_before_retry};</li>
 *   <li>HTTP url blocks are checked in turn: while UP all of them back to back each delay_loop;
 *       while DOWN (alpha, or recovering) one per delay_loop, or back to back with fast_recovery,
 *       and it comes UP when the last one passes; a failure starts again from the first.</li>
 * </ul>
 * Pure: {@link #report} says what changed and when the next probe is due.
 */
final class CheckerPolicy {

    /**
     * What one report did. {@code backToBack}: the next probe continues this round of url blocks
     * rather than opening a new one.
     */
    record Step(boolean stateChanged, boolean weightChanged, long nextDueAt, boolean logFailure, int attempt,
                boolean backToBack) {}

    final CheckerSpec spec;
    final Timing t;
    final List<RealServerState> subscribers = new ArrayList<>();
    private boolean up;
    private boolean verified;
    private int failures;
    private int urlIndex;
    private OptionalLong weight = OptionalLong.empty();
    private Optional<ProbeResult> last = Optional.empty();
    /** When the probe that opened the current round was due. */
    private long roundDueAt;
    long ticket;
    long lastHeardAt;
    long lastChangeAt;
    boolean suspended;
    boolean stalled;
    long probes;
    long failed;

    /** {@code verified}: a reload carries a live real server's good record over to its new checker. */
    CheckerPolicy(CheckerSpec spec, boolean initiallyUp, boolean verified, long now) {
        this.spec = spec;
        this.t = spec.timing();
        this.up = initiallyUp;
        this.verified = verified;
        this.lastChangeAt = now;
    }

    Step report(ProbeResult result, long now) {
        probes++;
        last = Optional.of(result);
        return switch (result) {
            case ProbeResult.Up u -> success(u, now);
            case ProbeResult.Down d -> failure(now);
        };
    }

    private Step success(ProbeResult.Up u, long now) {
        boolean weightChanged = false;
        if (spec.dynamicWeight() && u.weight().isPresent() && weight.orElse(-1) != u.weight().getAsInt()) {
            weight = OptionalLong.of(u.weight().getAsInt());
            weightChanged = true;
        }
        failures = 0;
        boolean lastUrl = urlIndex + 1 >= spec.urlCount();
        if (!lastUrl) {
            urlIndex++;
            boolean backToBack = up || spec.fastRecovery();
            return new Step(false, weightChanged, backToBack ? now : nextRound(now), false, 0, backToBack);
        }
        urlIndex = 0;
        verified = true;
        boolean changed = !up;
        up = true;
        if (changed) lastChangeAt = now;
        return new Step(changed, weightChanged, nextRound(now), false, 0, false);
    }

    /**
     * After a success the next round is due delay_loop after this round was due: the period does
     * not stretch by each probe's latency, nor drift when the probe ran late (keepalived counts
     * delay_loop from the end of a check; docs/compatibility.md). A round that overran its
     * successor's time skips to the next slot of its phase rather than running at once: when the
     * machine is too busy to keep up, catching up would only add a burst of probes to the load.
     */
    private long nextRound(long now) {
        long due = roundDueAt + t.delayLoop();
        if (due - now >= 0) return due;
        long missed = (now - roundDueAt) / t.delayLoop();
        return roundDueAt + (missed + 1) * t.delayLoop();
    }

    private Step failure(long now) {
        failed++;
        if (up && verified && failures < t.retry()) {
            failures++;
            return new Step(false, false, now + t.delayBeforeRetry(), t.logAllFailures(), failures, false);
        }
        int attempt = failures + 1;
        boolean changed = up;
        up = false;
        failures = 0;
        urlIndex = 0;
        if (changed) lastChangeAt = now;
        return new Step(changed, false, now + t.delayLoop(), false, attempt, false);
    }

    /** The engine scheduled the next probe at {@code at}; a probe that does not continue a round opens one. */
    void scheduled(long at, boolean backToBack) {
        if (!backToBack) roundDueAt = at;
    }

    /** A new checker's starting point, known once the engine has seen who subscribes to it. */
    void init(boolean initiallyUp, boolean alreadyVerified) {
        up = initiallyUp;
        verified = alreadyVerified;
    }

    boolean up() {
        return up;
    }

    int urlIndex() {
        return urlIndex;
    }

    /** The weight last reported by a dynamic checker (misc_dynamic: exit status - 2). */
    OptionalLong weight() {
        return weight;
    }

    Optional<ProbeResult> last() {
        return last;
    }

    /** Why it is down, for logs and alerts. */
    String cause() {
        return last.map(r -> switch (r) {
            case ProbeResult.Down d -> d.reason() + (d.detail().isEmpty() ? "" : ": " + d.detail());
            case ProbeResult.Up u -> "success";
        }).orElse(up ? "initial" : "alpha");
    }
}
