/**
 * Logging: keepalived-worded VRRP lines, the asynchronous syslog/console setup, and rate limits
 * for lines a flood of packets could otherwise repeat. Nothing here blocks the loop.
 *
 * <p>May use: vrrp.engine (for the records it words), SLF4J/Logback. Uses no other room.
 */
package io.jkeepalived.daemon.log;
