package io.jkeepalived.notify;

import java.util.Optional;

/**
 * The notify commands of one instance or sync group: {@code notify_master}, {@code notify_backup},
 * {@code notify_fault}, {@code notify_stop}, {@code notify_deleted}, the generic {@code notify}
 * and {@code notify_master_rx_lower_pri}.
 */
public record NotifyScripts(Optional<NotifyScript> master, Optional<NotifyScript> backup,
                            Optional<NotifyScript> fault, Optional<NotifyScript> stop,
                            Optional<NotifyScript> deleted, Optional<NotifyScript> generic,
                            Optional<NotifyScript> masterRxLowerPri) {

    public static NotifyScripts none() {
        return new NotifyScripts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public NotifyScripts withMaster(NotifyScript s) {
        return new NotifyScripts(Optional.of(s), backup, fault, stop, deleted, generic, masterRxLowerPri);
    }

    public NotifyScripts withBackup(NotifyScript s) {
        return new NotifyScripts(master, Optional.of(s), fault, stop, deleted, generic, masterRxLowerPri);
    }

    public NotifyScripts withFault(NotifyScript s) {
        return new NotifyScripts(master, backup, Optional.of(s), stop, deleted, generic, masterRxLowerPri);
    }

    public NotifyScripts withStop(NotifyScript s) {
        return new NotifyScripts(master, backup, fault, Optional.of(s), deleted, generic, masterRxLowerPri);
    }

    public NotifyScripts withDeleted(NotifyScript s) {
        return new NotifyScripts(master, backup, fault, stop, Optional.of(s), generic, masterRxLowerPri);
    }

    public NotifyScripts withGeneric(NotifyScript s) {
        return new NotifyScripts(master, backup, fault, stop, deleted, Optional.of(s), masterRxLowerPri);
    }

    public NotifyScripts withMasterRxLowerPri(NotifyScript s) {
        return new NotifyScripts(master, backup, fault, stop, deleted, generic, Optional.of(s));
    }

    /** The state-specific script for {@code state}, if configured. */
    public Optional<NotifyScript> forState(NotifyState state) {
        return switch (state) {
            case MASTER -> master;
            case BACKUP -> backup;
            case FAULT -> fault;
            case STOP -> stop;
            case DELETED -> deleted;
            case MASTER_RX_LOWER_PRI -> masterRxLowerPri;
            case MASTER_PRIORITY, BACKUP_PRIORITY -> Optional.empty();
        };
    }
}
