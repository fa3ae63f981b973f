package io.jkeepalived.vrrp.engine;

/**
 * One recorded state change, as logged {@code (VI_1) BACKUP -> MASTER (MASTER_DOWN_TIMER: ...)}.
 *
 * @param sequence per-router count of transitions, starting at 1
 */
public record Transition(String instance, VrrpState from, VrrpState to, TransitionReason reason, String detail,
                         long atNanos, long sequence) {
    @Override
    public String toString() {
        return "(" + instance + ") " + from + " -> " + to + " (" + reason + (detail.isEmpty() ? "" : ": " + detail)
                + ")";
    }
}
