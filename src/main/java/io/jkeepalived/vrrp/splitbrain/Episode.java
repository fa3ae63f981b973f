package io.jkeepalived.vrrp.splitbrain;

/**
 * One split-brain episode: from confirmation to clearing.
 *
 * @param sinceNanos when it was confirmed (the caller's monotonic clock)
 * @param first      the evidence that opened the streak that confirmed it
 * @param confirming the evidence that confirmed it
 * @param pieces     pieces of evidence counted in this episode so far (the confirming two included)
 */
public record Episode(long sinceNanos, Evidence first, Evidence confirming, long pieces) {

    /** The best-known foreign MAC: the confirming piece's, else the first's, else "unknown". */
    public String peerMac() {
        return confirming.mac().or(first::mac).orElse("unknown");
    }
}
