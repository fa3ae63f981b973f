/**
 * Health checking of real servers: probes ({@code probe}), the pure checker policy on a virtual
 * clock, and real-server / virtual-server state that yields the desired load-balancer table.
 *
 * <p>Policy code here never opens a socket or reads a clock; probes do only I/O.
 */
package io.jkeepalived.check;
