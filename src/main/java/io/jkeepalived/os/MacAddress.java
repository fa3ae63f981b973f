package io.jkeepalived.os;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** A 6-byte Ethernet address. Immutable: the array is copied in and out. */
public final class MacAddress {

    public static final MacAddress BROADCAST = of(new byte[] {-1, -1, -1, -1, -1, -1});

    private final byte[] bytes;

    private MacAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Requires exactly 6 bytes. */
    public static MacAddress of(byte[] bytes) {
        if (bytes.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + bytes.length);
        }
        return new MacAddress(bytes.clone());
    }

    /** Parses {@code 00:00:5e:00:01:0a}; empty when malformed. */
    public static Optional<MacAddress> parse(String text) {
        var parts = text.split("[:-]");
        if (parts.length != 6) {
            return Optional.empty();
        }
        var out = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (parts[i].length() != 2) {
                return Optional.empty();
            }
            try {
                out[i] = (byte) Integer.parseInt(parts[i], 16);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new MacAddress(out));
    }

    /** The VRRP virtual MAC 00:00:5e:00:01:VRID (IPv4) or 00:00:5e:00:02:VRID (IPv6), RFC 5798 §7.3. */
    public static MacAddress vrrp(boolean ipv6, int vrid) {
        return new MacAddress(new byte[] {0, 0, 0x5e, 0, (byte) (ipv6 ? 2 : 1), (byte) vrid});
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
