package io.jkeepalived.vrrp.engine;

/**
 * One tracked object as the engine sees it (behaviour §3.5): an id the daemon uses in
 * {@link Event.TrackerChanged}/{@link Event.TrackerValue}, its weight and reverse flag, and how it
 * starts.
 *
 * @param id       unique per instance, e.g. {@code script:chk_nginx} or {@code if:eth1}
 * @param kind     what it tracks; only {@link Kind#FILE} carries a numeric value
 * @param weight   −254..254; 0 means "FAULT while down"
 * @param reverse  inverts the effect (see {@link Priorities})
 * @param initial  status before the first report: {@link TrackerStatus#UNKNOWN} for scripts
 *                 (keeps a weight-0 tracker's instance in FAULT), {@link TrackerStatus#DOWN} with init_fail
 */
public record TrackerSpec(String id, Kind kind, int weight, boolean reverse, TrackerStatus initial) {

    public enum Kind { INTERFACE, SCRIPT, FILE, PROCESS, BFD, GROUP }

    public TrackerSpec {
        if (weight < -254 || weight > 254) {
            throw new IllegalArgumentException("tracker weight " + weight + " outside -254..254");
        }
    }

    public static TrackerSpec script(String id, int weight) {
        return new TrackerSpec(id, Kind.SCRIPT, weight, false, TrackerStatus.UNKNOWN);
    }

    public static TrackerSpec iface(String id, int weight) {
        return new TrackerSpec(id, Kind.INTERFACE, weight, false, TrackerStatus.UP);
    }

    public static TrackerSpec file(String id, int weight) {
        return new TrackerSpec(id, Kind.FILE, weight, false, TrackerStatus.UP);
    }

    public TrackerSpec reversed() {
        return new TrackerSpec(id, kind, weight, true, initial);
    }
}
