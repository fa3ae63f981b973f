package io.jkeepalived.check.plan;

import java.util.Optional;

/**
 * {@code persistence_granularity} in the one spelling the kernel reports back, so that a desired
 * service equals its dump: a dotted netmask for IPv4 (a prefix length is accepted and converted),
 * a prefix length for IPv6, and empty for the whole address (/32, /128: the kernel's default).
 */
final class Granularity {
    private Granularity() {}

    /** The canonical form; {@code Optional.empty()} inside when it is the default; empty outside when invalid. */
    static Optional<Optional<String>> canonical(String written, boolean inet6) {
        if (inet6) {
            return prefix(written, 128).map(p -> p == 128 ? Optional.empty() : Optional.of(Integer.toString(p)));
        }
        Optional<Integer> bits = written.contains(".") ? dottedPrefix(written) : prefix(written, 32);
        return bits.map(b -> b == 32 ? Optional.empty() : Optional.of(dotted(b)));
    }

    static String dotted(int prefix) {
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return (mask >>> 24) + "." + (mask >>> 16 & 255) + "." + (mask >>> 8 & 255) + "." + (mask & 255);
    }

    private static Optional<Integer> prefix(String s, int max) {
        try {
            int p = Integer.parseInt(s);
            return p >= 1 && p <= max ? Optional.of(p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A contiguous dotted netmask as its prefix length. */
    private static Optional<Integer> dottedPrefix(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        long mask = 0;
        for (String part : parts) {
            try {
                int octet = Integer.parseInt(part);
                if (octet < 0 || octet > 255) return Optional.empty();
                mask = mask << 8 | octet;
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        int p = Long.bitCount(mask);
        long expect = p == 0 ? 0 : (0xffffffffL << (32 - p)) & 0xffffffffL;
        return mask == expect && p >= 1 ? Optional.of(p) : Optional.empty();
    }
}
