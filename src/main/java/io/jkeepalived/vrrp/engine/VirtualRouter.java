package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.engine.Action.GarpKind;
import io.jkeepalived.vrrp.engine.Action.LogMessage;
import io.jkeepalived.vrrp.engine.Action.LogTransition;
import io.jkeepalived.vrrp.engine.Action.LowerPriorityAdvert;
import io.jkeepalived.vrrp.engine.Action.NotifyKind;
import io.jkeepalived.vrrp.engine.Action.RunNotify;
import io.jkeepalived.vrrp.engine.Action.SendAdvert;
import io.jkeepalived.vrrp.engine.Action.WriteFifo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One VRRP virtual router (a vrrp_instance): RFC 3768 / RFC 5798 plus keepalived's behaviour
 * (spec §3.3–3.8, §3.10, §3.11). Pure: {@link #handle} takes an event and the monotonic time and
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

    private RouterSpec spec;
    private GarpScheduler garps;
    private final Map<String, Priorities.Report> reports = new HashMap<>();
    /** Trackers added by a reload that have not reported yet: they cannot fault a running router. */
    private final Set<String> awaitingFirstReport = new HashSet<>();
    private final EnumSet<FaultCause> faults = EnumSet.noneOf(FaultCause.class);
    private final EnumMap<VrrpState, Long> entries = new EnumMap<>(VrrpState.class);
    private final SendAdvert[] advertCache = new SendAdvert[256];

    private SyncGroup group;
    private VrrpState state = VrrpState.INIT;
    private boolean wantMaster;
    private int basePriority;
    private int effectivePriority;
    private int masterAdverCentis;
    private long downTimerMicros;
    private long deadline = NEVER;
    private long preemptUntil = -1;
    private long lastAdvertSent = -1;
    private long lastAcceptedAdvert = -1;
    private IpAddr masterAddress;
    private int masterPriority;
    private boolean notifiesSent;
    private boolean demotedForRival;
    private boolean ownerStartPending;
    /** The last timer reset was a priority-0 advert: the takeover is reported as such. */
    private boolean masterResigned;
    /** The spec whose drops {@link #releaseDropped} already gave back in this MASTER tenure (or null). */
    private RouterSpec releasedFor;
    private long rivalDeadline = -1;
    private long lastRivalAdvert = -1;
    private long transitions;
    private long lastTransitionNanos = -1;
    private Transition lastTransition;
    private long advertsSent;
    private long advertsAccepted;
    private long advertsDiscarded;

    public VirtualRouter(RouterSpec spec) {
        this.spec = spec;
        this.garps = new GarpScheduler(spec.name(), spec.announcedAddresses(), spec.garp().intervalNanos());
        for (TrackerSpec t : spec.trackers()) {
            reports.put(t.id(), Priorities.Report.initial(t));
        }
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

    /** When the last advert was accepted as coming from a valid master (−1 = never). */
    public long lastAcceptedAdvertNanos() {
        return lastAcceptedAdvert;
    }

    public boolean wantsMaster() {
        return wantMaster;
    }

    public boolean faulty() {
        return !faults.isEmpty() || trackerFault();
    }

    private boolean trackerFault() {
        for (TrackerSpec t : spec.trackers()) {
            if (!awaitingFirstReport.contains(t.id()) && Priorities.faults(t, reports.get(t.id()))) {
                return true;
            }
        }
        return false;
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

    public long entriesInto(VrrpState s) {
        return entries.getOrDefault(s, 0L);
    }

    public long advertsSent() {
        return advertsSent;
    }

    public long advertsAccepted() {
        return advertsAccepted;
    }

    public long advertsDiscarded() {
        return advertsDiscarded;
    }

    /** Every tracker with its last report, in configuration order. */
    public List<TrackerReading> trackerReadings() {
        boolean ignoreWeighted = owner() || demotedForRival || (group != null && !group.trackingWeight());
        List<TrackerReading> out = new ArrayList<>(spec.trackers().size());
        for (TrackerSpec t : spec.trackers()) {
            Priorities.Report r = reports.get(t.id());
            out.add(new TrackerReading(t, r.status(), r.value(), Priorities.adjustment(t, r, ignoreWeighted),
                    Priorities.faults(t, r)));
        }
        return out;
    }

    public Optional<String> groupName() {
        return group == null ? Optional.empty() : Optional.of(group.name());
    }

    // ---- input -------------------------------------------------------------------------------

    /** Handles one event at {@code nowNanos}, then fires anything that is due, emitting actions. */
    public void handle(Event event, long nowNanos, Consumer<Action> out) {
        switch (event) {
            case Event.Startup s -> startup(nowNanos, out);
            case Event.Shutdown s -> shutdown(nowNanos, out);
            case Event.Removed r -> removed(nowNanos, out);
            case Event.AdvertReceived a -> advert(a, nowNanos, out);
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
            case Event.Reconfigured r -> reconfigure(r.spec(), nowNanos, out);
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
        fireDue(nowNanos, out);
    }

    private void tracker(String id, java.util.function.UnaryOperator<Priorities.Report> update, long now,
                         Consumer<Action> out) {
        Priorities.Report old = reports.get(id);
        if (old == null) {
            out.accept(new LogMessage(spec.name(), "report for unknown tracker " + id + " ignored"));
            return;
        }
        boolean wasFaulty = faulty();
        reports.put(id, update.apply(old));
        awaitingFirstReport.remove(id);
        priorityMayHaveChanged(now, out);
        if (wasFaulty != faulty()) {
            faultConditionChanged(now, out);
        }
    }

    // ---- startup and shutdown ----------------------------------------------------------------

    private void startup(long now, Consumer<Action> out) {
        if (state != VrrpState.INIT) {
            return;
        }
        wantMaster = spec.startAsMaster();
        if (faulty() || (group != null && group.anyMemberFaulty())) {
            boolean onlyScriptsInInit = faults.isEmpty() && onlyUnknownTrackersFault();
            changeState(VrrpState.FAULT, TransitionReason.STARTUP, "fault at startup", now, out, !onlyScriptsInInit);
            if (group != null) {
                group.memberFaultChanged(this, now, out);
            }
            return;
        }
        if (spec.startAsMaster() && spec.owner()) {
            // keepalived's way in: a BACKUP whose down timer expires after 1 µs, without notifies.
            downTimerMicros = 1;
            ownerStartPending = true;
            changeState(VrrpState.BACKUP, TransitionReason.STARTUP_OWNER, "owner with state MASTER", now, out, false);
            return;
        }
        if (spec.startAsMaster() && group != null && group.initialState() == VrrpState.BACKUP) {
            downTimerMicros = Timers.centisToMicros(masterAdverCentis)
                    + Timers.skewMinMicros(spec.version(), masterAdverCentis);
        } else {
            downTimerMicros = fullDownMicros();
        }
        changeState(VrrpState.BACKUP, TransitionReason.STARTUP, "", now, out, true);
    }

    private boolean onlyUnknownTrackersFault() {
        for (TrackerSpec t : spec.trackers()) {
            Priorities.Report r = reports.get(t.id());
            if (Priorities.faults(t, r) && r.status() != TrackerStatus.UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    private void shutdown(long now, Consumer<Action> out) {
        if (state == VrrpState.STOP || state == VrrpState.DELETED) {
            return;
        }
        changeState(VrrpState.STOP, TransitionReason.SHUTDOWN, "", now, out, true);
    }

    /** Removed by reload: leave like a shutdown; notify DELETED only with notify_deleted, else FAULT. */
    private void removed(long now, Consumer<Action> out) {
        if (state == VrrpState.STOP || state == VrrpState.DELETED) {
            return;
        }
        boolean deleted = spec.notifications().notifyDeleted();
        changeState(VrrpState.DELETED, TransitionReason.REMOVED, "", now, out, deleted);
        if (!deleted) {
            notifiesSent = false;
            notifyState(VrrpState.FAULT, out);
        }
    }

    // ---- reload ------------------------------------------------------------------------------

    /**
     * A reload changed this instance's settings (spec §3.13): the state is kept, so there is no
     * election and no GARP. Tracker reports are kept by id; a tracker new to a running router counts
     * only from its first report, so adding a weight-0 script to a MASTER cannot fault it before the
     * script has run. A MASTER advertises at once when its priority or interval changed, so peers
     * see the new values without waiting an interval. A MASTER releases the VIPs, routes and rules
     * that went away and adds (and announces) the new ones; their ids carry every detail, so a
     * changed address is a removed id and a new one.
     */
    private void reconfigure(RouterSpec next, long now, Consumer<Action> out) {
        if (!next.name().equals(spec.name()) || next.vrid() != spec.vrid() || next.version() != spec.version()
                || next.ipv6() != spec.ipv6()) {
            out.accept(new LogMessage(spec.name(), "reconfiguration with another VRID, version or family ignored:"
                    + " the instance has to be restarted"));
            return;
        }
        boolean running = state == VrrpState.MASTER || state == VrrpState.BACKUP || state == VrrpState.FAULT;
        boolean wasFaulty = faulty();
        int oldEffective = effectivePriority;
        int oldInterval = spec.advertIntervalCentis();
        Map<String, Priorities.Report> kept = new HashMap<>();
        for (TrackerSpec t : next.trackers()) {
            Priorities.Report r = reports.get(t.id());
            if (r == null) {
                r = Priorities.Report.initial(t);
                if (running && r.status() == TrackerStatus.UNKNOWN) {
                    awaitingFirstReport.add(t.id());
                }
            }
            kept.put(t.id(), r);
        }
        reports.clear();
        reports.putAll(kept);
        awaitingFirstReport.retainAll(kept.keySet());
        if (next.basePriority() != spec.basePriority()) {
            basePriority = next.basePriority();
            demotedForRival = false;
        }
        RouterSpec old = spec;
        spec = next;
        if (state == VrrpState.MASTER && releasedFor == next) {
            MasterResources.takeNew(old, next, owner(), out);
        } else if (state == VrrpState.MASTER) {
            MasterResources.swap(old, next, owner(), out);
        }
        releasedFor = null;
        if (!old.announcedAddresses().equals(next.announcedAddresses()) || !old.garp().equals(next.garp())) {
            garps.cancelAll();
            garps = new GarpScheduler(next.name(), next.announcedAddresses(), next.garp().intervalNanos());
            if (state == VrrpState.MASTER) {
                GarpSpec g = next.garp();
                garps.refresh(now + g.masterRefreshNanos(), g.masterRefreshNanos(), g.refreshRepeat());
            }
        }
        boolean intervalChanged = oldInterval != next.advertIntervalCentis();
        if (intervalChanged) {
            Arrays.fill(advertCache, null);
        }
        if (intervalChanged && (state == VrrpState.MASTER || next.version() == 2)) {
            masterAdverCentis = next.advertIntervalCentis();
        }
        downTimerMicros = fullDownMicros();
        priorityMayHaveChanged(now, out);
        if (state == VrrpState.MASTER && (intervalChanged || effectivePriority != oldEffective)) {
            sendAdvert(effectivePriority, now, out);
            deadline = now + spec.advertIntervalNanos();
        }
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

    // ---- adverts -----------------------------------------------------------------------------

    private void advert(Event.AdvertReceived a, long now, Consumer<Action> out) {
        if (a.priority() < 0 || a.priority() > 255) {
            return;
        }
        if (owner() && spec.ownerIgnoreAdverts()) {
            return;
        }
        switch (state) {
            case BACKUP -> backupReceives(a, now, out);
            case MASTER -> masterReceives(a, now, out);
            case INIT, FAULT, STOP, DELETED -> { }
        }
    }

    /** RFC 3768 §6.4.2 / RFC 5798 §6.4.2 with keepalived's preempt_delay (spec §3.4 "In BACKUP"). */
    private void backupReceives(Event.AdvertReceived a, long now, Consumer<Action> out) {
        ownerStartPending = false;
        if (a.priority() == 0) {
            downTimerMicros = skewMicros();
            deadline = now + downTimerMicros * 1000;
            masterResigned = true;
            return;
        }
        boolean preemptDelayRunning = spec.preemptDelayNanos() > 0 && (preemptUntil < 0 || preemptUntil > now);
        boolean nopreempt = spec.nopreempt() && !owner();
        if (nopreempt || a.priority() >= effectivePriority || preemptDelayRunning) {
            if (spec.version() == 3) {
                masterAdverCentis = a.advertIntervalCentis();
            }
            downTimerMicros = fullDownMicros();
            deadline = now + downTimerMicros * 1000;
            masterAddress = a.source();
            masterPriority = a.priority();
            lastAcceptedAdvert = now;
            advertsAccepted++;
            masterResigned = false;
            if (spec.preemptDelayNanos() > 0) {
                if (a.priority() >= effectivePriority) {
                    preemptUntil = -1;
                } else if (preemptUntil < 0) {
                    preemptUntil = now + spec.preemptDelayNanos();
                }
            }
            wantMaster = false;
        } else {
            advertsDiscarded++;
            masterAddress = a.source();
            out.accept(new LowerPriorityAdvert(spec.name(), a.source(), a.priority(), effectivePriority, false, false));
        }
    }

    /** RFC 3768 §6.4.3 / RFC 5798 §6.4.3 with keepalived's additions (spec §3.4 "In MASTER"). */
    private void masterReceives(Event.AdvertReceived a, long now, Consumer<Action> out) {
        int cmp = a.source().compareTo(spec.primaryAddress());
        int rx = a.priority();
        boolean better = rx > effectivePriority || (rx == effectivePriority && cmp > 0);
        if (rx == 0 || (spec.higherPrioSendAdvert() && better)) {
            sendAdvert(effectivePriority, now, out);
            if (rx == 0) {
                return;
            }
        }
        if (rx == effectivePriority) {
            if (cmp == 0) {
                out.accept(new LogMessage(spec.name(),
                        "WARNING - equal priority advert received from remote host with our IP address"));
                return;
            }
            if (effectivePriority == RouterSpec.OWNER && cmp < 0) {
                rivalOwnerSeen(a, now, out);
            }
        }
        if (rx < effectivePriority || (rx == effectivePriority && cmp < 0)) {
            lowerPriorityAdvert(a, now, out);
            return;
        }
        if (rx > effectivePriority || cmp > 0) {
            if (spec.version() == 3) {
                masterAdverCentis = a.advertIntervalCentis();
            }
            masterAddress = a.source();
            masterPriority = rx;
            lastAcceptedAdvert = now;
            advertsAccepted++;
            downTimerMicros = fullDownMicros();
            TransitionReason why = rx > effectivePriority ? TransitionReason.HIGHER_PRIORITY_ADVERT
                    : TransitionReason.EQUAL_PRIORITY_HIGHER_ADDRESS;
            changeState(VrrpState.BACKUP, why, "from " + a.source() + " priority " + rx + ", ours "
                    + effectivePriority, now, out, true);
        }
    }

    private void lowerPriorityAdvert(Event.AdvertReceived a, long now, Consumer<Action> out) {
        advertsDiscarded++;
        out.accept(new LowerPriorityAdvert(spec.name(), a.source(), a.priority(), effectivePriority, true,
                !spec.lowerPrioNoAdvert()));
        if (!spec.lowerPrioNoAdvert()) {
            sendAdvert(effectivePriority, now, out);
        }
        lowerPrioGarps(now, out);
        if (group != null) {
            group.lowerPrioGarpsOnPeers(this, now, out);
        }
        spec.notifications().masterRxLowerPri().ifPresent(argv ->
                out.accept(new RunNotify(spec.name(), NotifyKind.MASTER_RX_LOWER_PRI, argv)));
        if (spec.notifications().fifo()) {
            out.accept(new WriteFifo(spec.name(), Notifications.fifoLine("INSTANCE", spec.name(), "MASTER_RX_LOWER_PRI",
                    effectivePriority)));
        }
    }

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

    /**
     * Two address owners (spec §3.4): we have the higher address, so the rival backs off on its
     * own; if it keeps advertising for two more of our adverts plus 1.2 × the larger interval
     * (it may ignore adverts), we drop to 254 until it disappears.
     */
    private void rivalOwnerSeen(Event.AdvertReceived a, long now, Consumer<Action> out) {
        long ours = spec.advertIntervalNanos();
        long larger = Math.max(ours, a.advertIntervalCentis() * 10_000_000L);
        if (rivalDeadline < 0 || now - lastRivalAdvert > 3 * larger) {
            rivalDeadline = now + 2 * ours + larger * 6 / 5;
            out.accept(new LogMessage(spec.name(), "CONFIGURATION ERROR: local and remote instance " + a.source()
                    + " are both address owner, please fix"));
        } else if (now >= rivalDeadline) {
            out.accept(new LogMessage(spec.name(), "rival address owner " + a.source()
                    + " still advertising - reducing local priority to 254"));
            demotedForRival = true;
            rivalDeadline = -1;
            basePriority = RouterSpec.OWNER - 1;
            priorityMayHaveChanged(now, out);
        }
        lastRivalAdvert = now;
    }

    // ---- timers ------------------------------------------------------------------------------

    private void fireDue(long now, Consumer<Action> out) {
        garps.fire(now, out);
        if (deadline > now) {
            return;
        }
        switch (state) {
            case BACKUP -> downTimerExpired(now, out);
            case MASTER -> advertTimerExpired(now, out);
            case INIT, FAULT, STOP, DELETED -> deadline = NEVER;
        }
    }

    private void downTimerExpired(long now, Consumer<Action> out) {
        if (group != null && !group.othersWantMaster(this)) {
            // Held in BACKUP by the sync group: remember we want MASTER and re-arm (spec §3.7).
            wantMaster = true;
            deadline = now + downTimerMicros * 1000;
            return;
        }
        wantMaster = true;
        if (demotedForRival) {
            demotedForRival = false;
            basePriority = RouterSpec.OWNER;
            priorityMayHaveChanged(now, out);
        }
        TransitionReason why = ownerStartPending ? TransitionReason.STARTUP_OWNER
                : masterResigned ? TransitionReason.PRIORITY_ZERO_RECEIVED : TransitionReason.MASTER_DOWN_TIMER;
        ownerStartPending = false;
        masterResigned = false;
        if (group != null) {
            group.goMaster(this, why, now, out);
        } else {
            changeState(VrrpState.MASTER, why, "", now, out, true);
        }
    }

    private void advertTimerExpired(long now, Consumer<Action> out) {
        if (spec.timerExpiredBackup().isPresent() && lastAdvertSent >= 0) {
            long otherDown = Timers.masterDownMicros(spec.version(), spec.timerExpiredBackup().getAsInt(),
                    spec.advertIntervalCentis(), spec.downTimerAdverts()) * 1000;
            if (now - lastAdvertSent >= otherDown) {
                downTimerMicros = fullDownMicros();
                changeState(VrrpState.BACKUP, TransitionReason.SCHEDULED_LATE,
                        "advert " + (now - lastAdvertSent) / 1000 + " us late; another router may be master", now,
                        out, true);
                return;
            }
        }
        sendAdvert(effectivePriority, now, out);
        deadline = now + spec.advertIntervalNanos();
    }

    // ---- faults and priority -----------------------------------------------------------------

    private void faultConditionChanged(long now, Consumer<Action> out) {
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

    /** Leaving FAULT (spec §3.6): BACKUP with Master_Adver_Interval reset and a fresh down timer. */
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
        for (TrackerSpec t : spec.trackers()) {
            if (!awaitingFirstReport.contains(t.id()) && Priorities.faults(t, reports.get(t.id()))) {
                why.add("tracker " + t.id());
            }
        }
        return String.join(", ", why);
    }

    private void priorityMayHaveChanged(long now, Consumer<Action> out) {
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
        boolean ignoreWeighted = owner() || demotedForRival || (group != null && !group.trackingWeight());
        return Priorities.effective(basePriority, spec.trackers(), reports, ignoreWeighted);
    }

    /**
     * Address owner right now: the base priority is 255. It follows {@link Event.PriorityChanged}
     * (an owner given a lower priority stops ignoring adverts and may be preempted) and the
     * rival-owner demotion to 254.
     */
    private boolean owner() {
        return basePriority == RouterSpec.OWNER;
    }

    private long skewMicros() {
        return Timers.skewMicros(spec.version(), effectivePriority, masterAdverCentis);
    }

    private long fullDownMicros() {
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
        entries.merge(to, 1L, Long::sum);
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

    /** Spec §3.8 "Sequence on becoming MASTER", steps 1–5 (notifies follow in the funnel). */
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

    /** Priority 0 only when leaving for FAULT or STOP; never on MASTER → BACKUP (spec §3.4). */
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

    private void sendAdvert(int priority, long now, Consumer<Action> out) {
        SendAdvert a = advertCache[priority];
        if (a == null) {
            a = new SendAdvert(spec.name(), priority, spec.advertIntervalCentis());
            advertCache[priority] = a;
        }
        out.accept(a);
        advertsSent++;
        if (priority != 0) {
            lastAdvertSent = now;
        }
    }

    /** Spec §3.11: specific script (own args only), generic notify (+ TYPE name STATE prio), FIFO. */
    private void notifyState(VrrpState s, Consumer<Action> out) {
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

    void clearWantMaster() {
        wantMaster = false;
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
