package io.jkeepalived.vrrp.engine;

/**
 * The VRRP timer formulas (behaviour §3.3), in microseconds with keepalived's integer rounding so our
 * deadlines agree with the C daemon's to the microsecond.
 *
 * <pre>
 *   v2 Skew_Time            = (256 − prio) × 1 s / 256
 *   v3 Skew_Time            = (256 − prio) × Master_Adver_Interval / 256
 *   Master_Down_Interval    = down_timer_adverts × Master_Adver_Interval + Skew_Time
 *   minimal skew            = Skew_Time computed with (256 − prio) = 1
 * </pre>
 * For v3 the product is formed as {@code centis × 625 / 16} (625/16 = 10 000 µs / 256) exactly as
 * keepalived does, so rounding matches.
 */
public final class Timers {
    private Timers() {
    }

    public static long skewMicros(int version, int priority, int masterAdverCentis) {
        return skewCalc(version, 256 - priority, masterAdverCentis);
    }

    public static long skewMinMicros(int version, int masterAdverCentis) {
        return skewCalc(version, 1, masterAdverCentis);
    }

    public static long masterDownMicros(int version, int priority, int masterAdverCentis, int downTimerAdverts) {
        return downTimerAdverts * centisToMicros(masterAdverCentis) + skewMicros(version, priority, masterAdverCentis);
    }

    public static long centisToMicros(int centis) {
        return centis * 10_000L;
    }

    private static long skewCalc(int version, int factor, int masterAdverCentis) {
        return version == 3 ? (long) factor * masterAdverCentis * 625 / 16 : (long) factor * 1_000_000 / 256;
    }
}
