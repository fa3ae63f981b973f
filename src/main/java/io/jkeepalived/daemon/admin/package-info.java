/**
 * What operators talk to: the status snapshot taker, the control socket ({@code jkeepalived
 * status}), the Prometheus endpoint, keepalived's signal dump files and systemd notification, with
 * bounded, time-limited clients. Reads loop-owned state only through {@code EventLoop.call}.
 *
 * <p>May use: status, plan, kernel (read-only), stats, loop, log, os.
 */
package io.jkeepalived.daemon.admin;
