package io.jkeepalived.lvs.ipvs;

/**
 * {@code lvs_timeouts tcp N tcpfin N udp N} in seconds; 0 leaves that timeout as the kernel has it.
 */
public record IpvsTimeouts(int tcp, int tcpFin, int udp) {}
