/**
 * The health-checker half in the daemon: its own thread ("jk-check") owning the pure check engine,
 * the probe scheduler and the load-balancer port, performing the engine's actions (scripts, FIFO
 * lines, mails) and publishing snapshots for status. VRRP never waits for it.
 *
 * <p>May use: check, lvs, notify, script, status, log, stats. The VRRP rooms only start, reload
 * and read it.
 */
package io.jkeepalived.daemon.checker;
