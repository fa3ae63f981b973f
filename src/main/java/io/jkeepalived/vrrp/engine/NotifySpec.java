package io.jkeepalived.vrrp.engine;

import java.util.List;
import java.util.Optional;

/**
 * The notify configuration of an instance or sync group (behaviour §3.11). Each script is its argv as
 * configured; the engine appends nothing to the specific scripts and {@code TYPE name STATE prio}
 * to the generic one.
 */
public record NotifySpec(Optional<List<String>> master, Optional<List<String>> backup,
                         Optional<List<String>> fault, Optional<List<String>> stop,
                         Optional<List<String>> deleted, Optional<List<String>> generic,
                         Optional<List<String>> masterRxLowerPri,
                         boolean fifo, boolean priorityChanges, boolean notifyDeleted) {

    public NotifySpec {
        master = master.map(List::copyOf);
        backup = backup.map(List::copyOf);
        fault = fault.map(List::copyOf);
        stop = stop.map(List::copyOf);
        deleted = deleted.map(List::copyOf);
        generic = generic.map(List::copyOf);
        masterRxLowerPri = masterRxLowerPri.map(List::copyOf);
    }

    public static NotifySpec none() {
        return new NotifySpec(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, false, false);
    }

    public NotifySpec withMaster(List<String> argv) {
        return new NotifySpec(Optional.of(argv), backup, fault, stop, deleted, generic, masterRxLowerPri, fifo,
                priorityChanges, notifyDeleted);
    }

    public NotifySpec withBackup(List<String> argv) {
        return new NotifySpec(master, Optional.of(argv), fault, stop, deleted, generic, masterRxLowerPri, fifo,
                priorityChanges, notifyDeleted);
    }

    public NotifySpec withFault(List<String> argv) {
        return new NotifySpec(master, backup, Optional.of(argv), stop, deleted, generic, masterRxLowerPri, fifo,
                priorityChanges, notifyDeleted);
    }

    public NotifySpec withStop(List<String> argv) {
        return new NotifySpec(master, backup, fault, Optional.of(argv), deleted, generic, masterRxLowerPri, fifo,
                priorityChanges, notifyDeleted);
    }

    public NotifySpec withGeneric(List<String> argv) {
        return new NotifySpec(master, backup, fault, stop, deleted, Optional.of(argv), masterRxLowerPri, fifo,
                priorityChanges, notifyDeleted);
    }

    public NotifySpec withMasterRxLowerPri(List<String> argv) {
        return new NotifySpec(master, backup, fault, stop, deleted, generic, Optional.of(argv), fifo,
                priorityChanges, notifyDeleted);
    }

    public NotifySpec withFifo(boolean priorityChangeEvents) {
        return new NotifySpec(master, backup, fault, stop, deleted, generic, masterRxLowerPri, true,
                priorityChangeEvents, notifyDeleted);
    }

    public NotifySpec withDeleted(List<String> argv, boolean notifyDeletedState) {
        return new NotifySpec(master, backup, fault, stop, Optional.of(argv), generic, masterRxLowerPri, fifo,
                priorityChanges, notifyDeletedState);
    }

    /** The state-specific script for {@code state}, if configured. */
    Optional<List<String>> scriptFor(VrrpState state) {
        return switch (state) {
            case MASTER -> master;
            case BACKUP -> backup;
            case FAULT -> fault;
            case STOP -> stop;
            case DELETED -> deleted;
            case INIT -> Optional.empty();
        };
    }
}
