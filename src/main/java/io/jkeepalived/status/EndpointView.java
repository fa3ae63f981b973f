package io.jkeepalived.status;

/**
 * The connections one client endpoint (the control socket, {@code /metrics}) has had since start.
 * Not cleared by STATS_CLEAR: they describe the daemon, not VRRP.
 *
 * @param name     {@code control} or {@code metrics}
 * @param limit    most connections held at once
 * @param open     held now
 * @param accepted admitted since start
 * @param refused  closed at once: every slot was busy answering
 * @param evicted  closed before sending a whole request, to give their slot to a newcomer
 * @param timedOut closed at the end of their lifetime (idle, slow, or not reading the reply)
 */
public record EndpointView(String name, int limit, int open, long accepted, long refused, long evicted,
                           long timedOut) {
}
