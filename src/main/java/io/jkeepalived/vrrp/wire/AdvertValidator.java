package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.InetChecksum.U64;

import java.util.Optional;

/**
 * Validates a wrapped advertisement against one virtual router's {@link ReceiveProfile}, in the order keepalived's
 * receive check applies the rules, so that the first failing rule (and so the counter) is the same one keepalived
 * would report. Allocation-free; never throws for any packet content.
 *
 * <ol>
 *   <li>lengths: the received size must be IP header + 8 + count × address size (+ 8 auth bytes in v2), allowing
 *       Ethernet padding of a frame shorter than 60 bytes, in steps of 4 for VLAN tags — {@link RejectReason#BAD_LENGTH}
 *   <li>TTL 255 in multicast mode; in unicast mode only within the sending peer's {@code min_ttl..max_ttl}
 *       — {@code BAD_TTL}
 *   <li>version — {@code BAD_VERSION}
 *   <li>v2 only: auth type valid, equal to ours, password equal; adver int equal — {@code INVALID_AUTH_TYPE},
 *       {@code AUTH_TYPE_MISMATCH}, {@code AUTH_FAILURE}, {@code INTERVAL_MISMATCH}
 *   <li>type 1 — {@code BAD_TYPE}
 *   <li>IPv4 total length — {@code BAD_LENGTH}
 *   <li>v3: adver int differs → warning only
 *   <li>checksum — {@code BAD_CHECKSUM}
 *   <li>destination multicast or unicast per mode — {@code NOT_MULTICAST_DEST}, {@code NOT_UNICAST_DEST}
 *   <li>address owner ignoring adverts — {@code OWNER_IGNORES_ADVERTS}
 *   <li>virtual addresses: drop (2.2.7) or warn (≥ 2.3.3) — {@code ADDRESS_LIST_MISMATCH}
 *   <li>unicast source among the peers — {@code UNICAST_SRC_NOT_PEER}
 * </ol>
 */
public final class AdvertValidator {
    private static final int MIN_FRAME = 60;
    private static final int ETHERNET_HEADER = 14;

    private AdvertValidator() {
    }

    /** Validates with the address check always on. */
    public static Verdict validate(AdvertView advert, ReceiveProfile profile) {
        return validate(advert, profile, false);
    }

    /**
     * @param fromCurrentMaster the advert comes from the master whose advert we accepted last; with
     *                          {@code skip_check_adv_addr} that skips the address check
     * @return a cached verdict; a view that was not wrapped successfully is {@code TOO_SHORT}
     */
    public static Verdict validate(AdvertView advert, ReceiveProfile profile, boolean fromCurrentMaster) {
        if (!advert.isWrapped()) {
            return RejectReason.TOO_SHORT.verdict();
        }
        if (advert.family() != profile.family()) {
            return RejectReason.BAD_VERSION.verdict();
        }
        IpFamily family = profile.family();
        int versionNumber = advert.versionNumber();
        // Size by the packet's own version when it is a real one, so a v3 advert reaching a v2 router is reported
        // as BAD_VERSION rather than as a length error.
        int sizingVersion = versionNumber == 2 || versionNumber == 3 ? versionNumber : profile.version().wire();
        int count = advert.count();
        int vrrpLength = VrrpHeader.FIXED_BYTES + count * family.addressBytes()
                + (sizingVersion == 2 && family == IpFamily.IPV4 ? VrrpHeader.AUTH_BYTES : 0);
        int expected = advert.ipHeaderLength() + vrrpLength;
        if (!lengthAcceptable(advert.receivedLength(), expected, family)) {
            return RejectReason.BAD_LENGTH.verdict();
        }

        int peer = profile.unicast() ? peerIndex(advert, profile.unicastPeers()) : -1;
        if (!profile.unicast()) {
            if (advert.ttl() != VrrpHeader.TTL) {
                return RejectReason.BAD_TTL.verdict();
            }
        } else if (peer >= 0 && !profile.unicastPeers().ttlAllowed(peer, advert.ttl())) {
            // A source that is no peer has no window; the source check below rejects it if it is on.
            return RejectReason.BAD_TTL.verdict();
        }

        if (versionNumber != profile.version().wire()) {
            return RejectReason.BAD_VERSION.verdict();
        }

        int warnings = 0;
        if (profile.version() == VrrpVersion.V2) {
            Optional<RejectReason> auth = checkV2Auth(advert, profile, count);
            if (auth.isPresent()) {
                return auth.get().verdict();
            }
            if (advert.adverIntCentis() != profile.adverIntCentis()) {
                return RejectReason.INTERVAL_MISMATCH.verdict();
            }
        }

        if (advert.type() != VrrpHeader.TYPE_ADVERTISEMENT) {
            return RejectReason.BAD_TYPE.verdict();
        }
        if (family == IpFamily.IPV4 && advert.ipTotalLength() != expected) {
            return RejectReason.BAD_LENGTH.verdict();
        }
        if (profile.version() == VrrpVersion.V3 && advert.adverIntCentis() != profile.adverIntCentis()) {
            warnings |= AdvertWarning.INTERVAL_MISMATCH.bit();
        }

        int checksum = checkChecksum(advert, profile, vrrpLength);
        if (checksum < 0) {
            return RejectReason.BAD_CHECKSUM.verdict();
        }
        warnings |= checksum;

        boolean multicast = advert.destinationIsMulticast();
        if (!profile.unicast() && !multicast) {
            return RejectReason.NOT_MULTICAST_DEST.verdict();
        }
        if (profile.unicast() && multicast) {
            return RejectReason.NOT_UNICAST_DEST.verdict();
        }

        if (profile.ignoreAdverts()) {
            return RejectReason.OWNER_IGNORES_ADVERTS.verdict();
        }

        if (!(profile.skipCheckAdvAddr() && fromCurrentMaster)
                && !profile.virtualAddresses().sameSetAs(advert.segment(), advert.addressOffset(0), count)) {
            switch (profile.addressMismatch()) {
                case DROP -> {
                    return RejectReason.ADDRESS_LIST_MISMATCH.verdict();
                }
                case WARN -> warnings |= AdvertWarning.ADDRESS_LIST_MISMATCH.bit();
            }
        }

        if (profile.checksUnicastSource() && peer < 0) {
            return RejectReason.UNICAST_SRC_NOT_PEER.verdict();
        }
        return Verdict.Accepted.of(warnings);
    }

