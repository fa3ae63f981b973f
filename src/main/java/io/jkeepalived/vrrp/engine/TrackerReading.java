package io.jkeepalived.vrrp.engine;

/**
 * One tracker of one router as it stands now, for status output.
 *
 * @param value      the last track_file value (0 for other kinds)
 * @param adjustment what it adds to the effective priority right now
 * @param faulting   whether it alone holds the router in FAULT
 */
public record TrackerReading(TrackerSpec spec, TrackerStatus status, long value, int adjustment, boolean faulting) {
}
