package io.jkeepalived.vrrp.sim;

/**
 * Deliberately broken worlds, used only to prove the invariant checker can fail. Node 0 is the
 * broken one.
 */
enum Mutant {
    /** A correct world. */
    NONE,
    /** Node 0's address layer ignores RemoveAddresses: VIPs leak after it leaves MASTER. */
    VIP_LEAK,
    /** Node 0's clock runs 60 % fast, so its down timer expires early in real time. */
    FAST_CLOCK,
    /** Node 0 is configured to preempt although the checker was told nopreempt. */
    NOPREEMPT_IGNORED,
    /** Node 0 advertises priority 254 whatever its real priority. */
    PRIORITY_LIE,
    /**
     * Node 0 loses the RemoveAddresses a reload emits (an engine wrapper dropping them): a VIP the
     * new config no longer lists stays on a MASTER.
     */
    RELOAD_VIP_LEAK
}
