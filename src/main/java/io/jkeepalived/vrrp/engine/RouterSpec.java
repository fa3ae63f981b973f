package io.jkeepalived.vrrp.engine;

import java.util.List;
import java.util.OptionalInt;

/**
 * Everything the engine needs to run one vrrp_instance, self-contained so the engine does not
 * depend on the config model (an adapter builds this from the bound config records).
 *
 * <p>The canonical constructor applies the strict-mode overrides the way keepalived does after
 * warning about them (behaviour §3.10): with {@code strict} the engine always sees
 * down_timer_adverts 3, lower_prio_no_advert on, higher_prio_send_advert off, no lower-priority
 * GARPs, no preempt_delay, an owner that ignores adverts, no accept with v2 and no MASTER start
 * unless it is the owner.
 *
 * @param name                  instance name (notifies, FIFO, logs)
 * @param vrid                  1..255
 * @param version               2 or 3
 * @param ipv6                  address family of the instance
 * @param basePriority          1..255 (255 = address owner)
 * @param advertIntervalCentis  advert_int in centiseconds (v2: multiples of 100)
 * @param startAsMaster         {@code state MASTER}
 * @param nopreempt             nopreempt (ignored for the owner)
 * @param preemptDelayNanos     preempt_delay (0 = none)
 * @param accept                accept mode; false installs no-accept drop rules while MASTER and not owner
 * @param strict                vrrp_strict
 * @param downTimerAdverts      down_timer_adverts 1..100 (3 by default)
 * @param lowerPrioNoAdvert     lower_prio_no_advert
 * @param higherPrioSendAdvert  higher_prio_send_advert
 * @param timerExpiredBackup    timer_expired_backup [highest other priority]; empty = off
 * @param ownerIgnoreAdverts    owner_ignore_adverts
 * @param garp                  GARP/NA schedule
 * @param vips                  virtual_ipaddress entries (opaque ids the daemon understands)
 * @param evips                 virtual_ipaddress_excluded entries
 * @param routes                virtual_routes entries
 * @param rules                 virtual_rules entries
 * @param trackers              tracked objects with their weights
 * @param notifications                notify scripts and FIFO settings
 * @param primaryAddress        this node's source address for tie-breaks (unicast_src_ip,
 *                              mcast_src_ip or the interface's primary address)
 */
public record RouterSpec(String name, int vrid, int version, boolean ipv6, int basePriority,
                         int advertIntervalCentis, boolean startAsMaster, boolean nopreempt,
                         long preemptDelayNanos, boolean accept, boolean strict, int downTimerAdverts,
                         boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert,
                         OptionalInt timerExpiredBackup, boolean ownerIgnoreAdverts, GarpSpec garp,
                         List<String> vips, List<String> evips, List<String> routes, List<String> rules,
                         List<TrackerSpec> trackers, NotifySpec notifications, IpAddr primaryAddress) {

    public static final int OWNER = 255;

    public RouterSpec {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid " + vrid + " outside 1..255");
        }
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("VRRP version " + version);
        }
        if (basePriority < 1 || basePriority > OWNER) {
            throw new IllegalArgumentException("priority " + basePriority + " outside 1..255");
        }
        if (advertIntervalCentis < 1 || advertIntervalCentis > 4095) {
            throw new IllegalArgumentException("advert interval " + advertIntervalCentis + " cs outside 1..4095");
        }
        if (downTimerAdverts < 1 || downTimerAdverts > 100) {
            throw new IllegalArgumentException("down_timer_adverts " + downTimerAdverts + " outside 1..100");
        }
        if (preemptDelayNanos < 0) {
            throw new IllegalArgumentException("negative preempt_delay");
        }
        vips = List.copyOf(vips);
        evips = List.copyOf(evips);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
        trackers = List.copyOf(trackers);
        if (strict) {
            downTimerAdverts = 3;
            lowerPrioNoAdvert = true;
            higherPrioSendAdvert = false;
            preemptDelayNanos = 0;
            ownerIgnoreAdverts = true;
            garp = garp.withLowerPrio(garp.lowerPrioDelayNanos(), 0);
            accept = accept && version == 3;
            startAsMaster = startAsMaster && basePriority == OWNER;
        }
    }

    public boolean owner() {
        return basePriority == OWNER;
    }

    public long advertIntervalNanos() {
        return advertIntervalCentis * 10_000_000L;
    }

    /** The addresses GARP/NA announce: VIPs then eVIPs. */
    public List<String> announcedAddresses() {
        if (evips.isEmpty()) {
            return vips;
        }
        var all = new java.util.ArrayList<String>(vips);
        all.addAll(evips);
        return List.copyOf(all);
    }
}
