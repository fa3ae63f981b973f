package io.jkeepalived.check.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * FILE_CHECK: reads the tracked file's number the way track_file does (C strtol, base 0; no
 * number reads as 0). With weight 0 the server is down while the number is non-zero ({@code
 * reverse}: while it is zero). Otherwise the number times the weight (negated with {@code reverse})
 * is added to the real server's configured weight and reported as its dynamic weight, floored at
 * 0; a product at or below -2^31 is keepalived's FAULT and fails the check.
 *
 * <p>keepalived watches the file with inotify; a probe re-reads it on every run instead, which
 * keeps FILE_CHECK on the same scheduler as every other checker.
 */
public final class FileProbe implements Probe {

    private static final int READ_LIMIT = 127;

    private final Path file;
    private final int weight;
    private final boolean reverse;
    private final long realServerWeight;

    public FileProbe(Path file, int weight, boolean reverse, long realServerWeight) {
        this.file = file;
        this.weight = weight;
        this.reverse = reverse;
        this.realServerWeight = realServerWeight;
    }

    @Override
    public ProbeResult run(Duration timeout) {
        return Attempts.guard(timeout, d -> {
            long value = strtol(head());
            if (weight == 0) {
                if ((value != 0) != reverse) {
                    throw new ProbeFailure(FailureReason.FILE_DOWN, file + " reads " + value);
                }
                return OptionalInt.empty();
            }
            long product = value * weight * (reverse ? -1L : 1L);
            if (product <= Integer.MIN_VALUE) {
                throw new ProbeFailure(FailureReason.FILE_DOWN, file + " reads " + value + " (x" + weight + ": FAULT)");
            }
            long w = Math.max(0, Math.min(Integer.MAX_VALUE, realServerWeight + product));
            return OptionalInt.of((int) w);
        });
    }

    private String head() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(READ_LIMIT), StandardCharsets.ISO_8859_1);
        }
    }

    /** C strtol(s, NULL, 0) clamped to the int range: whitespace, sign, 0x hex, 0 octal, trailing text ignored. */
    static long strtol(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = i < s.length() && s.charAt(i) == '-';
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int radix = 10;
        if (i + 2 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x'
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            radix = 8;
        }
        long v = 0;
        for (; i < s.length() && Character.digit(s.charAt(i), radix) >= 0; i++) {
            v = Math.min(v * radix + Character.digit(s.charAt(i), radix), 1L << 31);
        }
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, neg ? -v : v));
    }

    @Override
    public String dedupKey() {
        return "FILE_CHECK " + file + " x" + weight + (reverse ? " reverse" : "") + " base " + realServerWeight;
    }
}
