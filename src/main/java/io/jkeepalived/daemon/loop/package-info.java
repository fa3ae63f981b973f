/**
 * The event loop and what runs on it: the loop itself (poll on sockets, netlink, wake-up and
 * signal fds; timers from the engine), the action executor (the engine's actions against the
 * kernel port), link and tracker inputs that become engine events, and the notify runner.
 *
 * <p>May use: vrrp.engine, kernel, plan, stats, log, track, notify, script, os, netlink. Must not
 * use: reload, admin (they call in, through {@code EventLoop.post}/{@code call}).
 */
package io.jkeepalived.daemon.loop;
