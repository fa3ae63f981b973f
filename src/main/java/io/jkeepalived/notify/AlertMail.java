package io.jkeepalived.notify;

/**
 * keepalived's alert mail texts: subject {@code [router_id] VRRP Instance VI_1 - Entering MASTER
 * state} and a one-line body.
 */
public record AlertMail(String subject, String body) {

    public static AlertMail instance(String routerId, String name, NotifyState state) {
        String what = subjectVerb(state);
        String body = switch (state) {
            case MASTER -> "=> VRRP Instance is now owning VRRP VIPs <=";
            case BACKUP, FAULT, DELETED -> "=> VRRP Instance is no longer owning VRRP VIPs <=";
            case STOP -> "=> VRRP Instance stopping <=";
            case MASTER_RX_LOWER_PRI, MASTER_PRIORITY, BACKUP_PRIORITY -> "";
        };
        return new AlertMail("[" + routerId + "] VRRP Instance " + name + " - " + what, body);
    }

    /** jkeepalived's own: a split-brain episode began or ended; the body is the log line. */
    public static AlertMail splitBrain(String routerId, String name, boolean detected, String text) {
        return new AlertMail("[" + routerId + "] VRRP Instance " + name + " - Split brain "
                + (detected ? "detected" : "cleared"), text);
    }

    public static AlertMail group(String routerId, String name, NotifyState state) {
        String what = subjectVerb(state);
        String body = switch (state) {
            case MASTER -> "=> All VRRP group instances are now in MASTER state <=";
            case BACKUP -> "=> All VRRP group instances are now in BACKUP state <=";
            case FAULT, DELETED -> "=> All VRRP group instances are now in FAULT state <=";
            case STOP -> "=> All VRRP group instances are now stopping <=";
            case MASTER_RX_LOWER_PRI, MASTER_PRIORITY, BACKUP_PRIORITY -> "";
        };
        return new AlertMail("[" + routerId + "] VRRP Group " + name + " - " + what, body);
    }

    /** Whether a state produces a mail at all (FIFO-only events do not). */
    public static boolean mailed(NotifyState state) {
        return switch (state) {
            case MASTER, BACKUP, FAULT, STOP, DELETED -> true;
            case MASTER_RX_LOWER_PRI, MASTER_PRIORITY, BACKUP_PRIORITY -> false;
        };
    }

    /** Instance and group mails share their subject wording; only the bodies differ. */
    private static String subjectVerb(NotifyState state) {
        return switch (state) {
            case MASTER -> "Entering MASTER state";
            case BACKUP -> "Entering BACKUP state";
            case FAULT, DELETED -> "Entering FAULT state";
            case STOP -> "Stopping";
            case MASTER_RX_LOWER_PRI, MASTER_PRIORITY, BACKUP_PRIORITY -> "";
        };
    }
}
