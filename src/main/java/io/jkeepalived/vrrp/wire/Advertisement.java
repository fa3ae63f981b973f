package io.jkeepalived.vrrp.wire;

import java.nio.charset.StandardCharsets;

/**
 * What a virtual router advertises: everything in the VRRP message except the per-packet IP envelope (source,
 * destination, TTL, IP ID), which the encoder takes as arguments so that sending allocates nothing.
 *
 * <p>The constructor rejects combinations keepalived's config layer never produces (it is a programming error,
 * not bad input): VRRPv2 over IPv6, authentication in VRRPv3, AH (not implemented), out-of-range fields.
 *
 * @param adverIntCentis advertisement interval in centiseconds; for VRRPv2 a whole number of seconds (1..255 s),
 *                       for VRRPv3 the 12-bit field (1..4095)
 * @param authData       the 8-byte VRRPv2 authentication field, big-endian in a long (see {@link #password});
 *                       0 when {@code authType} is NONE
 */
public record Advertisement(
        VrrpVersion version,
        IpFamily family,
        int vrid,
        int priority,
        int adverIntCentis,
        AuthType authType,
        long authData,
        AddressList addresses,
        ChecksumMode checksumMode) {

    public Advertisement {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid " + vrid + " is outside 1..255");
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority " + priority + " is outside 0..255");
        }
        if (addresses.family() != family) {
            throw new IllegalArgumentException("addresses are " + addresses.family() + ", router is " + family);
        }
        switch (version) {
            case V2 -> {
                if (family != IpFamily.IPV4) {
                    throw new IllegalArgumentException("VRRPv2 is IPv4 only");
                }
                if (adverIntCentis % 100 != 0 || adverIntCentis < 100 || adverIntCentis > 25_500) {
                    throw new IllegalArgumentException("VRRPv2 adver int must be 1..255 whole seconds");
                }
                if (authType == AuthType.AH) {
                    throw new IllegalArgumentException("AH authentication is not implemented");
                }
                if (authType == AuthType.NONE && authData != 0) {
                    throw new IllegalArgumentException("auth data without an auth type");
                }
            }
            case V3 -> {
                if (adverIntCentis < 1 || adverIntCentis > 4095) {
                    throw new IllegalArgumentException("VRRPv3 max adver int must be 1..4095 centiseconds");
                }
                if (authType != AuthType.NONE) {
                    throw new IllegalArgumentException("VRRPv3 has no authentication");
                }
            }
        }
    }

    /** A VRRPv2 advertisement with no authentication. */
    public static Advertisement v2(int vrid, int priority, int adverIntSeconds, AddressList addresses) {
        return new Advertisement(VrrpVersion.V2, IpFamily.IPV4, vrid, priority, adverIntSeconds * 100,
                AuthType.NONE, 0, addresses, ChecksumMode.PSEUDO_HEADER);
    }

    /** A VRRPv2 advertisement with simple password authentication (truncated to 8 bytes, as keepalived does). */
    public static Advertisement v2Pass(int vrid, int priority, int adverIntSeconds, String pass,
                                       AddressList addresses) {
        return new Advertisement(VrrpVersion.V2, IpFamily.IPV4, vrid, priority, adverIntSeconds * 100,
                AuthType.PASS, password(pass), addresses, ChecksumMode.PSEUDO_HEADER);
    }

    /** A VRRPv3 advertisement; the family is taken from the addresses. */
    public static Advertisement v3(int vrid, int priority, int adverIntCentis, AddressList addresses,
                                   ChecksumMode mode) {
        return new Advertisement(VrrpVersion.V3, addresses.family(), vrid, priority, adverIntCentis,
                AuthType.NONE, 0, addresses, mode);
    }

    /** The same advertisement with another priority (0 when leaving MASTER). */
    public Advertisement withPriority(int newPriority) {
        return new Advertisement(version, family, vrid, newPriority, adverIntCentis, authType, authData, addresses,
                checksumMode);
    }

    /** Packs a password into the 8-byte auth field: its first 8 bytes, zero padded (keepalived truncates too). */
    public static long password(String pass) {
        byte[] bytes = pass.getBytes(StandardCharsets.UTF_8);
        long packed = 0;
        for (int i = 0; i < 8; i++) {
            packed = (packed << 8) | (i < bytes.length ? bytes[i] & 0xff : 0);
        }
        return packed;
    }

    /** Length of the VRRP message: 8-byte header, the addresses and, for VRRPv2, the 8-byte auth field. */
    public int vrrpLength() {
        return VrrpHeader.FIXED_BYTES + addresses.byteSize()
                + (version == VrrpVersion.V2 ? VrrpHeader.AUTH_BYTES : 0);
    }
}
