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
 * Lexing and tree building alone for the 1,000-instance / 10,000-real-server configuration.
 * Run: {@code java -cp target/test-classes:target/classes:$(deps) org.openjdk.jmh.Main LexerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class LexerBenchmark {
    private String text;

    @Setup
    public void setup() {
        text = LargeConfig.generate(1000, 100, 100);
    }

    @Benchmark
    public List<Node> readLargeConfig() {
        var d = new Diagnostics();
        return ConfigReader.readString(text, "bench.conf", Path.of("/tmp"), new ReaderOptions("bench", Map.of(), false), d);
    }
}
