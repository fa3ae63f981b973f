/**
 * SIGHUP: one worker re-reads and plans the configuration off the loop (serialized, coalesced),
 * then hands the new specs to the engine on the loop ({@code VrrpEngine.apply}) and keeps the
 * daemon's plans, sockets and counters in step with what the engine did.
 *
 * <p>May use: config, plan, kernel, loop, stats, vrrp.engine.
 */
package io.jkeepalived.daemon.reload;
