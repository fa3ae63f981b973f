package io.jkeepalived.notify;

/**
 * The LVS lines keepalived writes to notify FIFOs (the VRRP ones, {@code INSTANCE "VI_1" MASTER
 * 100} and {@code GROUP "G1" BACKUP 0}, are built by the engine's {@code Notifications}).
 *
 * <pre>
 * VS [10.0.0.1]:tcp:80 UP             lvs_notify_fifo / notify_fifo
 * RS [192.0.2.2]:tcp:80 [10.0.0.1]:tcp:80 DOWN
 * </pre>
 *
 * <p>Every line ends with {@code \n}. keepalived's checker also writes a NUL byte after the
 * newline of LVS lines; we do not: the VRRP lines never had it, a line-reading consumer sees it
 * as garbage at the start of the next line (bash's {@code read} warns and drops it), and no
 * consumer can depend on it without also breaking on VRRP lines. Documented in
 * docs/tracking-and-notify.md.
 */
public final class FifoLines {

    private FifoLines() {}

    public static String virtualServer(LvsService vs, boolean up) {
        return "VS " + vs.format() + " " + (up ? "UP" : "DOWN") + "\n";
    }

    public static String realServer(LvsService.Endpoint rs, LvsService vs, boolean up) {
        return "RS " + rs.format() + " " + vs.format() + " " + (up ? "UP" : "DOWN") + "\n";
    }
}
