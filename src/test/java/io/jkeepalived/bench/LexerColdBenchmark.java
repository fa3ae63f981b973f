package io.jkeepalived.bench;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.lex.ConfigReader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.tree.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first read in a fresh JVM, which is what {@code jkeepalived -t} pays: one shot per fork,
 * no warm-up. Same configuration as {@link LexerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class LexerColdBenchmark {
    private String text;

    @Setup
    public void setup() {
        text = LargeConfig.generate(1000, 100, 100);
    }

    @Benchmark
    public List<Node> firstRead() {
        var d = new Diagnostics();
        return ConfigReader.readString(text, "bench.conf", Path.of("/tmp"), new ReaderOptions("bench", Map.of(), false), d);
    }
}
