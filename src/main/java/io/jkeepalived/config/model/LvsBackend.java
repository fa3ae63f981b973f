package io.jkeepalived.config.model;

import java.util.Set;

/**
 * {@code global_defs { lvs_backend ipvs|nftables }}, a jkeepalived keyword: which kernel facility
 * carries the virtual servers. nftables expresses only NAT and the schedulers listed here.
 */
public enum LvsBackend {
    IPVS, NFTABLES;

    /** Schedulers the nftables backend can express (numgen, weighted numgen, jhash, slot table). */
    public static final Set<String> NFT_SCHEDULERS = Set.of("rr", "wrr", "sh", "mh");

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
