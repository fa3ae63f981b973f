package io.jkeepalived.check.probe;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Optional;

/**
 * keepalived's free-format hex strings ({@code payload}, {@code require_reply}): whitespace splits
 * groups, each group is read two digits per byte from the left and an odd last digit is a byte of
 * its own ({@code "Ab12f 3"} is AB 12 0F 03). In a pattern, {@code X} is a nibble that matches
 * anything.
 */
record HexPattern(byte[] value, byte[] mask) {

    /** Empty when the text has a character that is neither hex nor (with wildcards) X. */
    static Optional<HexPattern> parse(String text, boolean wildcards) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        for (String group : text.strip().split("\\s+")) {
            for (int i = 0; i < group.length(); i += 2) {
                boolean pair = i + 1 < group.length();
                int[] hi = pair ? nibble(group.charAt(i), wildcards) : new int[] {0, 0xf};
                int[] lo = nibble(group.charAt(pair ? i + 1 : i), wildcards);
                if (hi == null || lo == null) {
                    return Optional.empty();
                }
                v.write(hi[0] << 4 | lo[0]);
                m.write(hi[1] << 4 | lo[1]);
            }
        }
        return Optional.of(new HexPattern(v.toByteArray(), m.toByteArray()));
    }

    /** {value, mask} of one digit; X is value 0, mask 0. */
    private static int[] nibble(char c, boolean wildcards) {
        if (wildcards && (c == 'x' || c == 'X')) {
            return new int[] {0, 0};
        }
        int d = Character.digit(c, 16);
        return d < 0 ? null : new int[] {d, 0xf};
    }

    /** keepalived's rule: the reply must match up to the shorter of the two lengths. */
    boolean matches(byte[] reply, int length) {
        int n = Math.min(length, value.length);
        for (int i = 0; i < n; i++) {
            if (((reply[i] ^ value[i]) & mask[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        String hex = HexFormat.of().formatHex(value);
        for (int i = 0; i < value.length * 2; i++) {
            int maskNibble = (mask[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            b.append(maskNibble == 0 ? 'X' : hex.charAt(i));
        }
        return b.toString();
    }
}
