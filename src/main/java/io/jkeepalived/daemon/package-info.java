/**
 * The daemon's assembly and lifecycle ({@code Daemon}): settings, pid files, signals, and the
 * wiring of the rooms below, in one place. Each room has its own package-info saying what lives
 * there and what it may use:
 *
 * <pre>
 *   Daemon ──plans with──► plan ──specs──► vrrp.engine (one VrrpEngine for the daemon's life)
 *     │                                        ▲ events          │ actions
 *     ├──runs──► loop: EventLoop ──────────────┘                 ▼
 *     │            └─ ActionExecutor ──► kernel (KernelPort: sockets, rtnetlink, VMACs)
 *     ├──SIGHUP──► reload ──apply on the loop──► vrrp.engine
 *     ├──serves──► admin (status, /metrics, dumps, systemd) ──EventLoop.call──► loop
 *     ├──starts──► checker (health checks on their own thread)
 *     └── stats (counters, one owner) and log are used by all
 * </pre>
 */
package io.jkeepalived.daemon;
