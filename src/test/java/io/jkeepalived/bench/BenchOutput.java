package io.jkeepalived.bench;

import io.jkeepalived.testing.Impl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Side-by-side benchmark results as Markdown: each scenario bench writes one fragment into
 * {@code target/bench/PART.md} (or {@code -Djk.bench.out}), and {@code bench/run.sh} splices it into
 * docs/benchmarks.md.
 */
final class BenchOutput {
    private BenchOutput() {}

    static void write(String part, String markdown) {
        var dir = Path.of(System.getProperty("jk.bench.out", Impl.repoRoot().resolve("target/bench").toString()));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(part + ".md"), markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(markdown);
    }

    /** The implementations to measure: {@code -Djk.bench.impls=C,J} (default both). */
    static List<Impl> impls() {
        return java.util.Arrays.stream(System.getProperty("jk.bench.impls", "C,J").split(","))
                .map(String::strip).filter(x -> !x.isEmpty()).map(Impl::valueOf).toList();
    }

    /** The p-th percentile (0..100) by nearest rank; NaN for no samples. */
    static double percentile(List<Double> samples, double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        var sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
    }

    static double max(List<Double> samples) {
        return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static String ms(double seconds) {
        return Double.isNaN(seconds) ? "–" : String.format(Locale.ROOT, "%.1f", seconds * 1000);
    }

    /** J ÷ C, or a dash when either is missing. */
    static String ratio(double j, double c) {
        return Double.isNaN(j) || Double.isNaN(c) || c == 0 ? "–" : String.format(Locale.ROOT, "%.2f", j / c);
    }

    /** The first line of a failure, for "not measured: …". */
    static String reason(Throwable t) {
        var m = String.valueOf(t.getMessage()).strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).replace('|', '/');
    }
}
