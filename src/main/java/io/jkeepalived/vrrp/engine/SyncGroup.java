package io.jkeepalived.vrrp.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A vrrp_sync_group coordinating its member routers (behaviour §3.7):
 * <ul>
 *   <li>FAULT propagates: one faulty member puts every member in FAULT; the group leaves FAULT
 *       only when no member is faulty;</li>
 *   <li>BACKUP propagates: a member pushed to BACKUP by a better advert takes the others along;</li>
 *   <li>MASTER needs unanimity: a member whose down timer expires stays BACKUP (re-armed, "wants
 *       MASTER") until every other member is MASTER or wants it, then all go MASTER together;</li>
 *   <li>the group's own notifies ({@code GROUP name STATE 0}) run when the group state changes;
 *       members entering a state the group has already announced skip their own (after their
 *       first). Order as C keepalived: {@code GROUP BACKUP} before the members' first notify at
 *       startup; the member that triggers MASTER notifies before {@code GROUP MASTER}.</li>
 * </ul>
 */
public final class SyncGroup {
    private final SyncGroupSpec spec;
    private final List<VirtualRouter> members = new ArrayList<>();
    private VrrpState state = VrrpState.INIT;
    private final VrrpState initialState;

    SyncGroup(SyncGroupSpec spec, List<VirtualRouter> members) {
        this.spec = spec;
        this.members.addAll(members);
        boolean allMaster = !members.isEmpty();
        for (VirtualRouter r : members) {
            allMaster &= r.spec().startAsMaster();
        }
        this.initialState = allMaster ? VrrpState.MASTER : VrrpState.BACKUP;
    }

    public String name() {
        return spec.name();
    }

    SyncGroupSpec spec() {
        return spec;
    }

    public VrrpState state() {
        return state;
    }

    public List<VirtualRouter> members() {
        return List.copyOf(members);
    }

    VrrpState initialState() {
        return initialState;
    }

    boolean trackingWeight() {
        return spec.trackingWeight();
    }

    boolean anyMemberFaulty() {
        for (VirtualRouter r : members) {
            if (r.faulty()) {
                return true;
            }
        }
        return false;
    }

    boolean othersWantMaster(VirtualRouter asking) {
        for (VirtualRouter r : members) {
            if (r != asking && !r.wantsOrIsMaster()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The member whose timer fired goes first and notifies (keepalived: {@code INSTANCE MASTER}
     * before {@code GROUP MASTER}); the group then announces MASTER and the others follow quietly.
     */
    void goMaster(VirtualRouter trigger, TransitionReason why, long now, Consumer<Action> out) {
        trigger.forceMaster(why, now, out);
        setState(VrrpState.MASTER, out);
        for (VirtualRouter r : members) {
            if (r != trigger) {
                r.forceMaster(TransitionReason.SYNC_GROUP, now, out);
            }
        }
    }

    void memberFaultChanged(VirtualRouter changed, long now, Consumer<Action> out) {
        if (anyMemberFaulty()) {
            boolean any = false;
            for (VirtualRouter r : members) {
                any |= r.state() == VrrpState.BACKUP || r.state() == VrrpState.MASTER || r.state() == VrrpState.FAULT;
            }
            if (any) {
                setState(VrrpState.FAULT, out);
            }
            changed.enterFault(TransitionReason.FAULT_RAISED, now, out);
            for (VirtualRouter r : members) {
                r.enterFault(r == changed ? TransitionReason.FAULT_RAISED : TransitionReason.SYNC_GROUP, now, out);
            }
        } else {
            for (VirtualRouter r : members) {
                r.leaveFault(now, out);
            }
        }
    }

    void lowerPrioGarpsOnPeers(VirtualRouter receiver, long now, Consumer<Action> out) {
        for (VirtualRouter r : members) {
            if (r != receiver) {
                r.lowerPrioGarps(now, out);
            }
        }
    }

    /**
     * A member left INIT: at startup keepalived announces the group's state before the first
     * member's own notify ({@code GROUP BACKUP} then {@code INSTANCE BACKUP}).
     */
    void memberStarted(VrrpState to, Consumer<Action> out) {
        if (state == VrrpState.INIT && to == initialState) {
            setState(to, out);
        }
    }

    /** Called by the funnel after every member transition. */
    void memberChanged(VirtualRouter r, VrrpState from, VrrpState to, TransitionReason why, long now,
                       Consumer<Action> out) {
        if (why != TransitionReason.SYNC_GROUP && from == VrrpState.MASTER && to == VrrpState.BACKUP) {
            setState(VrrpState.BACKUP, out);
            for (VirtualRouter other : members) {
                if (other != r) {
                    other.forceBackup(now, out);
                }
            }
        }
        recompute(out);
    }

    private void recompute(Consumer<Action> out) {
        boolean allMaster = true;
        boolean allBackup = true;
        boolean allStop = true;
        boolean anyFault = false;
        for (VirtualRouter m : members) {
            allMaster &= m.state() == VrrpState.MASTER;
            allBackup &= m.state() == VrrpState.BACKUP;
            allStop &= m.state() == VrrpState.STOP;
            anyFault |= m.state() == VrrpState.FAULT;
        }
        if (allStop) {
            setState(VrrpState.STOP, out);
        } else if (anyFault) {
            setState(VrrpState.FAULT, out);
        } else if (allMaster) {
            setState(VrrpState.MASTER, out);
        } else if (allBackup) {
            setState(VrrpState.BACKUP, out);
        }
    }

    private void setState(VrrpState s, Consumer<Action> out) {
        if (s == state) {
            return;
        }
        state = s;
        out.accept(new Action.GroupStateChanged(spec.name(), s));
        Notifications.emit(spec.name(), "GROUP", spec.notifications(), s, 0, out);
    }
}
