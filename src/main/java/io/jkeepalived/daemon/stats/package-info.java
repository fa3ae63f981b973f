/**
 * The one owner of VRRP statistics: per-instance counters (adverts, rejections by reason,
 * transitions) and per-socket drop counters. Written on the event loop only; read as snapshots.
 *
 * <p>May use: status (snapshot records), vrrp.engine, vrrp.wire. Uses no other room.
 */
package io.jkeepalived.daemon.stats;
