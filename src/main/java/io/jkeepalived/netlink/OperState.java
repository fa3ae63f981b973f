package io.jkeepalived.netlink;

/** RFC 2863 operational state as the kernel reports it ({@code IFLA_OPERSTATE}). */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

    public static OperState of(int code) {
        var all = values();
        return code >= 0 && code < all.length ? all[code] : UNKNOWN;
    }
}
