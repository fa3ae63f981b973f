/**
 * Split-brain watch as pure policy: what counts as evidence that another node also holds one of an
 * instance's addresses, when evidence is confirmed into an episode, when an episode ends, and when
 * the next probe round is due. Evidence in, {@link io.jkeepalived.vrrp.splitbrain.Verdict} out, on
 * the caller's monotonic clock, like the VRRP engine: nothing here opens a socket or reads a clock.
 * The daemon sends the probes, parses ARP / NA frames and rejected adverts into
 * {@link io.jkeepalived.vrrp.splitbrain.Evidence}, and reports the verdicts (docs/split-brain.md).
 */
package io.jkeepalived.vrrp.splitbrain;
