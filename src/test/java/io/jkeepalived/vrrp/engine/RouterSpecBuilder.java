package io.jkeepalived.vrrp.engine;

import java.util.List;
import java.util.OptionalInt;

/** RouterSpecBuilder with keepalived's defaults (v2, priority 100, advert_int 1 s, state BACKUP, accept). */
public final class RouterSpecBuilder {
    private final String name;
    private final int vrid;
    private final IpAddr primary;
    private int version = 2;
    private int priority = 100;
    private int intervalCentis = 100;
    private boolean startAsMaster;
    private boolean nopreempt;
    private long preemptDelayNanos;
    private boolean accept = true;
    private boolean strict;
    private int downTimerAdverts = 3;
    private boolean lowerPrioNoAdvert;
    private boolean higherPrioSendAdvert;
    private OptionalInt timerExpiredBackup = OptionalInt.empty();
    private boolean ownerIgnoreAdverts;
    private GarpSpec garp = GarpSpec.defaults();
    private List<String> vips = List.of();
    private List<String> evips = List.of();
    private List<String> routes = List.of();
    private List<String> rules = List.of();
    private List<TrackerSpec> trackers = List.of();
    private NotifySpec notifications = NotifySpec.none();

    public static RouterSpecBuilder of(String name, int vrid, IpAddr primaryAddress) {
        return new RouterSpecBuilder(name, vrid, primaryAddress);
    }

    private RouterSpecBuilder(String name, int vrid, IpAddr primary) {
        this.name = name;
        this.vrid = vrid;
        this.primary = primary;
    }

    public RouterSpecBuilder version(int v) { this.version = v; return this; }
    public RouterSpecBuilder priority(int p) { this.priority = p; return this; }
    public RouterSpecBuilder advertIntervalCentis(int cs) { this.intervalCentis = cs; return this; }
    public RouterSpecBuilder startAsMaster(boolean b) { this.startAsMaster = b; return this; }
    public RouterSpecBuilder nopreempt(boolean b) { this.nopreempt = b; return this; }
    public RouterSpecBuilder preemptDelayNanos(long n) { this.preemptDelayNanos = n; return this; }
    public RouterSpecBuilder accept(boolean b) { this.accept = b; return this; }
    public RouterSpecBuilder strict(boolean b) { this.strict = b; return this; }
    public RouterSpecBuilder downTimerAdverts(int n) { this.downTimerAdverts = n; return this; }
    public RouterSpecBuilder lowerPrioNoAdvert(boolean b) { this.lowerPrioNoAdvert = b; return this; }
    public RouterSpecBuilder higherPrioSendAdvert(boolean b) { this.higherPrioSendAdvert = b; return this; }
    public RouterSpecBuilder timerExpiredBackup(int highestOtherPriority) {
        this.timerExpiredBackup = OptionalInt.of(highestOtherPriority);
        return this;
    }
    public RouterSpecBuilder ownerIgnoreAdverts(boolean b) { this.ownerIgnoreAdverts = b; return this; }
    public RouterSpecBuilder garp(GarpSpec g) { this.garp = g; return this; }
    public RouterSpecBuilder vips(List<String> v) { this.vips = v; return this; }
    public RouterSpecBuilder evips(List<String> v) { this.evips = v; return this; }
    public RouterSpecBuilder routes(List<String> v) { this.routes = v; return this; }
    public RouterSpecBuilder rules(List<String> v) { this.rules = v; return this; }
    public RouterSpecBuilder trackers(List<TrackerSpec> t) { this.trackers = t; return this; }
    public RouterSpecBuilder notifications(NotifySpec n) { this.notifications = n; return this; }

    public RouterSpec build() {
        return new RouterSpec(name, vrid, version, primary.v6(), priority, intervalCentis, startAsMaster,
                nopreempt, preemptDelayNanos, accept, strict, downTimerAdverts, lowerPrioNoAdvert,
                higherPrioSendAdvert, timerExpiredBackup, ownerIgnoreAdverts, garp, vips, evips, routes,
                rules, trackers, notifications, primary);
    }
}
