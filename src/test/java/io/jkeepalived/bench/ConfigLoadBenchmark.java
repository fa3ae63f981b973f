package io.jkeepalived.bench;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.LoadResult;
import io.jkeepalived.config.lex.ReaderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code ConfigLoader.load} on the generated 1,000-instance / 10,000-real-server config.
 * Run: {@code java -cp <test classpath> org.openjdk.jmh.Main ConfigLoadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SingleShotTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class ConfigLoadBenchmark {
    Path file;

    @Setup(Level.Trial)
    public void write() throws IOException {
        file = Files.createTempFile("jk-bench", ".conf");
        Files.writeString(file, BigConfigGenerator.generate());
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public LoadResult load() {
        LoadResult r = ConfigLoader.load(file, new ReaderOptions("bench", Map.of(), false));
        if (r.hasErrors()) throw new IllegalStateException(r.errors().getFirst().render());
        return r;
    }
}
