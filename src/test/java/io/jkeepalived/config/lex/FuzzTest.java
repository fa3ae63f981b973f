package io.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jkeepalived.config.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated configurations never make the reader throw or hang. The seed is fixed and
 * printed; {@code -Djk.fuzz.seed=N} replays another run, {@code -Djk.fuzz.cases=N} changes its size.
 */
class FuzzTest {
    static final long SEED = Long.getLong("jk.fuzz.seed", 0x6b65_6570_616cL);
    static final int CASES = Integer.getInteger("jk.fuzz.cases", 3000);
    /** Small enough that a generated ~SEQ bomb costs milliseconds; the default limit has its own test. */
    static final Preprocessor.Limits LIMITS = new Preprocessor.Limits(2_000);

    static final String[] PIECES = {
        "{", "}", "{ ", " }", "\"", "'", "#", "!", "\\", "\n", "\n", "\n", " ", " ", "\t", "$", "${", "@", "@^", "~SEQ(",
        "~SEQx(", "~LST(", ")", ",", "(", "=", "$A", "$A=", "${A}", "$B=$A$A", "$A=$B$B", "${_RANDOM 1 9}", "${_PWD}",
        "${_INSTANCE}", "${_ENV HOME}", "${_HASH}", "${_BANG}", "main", "vrrp_instance", "state", "MASTER",
        "virtual_ipaddress", "198.18.0.1/24", "include_check", "random_seed", "12", "-3", "0x1f", "\\x41", " \\\n",
        "include inc.conf", "include self.conf", "includea none*.conf", "includeb {a,b}.conf", "\r\n", "\u00e9", "\u0000",
    };

    @TempDir
    Path dir;

    @Test
    void readerNeverThrowsOrHangs() throws IOException {
        System.out.println("FuzzTest seed=" + SEED + " cases=" + CASES + " (replay with -Djk.fuzz.seed=" + SEED + ")");
        Files.writeString(dir.resolve("inc.conf"), "included_line\n$A=from_include\n");
        Files.writeString(dir.resolve("self.conf"), "include self.conf\n");
        List<String> corpus = corpus();
        var rnd = new SplittableRandom(SEED);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long worst = 0;
            int worstCase = -1;
            long[] perKind = new long[14];
            for (int i = 0; i < CASES; i++) {
                String text = switch (i % 4) {
                    case 0 -> soup(rnd);
                    case 1, 2 -> mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
                    default -> special(i / 4, rnd);
                };
                long t0 = System.nanoTime();
                try {
                    var d = new Diagnostics();
                    var nodes = ConfigReader.readString(text, "fuzz.conf", dir, LexTesting.OPTS, d, LIMITS);
                    assertThat(nodes).isNotNull();
                    d.all().forEach(x -> x.render());
                } catch (Throwable t) {
                    throw new AssertionError("case " + i + " of seed " + SEED + " threw on input:\n" + abbreviate(text), t);
                }
                long took = System.nanoTime() - t0;
                perKind[i % 4 == 3 ? 4 + (i / 4) % 10 : i % 4] += took;
                if (took > worst) {
                    worst = took;
                    worstCase = i;
                }
            }
            System.out.println("FuzzTest slowest case " + worstCase + ": " + worst / 1_000_000 + " ms; ms per kind "
                    + java.util.Arrays.toString(java.util.Arrays.stream(perKind).map(t -> t / 1_000_000).toArray()));
        });
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " chars)";
    }

    private static List<String> corpus() throws IOException {
        var out = new ArrayList<String>();
        for (Path p : SamplesTest.samples()) {
            out.add(Files.readString(p));
        }
        out.add("""
                $INSTANCE= \\
                vrrp_instance VI_${NUM} { \\
                    @main priority 130 \\
                    $INNER=x \\
                    virtual_ipaddress { \\
                        198.18.${NUM}.1/24 \\
                    } \\
                }
                ~SEQ(NUM, 1, 3) $INSTANCE
                ~LST({a,b}, {1,2}, {3,4}) x${a}${b}
                notify "/bin/sh -c 'echo a b'" root
                global_defs { include_check match random_seed 3 }
                """);
        return out;
    }

    private static String soup(SplittableRandom rnd) {
        int n = rnd.nextInt(1, 200);
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(8) == 0) {
                sb.append((char) rnd.nextInt(0, 128));
            } else {
                sb.append(PIECES[rnd.nextInt(PIECES.length)]);
            }
        }
        return sb.toString();
    }

    private static String mutate(String text, SplittableRandom rnd) {
        var sb = new StringBuilder(text);
        int edits = rnd.nextInt(1, 12);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, PIECES[rnd.nextInt(PIECES.length)]);
                case 2 -> {
                    int end = Math.min(sb.length(), at + rnd.nextInt(1, 200));
                    sb.insert(rnd.nextInt(sb.length()), sb.substring(at, end));
                }
                case 3 -> {
                    int end = Math.min(sb.length(), at + rnd.nextInt(1, 100));
                    sb.delete(at, end);
                }
                default -> sb.setCharAt(at, (char) rnd.nextInt(0, 256));
            }
        }
        return sb.toString();
    }

    private static String special(int k, SplittableRandom rnd) {
        return switch (k % 10) {
            case 0 -> "a {\n".repeat(rnd.nextInt(1, 2000));
            case 1 -> "}\n".repeat(rnd.nextInt(1, 2000)) + "{".repeat(rnd.nextInt(1, 3000));
            case 2 -> "x " + "y".repeat(rnd.nextInt(1, 300_000)) + "\n";
            case 3 -> "\"unterminated " + "z ".repeat(rnd.nextInt(1, 1000));
            case 4 -> "$A=$A$A\n$A\n$B=${B}${B}\nx ${B}\n";
            case 5 -> "$A=x\n" + "$A=${A}${A}\n".repeat(rnd.nextInt(1, 40)) + "v $A\n";
            case 6 -> "~SEQ(a, 1, " + rnd.nextInt(1, 1_000_000) + ") ~SEQ(b, 1, 1000) $a $b\n";
            case 7 -> "$M= \\\n$M \\\nx\n$M\n";
            case 8 -> "include {" + "a,".repeat(rnd.nextInt(1, 50)) + "b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}\n";
            default -> "${" + "{".repeat(rnd.nextInt(1, 1000)) + "A}" + "\\".repeat(rnd.nextInt(1, 1000)) + "\n";
        };
    }
}
