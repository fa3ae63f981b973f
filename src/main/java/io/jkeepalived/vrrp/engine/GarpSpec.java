package io.jkeepalived.vrrp.engine;

/**
 * Gratuitous ARP / unsolicited NA schedule for one instance (behaviour §3.8), times in nanoseconds.
 *
 * @param masterDelayNanos      garp_master_delay: second burst after becoming MASTER (0 = none)
 * @param masterRepeat          garp_master_repeat: packets per address in each burst
 * @param masterRefreshNanos    garp_master_refresh: periodic refresh while MASTER (0 = off)
 * @param refreshRepeat         garp_master_refresh_repeat
 * @param lowerPrioDelayNanos   garp_lower_prio_delay: delayed burst after a lower-priority advert
 * @param lowerPrioRepeat       garp_lower_prio_repeat (0 = no lower-priority bursts)
 * @param intervalNanos         vrrp_garp_interval / vrrp_gna_interval: spacing between single
 *                              packets (0 = the whole burst at once)
 */
public record GarpSpec(long masterDelayNanos, int masterRepeat, long masterRefreshNanos, int refreshRepeat,
                       long lowerPrioDelayNanos, int lowerPrioRepeat, long intervalNanos) {

    public static final long SECOND = 1_000_000_000L;

    /** keepalived's defaults: 5 packets, second burst after 5 s, no refresh, lower-prio = master values. */
    public static GarpSpec defaults() {
        return new GarpSpec(5 * SECOND, 5, 0, 1, 5 * SECOND, 5, 0);
    }

    public GarpSpec {
        if (masterRepeat < 0 || refreshRepeat < 0 || lowerPrioRepeat < 0 || masterDelayNanos < 0
                || masterRefreshNanos < 0 || lowerPrioDelayNanos < 0 || intervalNanos < 0) {
            throw new IllegalArgumentException("negative GARP setting");
        }
    }

    public GarpSpec withInterval(long nanos) {
        return new GarpSpec(masterDelayNanos, masterRepeat, masterRefreshNanos, refreshRepeat,
                lowerPrioDelayNanos, lowerPrioRepeat, nanos);
    }

    public GarpSpec withRefresh(long nanos, int repeat) {
        return new GarpSpec(masterDelayNanos, masterRepeat, nanos, repeat, lowerPrioDelayNanos, lowerPrioRepeat,
                intervalNanos);
    }

    public GarpSpec withLowerPrio(long delayNanos, int repeat) {
        return new GarpSpec(masterDelayNanos, masterRepeat, masterRefreshNanos, refreshRepeat, delayNanos, repeat,
                intervalNanos);
    }

    public GarpSpec withMaster(long delayNanos, int repeat) {
        return new GarpSpec(delayNanos, repeat, masterRefreshNanos, refreshRepeat, lowerPrioDelayNanos,
                lowerPrioRepeat, intervalNanos);
    }
}