    /**
     * Exact length, or Ethernet padding: the frame (IP length + 14) was below the 60-byte minimum and the padding
     * brings it to 60, less 4 per VLAN tag. IPv6 adverts are never short enough to be padded.
     */
    private static boolean lengthAcceptable(int received, int expected, IpFamily family) {
        if (received == expected) {
            return true;
        }
        return family == IpFamily.IPV4
                && received > expected
                && expected + ETHERNET_HEADER < MIN_FRAME
                && received + ETHERNET_HEADER <= MIN_FRAME
                && (MIN_FRAME - ETHERNET_HEADER - received) % 4 == 0;
    }

    private static Optional<RejectReason> checkV2Auth(AdvertView advert, ReceiveProfile profile, int count) {
        int authNumber = advert.authTypeNumber();
        if (authNumber > 2) {
            return RejectReason.INVALID_AUTH_TYPE.asOptional();
        }
        if (authNumber == AuthType.AH.wire()) {
            return RejectReason.AH_UNSUPPORTED.asOptional();
        }
        if (authNumber != profile.authType().wire()) {
            return RejectReason.AUTH_TYPE_MISMATCH.asOptional();
        }
        if (profile.authType() == AuthType.PASS) {
            // One 64-bit comparison: constant time by construction.
            long received = advert.segment().get(U64, advert.addressOffset(count));
            if ((received ^ profile.authData()) != 0) {
                return RejectReason.AUTH_FAILURE.asOptional();
            }
        }
        return Optional.empty();
    }

    /** Returns -1 when the checksum fails, else warning bits (OLD_UNICAST_CHECKSUM when auto-detected). */
    private static int checkChecksum(AdvertView advert, ReceiveProfile profile, int vrrpLength) {
        long body = InetChecksum.add(0, advert.segment(), advert.vrrpOffset(), vrrpLength);
        if (advert.family() == IpFamily.IPV6) {
            long pseudo = InetChecksum.ipv6PseudoHeader(advert.sourceIpv6High(), advert.sourceIpv6Low(),
                    advert.destinationIpv6High(), advert.destinationIpv6Low(), vrrpLength, VrrpHeader.PROTOCOL_VRRP);
            return InetChecksum.verifies(body + pseudo) ? 0 : -1;
        }
        if (profile.version() == VrrpVersion.V2) {
            return InetChecksum.verifies(body) ? 0 : -1;
        }
        int src = advert.sourceIpv4();
        return switch (profile.checksumMode()) {
            case AS_V2 -> InetChecksum.verifies(body) ? 0 : -1;
            case OLD_UNICAST -> InetChecksum.verifies(body + InetChecksum.ipv4PseudoHeader(
                    src, VrrpHeader.GROUP_V4, VrrpHeader.PROTOCOL_VRRP, vrrpLength)) ? 0 : -1;
            case PSEUDO_HEADER -> {
                if (InetChecksum.verifies(body + InetChecksum.ipv4PseudoHeader(
                        src, advert.destinationIpv4(), VrrpHeader.PROTOCOL_VRRP, vrrpLength))) {
                    yield 0;
                }
                boolean oldStyle = profile.unicast() && InetChecksum.verifies(body + InetChecksum.ipv4PseudoHeader(
                        src, VrrpHeader.GROUP_V4, VrrpHeader.PROTOCOL_VRRP, vrrpLength));
                yield oldStyle ? AdvertWarning.OLD_UNICAST_CHECKSUM.bit() : -1;
            }
        };
    }

    private static int peerIndex(AdvertView advert, UnicastPeers peers) {
        return advert.family() == IpFamily.IPV4
                ? peers.indexOfIpv4(advert.sourceIpv4())
                : peers.indexOfIpv6(advert.sourceIpv6High(), advert.sourceIpv6Low());
    }
}
