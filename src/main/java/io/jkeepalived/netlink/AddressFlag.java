package io.jkeepalived.netlink;

/** Per-address options keepalived accepts on a VIP line, as IFA_F_* bits. */
public enum AddressFlag {
    /** {@code -nodad}: skip IPv6 duplicate address detection. */
    NODAD(Rtnl.IFA_F_NODAD),
    /** {@code noprefixroute}: do not add the prefix route. */
    NOPREFIXROUTE(Rtnl.IFA_F_NOPREFIXROUTE),
    /** {@code home}: Mobile IPv6 home address. */
    HOME(Rtnl.IFA_F_HOMEADDRESS),
    /** {@code mngtmpaddr}: manage privacy addresses from this one. */
    MNGTMPADDR(Rtnl.IFA_F_MANAGETEMPADDR),
    /** {@code autojoin}: join the multicast group of a multicast address. */
    AUTOJOIN(Rtnl.IFA_F_MCAUTOJOIN);

    private final int bit;

    AddressFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }
}
