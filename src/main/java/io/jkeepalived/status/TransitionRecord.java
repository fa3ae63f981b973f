package io.jkeepalived.status;

/**
 * One state change as the status command shows it.
 *
 * @param reason      the engine's {@code TransitionReason} name, e.g. {@code MASTER_DOWN_TIMER}
 * @param detail      extra words (a sync group, a tracker), possibly empty
 * @param epochMicros wall-clock time of the change
 */
public record TransitionRecord(String from, String to, String reason, String detail, long epochMicros) {
}
