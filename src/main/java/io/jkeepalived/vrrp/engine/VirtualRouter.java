package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.engine.Action.GarpKind;
import io.jkeepalived.vrrp.engine.Action.LogMessage;
import io.jkeepalived.vrrp.engine.Action.LogTransition;
import io.jkeepalived.vrrp.engine.Action.SendAdvert;
import io.jkeepalived.vrrp.engine.Action.WriteFifo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One VRRP virtual router (a vrrp_instance): RFC 3768 / RFC 5798 plus keepalived's behaviour
 * (behaviour §3.3–3.8, §3.10, §3.11). Pure: {@link #handle} takes an event and the monotonic time and
 * emits actions; {@link #nextDeadlineNanos} says when it next needs a {@link Event.TimerTick}.
 *
 * <p>Every state change goes through {@link #changeState}, which performs the exit actions of the
 * old state and the entry actions of the new one in keepalived's order, records the transition
 * with its reason, counts and stamps it, and runs the notifies (FRR's vrrp_change_state, Aeron's
 * Election.state()). Keeping entry/exit work inside the funnel is what guarantees that a VIP is
 * held exactly while the state is MASTER.
 *
 * <p>Timers are kept the way keepalived keeps them: {@code downTimerMicros} is ms_down_timer (the
 * value the next BACKUP deadline is armed with) and {@code deadline} is the single running timer
 * (the master-down expiry in BACKUP, the next advert in MASTER).
 */
public final class VirtualRouter {
    public static final long NEVER = Long.MAX_VALUE;

    // Package-private state: AdvertReception and RouterReload are parts of this class kept in their
    // own files (one concern each); nothing outside the package sees these fields.
    RouterSpec spec;
    GarpScheduler garps;
    final TrackerReports trackers;
    final EnumSet<FaultCause> faults = EnumSet.noneOf(FaultCause.class);
    final SendAdvert[] advertCache = new SendAdvert[256];

    SyncGroup group;
    VrrpState state = VrrpState.INIT;
    boolean wantMaster;
    int basePriority;
    int effectivePriority;
    int masterAdverCentis;
    long downTimerMicros;
    long deadline = NEVER;
    long preemptUntil = -1;
    long lastAdvertSent = -1;
    IpAddr masterAddress;
    int masterPriority;
    boolean notifiesSent;
    boolean demotedForRival;
    boolean ownerStartPending;
    /** The last timer reset was a priority-0 advert: the takeover is reported as such. */
    boolean masterResigned;
    /** The spec whose drops {@link #releaseDropped} already gave back in this MASTER tenure (or null). */
    RouterSpec releasedFor;
    long rivalDeadline = -1;
    long lastRivalAdvert = -1;
    long transitions;
    long lastTransitionNanos = -1;
    Transition lastTransition;

    public VirtualRouter(RouterSpec spec) {
        this.spec = spec;
        this.garps = new GarpScheduler(spec.name(), spec.announcedAddresses(), spec.garp().intervalNanos());
        this.trackers = new TrackerReports(spec.trackers());
        this.basePriority = spec.basePriority();
        this.masterAdverCentis = spec.advertIntervalCentis();
        this.effectivePriority = computeEffective();
        this.downTimerMicros = fullDownMicros();
    }

    void joinGroup(SyncGroup g) {
        this.group = g;
        this.effectivePriority = computeEffective();
        this.downTimerMicros = fullDownMicros();
    }

    // ---- public view -------------------------------------------------------------------------

    public RouterSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public VrrpState state() {
        return state;
    }

    public int effectivePriority() {
        return effectivePriority;
    }

    public int basePriority() {
        return basePriority;
    }

    public int masterAdverIntervalCentis() {
        return masterAdverCentis;
    }

    /** ms_down_timer: what the next BACKUP deadline is armed with. */
    public long downTimerMicros() {
        return downTimerMicros;
    }

    /** When this router next needs a {@link Event.TimerTick}; {@link #NEVER} if not at all. */
    public long nextDeadlineNanos() {
        return Math.min(deadline, garps.nextDue());
    }

    public Optional<IpAddr> masterAddress() {
        return Optional.ofNullable(masterAddress);
    }

    public int masterPriority() {
        return masterPriority;
    }

    public boolean wantsMaster() {
        return wantMaster;
    }

    public boolean faulty() {
        return !faults.isEmpty() || trackerFault();
    }

    private boolean trackerFault() {
        return trackers.anyFault(spec.trackers());
    }

    public long transitionCount() {
        return transitions;
    }

    public long lastTransitionNanos() {
        return lastTransitionNanos;
    }

    public Optional<Transition> lastTransition() {
        return Optional.ofNullable(lastTransition);
    }

    /** Every tracker with its last report, in configuration order. */
    public List<TrackerReading> trackerReadings() {
        return trackers.readings(spec.trackers(), ignoreWeighted());
    }

    public Optional<String> groupName() {
        return group == null ? Optional.empty() : Optional.of(group.name());
    }

    // ---- input -------------------------------------------------------------------------------

    /** Handles one event at {@code nowNanos}, then fires anything that is due, emitting actions. */
    public void handle(Event event, long nowNanos, Consumer<Action> out) {
        switch (event) {
            case Event.Startup s -> RouterLifecycle.startup(this, nowNanos, out);
            case Event.Shutdown s -> RouterLifecycle.shutdown(this, nowNanos, out);
            case Event.Removed r -> RouterLifecycle.removed(this, nowNanos, out);
            case Event.AdvertReceived a -> AdvertReception.receive(this, a, nowNanos, out);
            case Event.TimerTick t -> { }
            case Event.FaultChanged f -> {
                if (f.active() ? faults.add(f.cause()) : faults.remove(f.cause())) {
                    faultConditionChanged(nowNanos, out);
                }
            }
            case Event.TrackerChanged c -> tracker(c.trackerId(), r -> new Priorities.Report(c.status(), r.value()),
                    nowNanos, out);
            case Event.TrackerValue v -> tracker(v.trackerId(), r -> new Priorities.Report(TrackerStatus.UP, v.value()),
                    nowNanos, out);
            case Event.Reconfigured r -> RouterReload.reconfigure(this, r.spec(), nowNanos, out);
            case Event.ResourceRemoved r -> {
                if (state == VrrpState.MASTER) {
                    MasterResources.restore(spec, r, out);
                }
            }
            case Event.PriorityChanged p -> {
                if (p.basePriority() >= 1 && p.basePriority() <= RouterSpec.OWNER) {
                    basePriority = p.basePriority();
                    demotedForRival = false;
                    priorityMayHaveChanged(nowNanos, out);
                }
            }
        }
        RouterTimers.fireDue(this, nowNanos, out);
    }

    private void tracker(String id, java.util.function.UnaryOperator<Priorities.Report> update, long now,
                         Consumer<Action> out) {
        boolean wasFaulty = faulty();
        if (!trackers.update(id, update)) {
            out.accept(new LogMessage(spec.name(), "report for unknown tracker " + id + " ignored"));
            return;
        }
        priorityMayHaveChanged(now, out);
        if (wasFaulty != faulty()) {
            faultConditionChanged(now, out);
        }
    }

    /**
     * Phase one of a reload ({@link VrrpEngine#apply}): a MASTER gives back what {@code next} drops,
     * before any router of the engine takes what is new; its {@link Event.Reconfigured} then only
     * takes. Remembered for this MASTER tenure only: should the router leave MASTER in between (a
     * sync group peer's reload), it releases just what it still holds.
     */
    void releaseDropped(RouterSpec next, Consumer<Action> out) {
        if (state == VrrpState.MASTER) {
            MasterResources.releaseDropped(spec, next, out);
            releasedFor = next;
        }
    }

    // ---- GARP ---------------------------------------------------------------------------------

    void lowerPrioGarps(long now, Consumer<Action> out) {
        GarpSpec g = spec.garp();
        if (state != VrrpState.MASTER || g.lowerPrioRepeat() <= 0) {
            return;
        }
        garps.burst(now, g.lowerPrioRepeat(), GarpKind.LOWER_PRIO, now, out);
        if (g.lowerPrioDelayNanos() > 0) {
            garps.burst(now + g.lowerPrioDelayNanos(), g.lowerPrioRepeat(), GarpKind.LOWER_PRIO_DELAYED, now, out);
        }
    }

    // ---- faults and priority -----------------------------------------------------------------

    void faultConditionChanged(long now, Consumer<Action> out) {
        if (group != null) {
            group.memberFaultChanged(this, now, out);
            return;
        }
        if (faulty()) {
            enterFault(TransitionReason.FAULT_RAISED, now, out);
        } else {
            leaveFault(now, out);
        }
    }

    void enterFault(TransitionReason why, long now, Consumer<Action> out) {
        if (state == VrrpState.BACKUP || state == VrrpState.MASTER) {
            changeState(VrrpState.FAULT, why, faultDetail(), now, out, true);
        }
    }

    /** Leaving FAULT (behaviour §3.6): BACKUP with Master_Adver_Interval reset and a fresh down timer. */
    void leaveFault(long now, Consumer<Action> out) {
        if (state != VrrpState.FAULT) {
            return;
        }
        masterAdverCentis = spec.advertIntervalCentis();
        preemptUntil = -1;
        wantMaster = spec.startAsMaster() && owner();
        downTimerMicros = wantMaster
                ? Timers.centisToMicros(masterAdverCentis) + skewMicros()
                : fullDownMicros();
        changeState(VrrpState.BACKUP, TransitionReason.FAULT_CLEARED, "", now, out, true);
    }

    private String faultDetail() {
        List<String> why = new ArrayList<>();
        faults.forEach(f -> why.add(f.name()));
        trackers.faulting(spec.trackers()).forEach(id -> why.add("tracker " + id));
        return String.join(", ", why);
    }

    void priorityMayHaveChanged(long now, Consumer<Action> out) {
        int next = computeEffective();
        if (next == effectivePriority) {
            return;
        }
        out.accept(new LogMessage(spec.name(),
                "Changing effective priority from " + effectivePriority + " to " + next));
        effectivePriority = next;
        if (state == VrrpState.BACKUP) {
            // The running deadline is kept; the next accepted advert arms the new value.
            downTimerMicros = fullDownMicros();
        }
        if (spec.notifications().fifo() && spec.notifications().priorityChanges()
                && (state == VrrpState.MASTER || state == VrrpState.BACKUP)) {
            out.accept(new WriteFifo(spec.name(),
                    Notifications.fifoLine("INSTANCE", spec.name(), state + "_PRIORITY", next)));
        }
    }

    private int computeEffective() {
        return trackers.effective(basePriority, spec.trackers(), ignoreWeighted());
    }

    /** Weighted trackers do not count for an owner, a demoted rival owner, or in a group without tracking weight. */
    private boolean ignoreWeighted() {
        return owner() || demotedForRival || (group != null && !group.trackingWeight());
    }

    /**
     * Address owner right now: the base priority is 255. It follows {@link Event.PriorityChanged}
     * (an owner given a lower priority stops ignoring adverts and may be preempted) and the
     * rival-owner demotion to 254.
     */
    boolean owner() {
        return basePriority == RouterSpec.OWNER;
    }

    long skewMicros() {
        return Timers.skewMicros(spec.version(), effectivePriority, masterAdverCentis);
    }

    long fullDownMicros() {
        return Timers.masterDownMicros(spec.version(), effectivePriority, masterAdverCentis, spec.downTimerAdverts());
    }

    // ---- the transition funnel ---------------------------------------------------------------

    /**
     * The only place {@code state} changes: the record (logged first, as keepalived logs "Entering
     * X STATE" before acting), exit actions of the old state, entry actions of the new state, the
     * notifies, then the sync group is told.
     */
    void changeState(VrrpState to, TransitionReason why, String detail, long now, Consumer<Action> out,
                     boolean notify) {
        VrrpState from = state;
        if (from == to) {
            return;
        }
        state = to;
        transitions++;
        lastTransitionNanos = now;
        lastTransition = new Transition(spec.name(), from, to, why, detail, now, transitions);
        out.accept(new LogTransition(spec.name(), lastTransition));
        if (from == VrrpState.MASTER) {
            leaveMaster(to, now, out);
        }
        switch (to) {
            case MASTER -> enterMaster(now, out);
            case BACKUP -> {
                masterResigned = false;
                if (from == VrrpState.MASTER) {
                    wantMaster = false;   // keepalived: wantstate = BACKUP on leaving MASTER
                }
                deadline = now + downTimerMicros * 1000;
            }
            case INIT, FAULT, STOP, DELETED -> deadline = NEVER;
        }
        if (group != null && from == VrrpState.INIT) {
            group.memberStarted(to, out);
        }
        if (notify) {
            notifyState(to, out);
        }
        if (group != null) {
            group.memberChanged(this, from, to, why, now, out);
        }
    }

    /** Behaviour §3.8 "Sequence on becoming MASTER", steps 1–5 (notifies follow in the funnel). */
    private void enterMaster(long now, Consumer<Action> out) {
        masterAdverCentis = spec.advertIntervalCentis();
        downTimerMicros = fullDownMicros();
        preemptUntil = -1;
        masterAddress = spec.primaryAddress();
        masterPriority = effectivePriority;
        sendAdvert(effectivePriority, now, out);
        MasterResources.install(spec, owner(), out);
        GarpSpec g = spec.garp();
        garps.burst(now, g.masterRepeat(), GarpKind.MASTER_BURST, now, out);
        if (g.masterDelayNanos() > 0) {
            garps.burst(now + g.masterDelayNanos(), g.masterRepeat(), GarpKind.MASTER_DELAYED, now, out);
        }
        garps.refresh(now + g.masterDelayNanos() + g.masterRefreshNanos(), g.masterRefreshNanos(), g.refreshRepeat());
        deadline = now + spec.advertIntervalNanos();
    }

    /** Priority 0 only when leaving for FAULT or STOP; never on MASTER → BACKUP (behaviour §3.4). */
    private void leaveMaster(VrrpState to, long now, Consumer<Action> out) {
        if (to != VrrpState.BACKUP) {
            sendAdvert(0, now, out);
        }
        garps.cancelAll();
        if (releasedFor != null) {
            MasterResources.releaseKept(spec, releasedFor, owner(), out);
            releasedFor = null;
        } else {
            MasterResources.release(spec, owner(), out);
        }
    }

    void sendAdvert(int priority, long now, Consumer<Action> out) {
        SendAdvert a = advertCache[priority];
        if (a == null) {
            a = new SendAdvert(spec.name(), priority, spec.advertIntervalCentis());
            advertCache[priority] = a;
        }
        out.accept(a);
        if (priority != 0) {
            lastAdvertSent = now;
        }
    }

    /** Behaviour §3.11: specific script (own args only), generic notify (+ TYPE name STATE prio), FIFO. */
    void notifyState(VrrpState s, Consumer<Action> out) {
        if (notifiesSent && group != null && group.state() == s) {
            return;
        }
        notifiesSent = true;
        Notifications.emit(spec.name(), "INSTANCE", spec.notifications(), s, effectivePriority, out);
    }

    // ---- sync group hooks --------------------------------------------------------------------

    /** A BACKUP member that wants MASTER (its down timer expired while held), or a MASTER. */
    boolean wantsOrIsMaster() {
        return state == VrrpState.MASTER || (state == VrrpState.BACKUP && wantMaster);
    }

    void forceBackup(long now, Consumer<Action> out) {
        if (state == VrrpState.MASTER) {
            downTimerMicros = fullDownMicros();
            changeState(VrrpState.BACKUP, TransitionReason.SYNC_GROUP, "sync group " + group.name(), now, out, true);
        }
        wantMaster = false;
    }

    void forceMaster(TransitionReason why, long now, Consumer<Action> out) {
        if (state == VrrpState.BACKUP) {
            changeState(VrrpState.MASTER, why, group == null ? "" : "sync group " + group.name(), now, out, true);
        }
    }
}
