package io.jkeepalived.vrrp.wire;

/**
 * What one virtual router expects of received adverts: the instance configuration as {@link AdvertValidator}
 * needs it. Built once per instance (and on reload), never per packet.
 *
 * @param authData           the 8-byte PASS field as packed by {@link Advertisement#password}; 0 for NONE
 * @param adverIntCentis     our advert interval in centiseconds (VRRPv2: whole seconds × 100)
 * @param unicast            unicast mode (any {@code unicast_peer}): no TTL 255 rule, destination must be unicast
 * @param virtualAddresses   our VIPs as advertised (the first 255 that fit, as the sender puts them)
 * @param unicastPeers       our unicast peers with their TTL windows; in unicast mode the TTL of an advert from a
 *                           peer must lie in that peer's window
 * @param checkUnicastSource {@code check_unicast_src}; any peer TTL window implies it, as in keepalived
 * @param checksumMode       how VRRPv3/IPv4 checksums are verified; PSEUDO_HEADER also auto-detects OLD_UNICAST
 * @param ignoreAdverts      we are the address owner (255) with {@code owner_ignore_adverts} (or strict mode)
 * @param skipCheckAdvAddr   {@code skip_check_adv_addr}: skip the address check for adverts from the same master
 */
public record ReceiveProfile(
        VrrpVersion version,
        IpFamily family,
        AuthType authType,
        long authData,
        int adverIntCentis,
        boolean unicast,
        AddressList virtualAddresses,
        UnicastPeers unicastPeers,
        boolean checkUnicastSource,
        ChecksumMode checksumMode,
        AddressMismatchPolicy addressMismatch,
        boolean ignoreAdverts,
        boolean skipCheckAdvAddr) {

    public ReceiveProfile {
        if (virtualAddresses.family() != family || unicastPeers.family() != family) {
            throw new IllegalArgumentException("address lists must be " + family);
        }
    }

    /** The profile matching what {@code ad} advertises, in multicast mode with keepalived's defaults. */
    public static ReceiveProfile matching(Advertisement ad) {
        return new ReceiveProfile(ad.version(), ad.family(), ad.authType(), ad.authData(), ad.adverIntCentis(),
                false, ad.addresses(), UnicastPeers.none(ad.family()), false, ad.checksumMode(),
                AddressMismatchPolicy.DROP, false, false);
    }

    /** This profile in unicast mode with the given peers. */
    public ReceiveProfile withUnicastPeers(UnicastPeers peers) {
        return new ReceiveProfile(version, family, authType, authData, adverIntCentis, true, virtualAddresses,
                peers, checkUnicastSource, checksumMode, addressMismatch, ignoreAdverts, skipCheckAdvAddr);
    }

    /** This profile in unicast mode with the given peers, no TTL windows. */
    public ReceiveProfile withUnicastPeers(AddressList peers) {
        return withUnicastPeers(UnicastPeers.of(peers));
    }

    /** True when the source must be one of the unicast peers. */
    public boolean checksUnicastSource() {
        return unicast && (checkUnicastSource || unicastPeers.anyTtlWindow()) && !unicastPeers.isEmpty();
    }

    public ReceiveProfile withCheckUnicastSource(boolean check) {
        return new ReceiveProfile(version, family, authType, authData, adverIntCentis, unicast,
                virtualAddresses, unicastPeers, check, checksumMode, addressMismatch, ignoreAdverts,
                skipCheckAdvAddr);
    }

    public ReceiveProfile withAddressMismatch(AddressMismatchPolicy policy) {
        return new ReceiveProfile(version, family, authType, authData, adverIntCentis, unicast,
                virtualAddresses, unicastPeers, checkUnicastSource, checksumMode, policy, ignoreAdverts,
                skipCheckAdvAddr);
    }

    public ReceiveProfile withIgnoreAdverts(boolean ignore) {
        return new ReceiveProfile(version, family, authType, authData, adverIntCentis, unicast,
                virtualAddresses, unicastPeers, checkUnicastSource, checksumMode, addressMismatch, ignore,
                skipCheckAdvAddr);
    }

    public ReceiveProfile withSkipCheckAdvAddr(boolean skip) {
        return new ReceiveProfile(version, family, authType, authData, adverIntCentis, unicast,
                virtualAddresses, unicastPeers, checkUnicastSource, checksumMode, addressMismatch, ignoreAdverts,
                skip);
    }

    public ReceiveProfile withChecksumMode(ChecksumMode mode) {
        return new ReceiveProfile(version, family, authType, authData, adverIntCentis, unicast,
                virtualAddresses, unicastPeers, checkUnicastSource, mode, addressMismatch, ignoreAdverts,
                skipCheckAdvAddr);
    }

    public ReceiveProfile withAuth(AuthType type, long data) {
        return new ReceiveProfile(version, family, type, data, adverIntCentis, unicast,
                virtualAddresses, unicastPeers, checkUnicastSource, checksumMode, addressMismatch, ignoreAdverts,
                skipCheckAdvAddr);
    }
}
