package io.jkeepalived.lvs;

/**
 * A service's optional IPVS flags: {@code ops} and the three scheduler flags. The scheduler flags
 * mean what the scheduler makes of them: for {@code sh} and {@code mh}, flag 1 is
 * {@code sh-fallback}/{@code mh-fallback} (skip a destination with weight 0) and flag 2 is
 * {@code sh-port}/{@code mh-port} (hash the source port too); other schedulers ignore them.
 *
 * @param onePacket {@code ops}: every UDP datagram is scheduled on its own
 */
public record ServiceFlags(boolean onePacket, boolean sched1, boolean sched2, boolean sched3) {

    public static final ServiceFlags NONE = new ServiceFlags(false, false, false, false);
}
