package io.jkeepalived.lvs;

/** How IPVS forwards to a destination ({@code lvs_method} / {@code lb_kind}). */
public enum ForwardMethod {
    NAT, DR, TUN;

    /** keepalived's spellings; anything unknown has been rejected by the binder already. */
    public static ForwardMethod of(String word) {
        return switch (word) {
            case "DR" -> DR;
            case "TUN" -> TUN;
            default -> NAT;
        };
    }
}
