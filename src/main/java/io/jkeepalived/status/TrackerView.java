package io.jkeepalived.status;

/**
 * One tracker of one instance.
 *
 * @param name       the configured name ({@code chk_nginx}, {@code eth1}, a track_file or process name)
 * @param kind       {@code script}, {@code interface}, {@code file}, {@code process}, {@code bfd}, {@code group}
 * @param result     {@code UP}, {@code DOWN} or {@code UNKNOWN} (a script before its first verdict)
 * @param value      the track_file value; 0 for other kinds
 * @param adjustment what it adds to the effective priority now
 * @param faulting   whether it alone holds the instance in FAULT
 */
public record TrackerView(String name, String kind, int weight, boolean reverse, String result, long value,
                          int adjustment, boolean faulting) {
}
