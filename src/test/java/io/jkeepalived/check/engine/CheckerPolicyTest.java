package io.jkeepalived.check.engine;

import static io.jkeepalived.check.engine.Rig.DOWN;
import static io.jkeepalived.check.engine.Rig.S;
import static io.jkeepalived.check.engine.Rig.UP;
import static io.jkeepalived.check.engine.Rig.rs;
import static io.jkeepalived.check.engine.Rig.vs;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeResult;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One checker's retry rules on a virtual clock: scripted results give exact probe times and verdicts. */
class CheckerPolicyTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                // name, extra checker lines, results in probe order, expected probe times, expected checker verdicts
                Arguments.of("DOWN after retry+1 failures spaced by delay_before_retry", "retry 2", "U D D D",
                        "0s 10s 12s 14s 24s", List.of("14s DOWN")),
                Arguments.of("UP on one success", "retry 2", "U D D D U",
                        "0s 10s 12s 14s 24s 34s", List.of("14s DOWN", "24s UP")),
                Arguments.of("before the first success one failure means DOWN", "retry 2", "D U",
                        "0s 10s 20s", List.of("0s DOWN", "10s UP")),
                Arguments.of("a success resets the failure count", "retry 2", "U D U D D D",
                        "0s 10s 12s 22s 24s 26s 36s", List.of("26s DOWN")),
                Arguments.of("retry 0: the first failure of a verified checker is fatal", "retry 0", "U D",
                        "0s 10s 20s", List.of("10s DOWN")),
                Arguments.of("while DOWN, failures wait a whole delay_loop", "retry 2", "D D D",
                        "0s 10s 20s 30s", List.of("0s DOWN")),
                Arguments.of("alpha: starts DOWN, one success brings it UP", "retry 2\n alpha", "D U",
                        "0s 10s 20s", List.of("10s UP")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void retryRules(String name, String lines, String results, String probes, List<String> verdicts) {
        Rig rig = Rig.start(tcp(lines));
        var script = new ArrayDeque<>(Arrays.stream(results.split(" ")).map(s -> s.equals("U") ? UP : DOWN).toList());
        rig.responder = (spec, url, at) -> Optional.ofNullable(script.poll()); // past the script: hangs
        int n = probes.split(" ").length;
        for (long t = 0; rig.probed.size() < n; t += S) rig.runTo(t);
        assertThat(rig.probeTimes(false, n)).isEqualTo(probes);
        assertThat(rig.lines("checker TCP_CHECK").stream().map(CheckerPolicyTest::verdict).toList()).isEqualTo(verdicts);
    }

    static String tcp(String lines) {
        return vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n" + rs("198.18.0.2 80",
                "  TCP_CHECK {\n   connect_timeout 1\n   delay_before_retry 2\n   " + lines + "\n  }"));
    }

    static String verdict(String line) {
        return line.split(" ")[0] + (line.contains(" UP") ? " UP" : " DOWN");
    }

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of("UP: all urls back to back each delay_loop", "", "U U U U U U",
                        "0s/u0 0s/u1 0s/u2 10s/u0 10s/u1 10s/u2", List.of()),
                Arguments.of("alpha: one url per delay_loop, UP after the last", "alpha", "U U U U",
                        "0s/u0 10s/u1 20s/u2 30s/u0", List.of("20s UP")),
                Arguments.of("alpha + fast_recovery: back to back", "alpha\n fast_recovery", "U U U U",
                        "0s/u0 0s/u1 0s/u2 10s/u0", List.of("0s UP")),
                Arguments.of("a failing url is retried after delay_before_retry (3 s)", "", "U U U U D U U",
                        "0s/u0 0s/u1 0s/u2 10s/u0 10s/u1 13s/u1 13s/u2 23s/u0", List.of()),
                Arguments.of("a url failing before the first full round is DOWN at once", "", "U D U U U",
                        "0s/u0 0s/u1 10s/u0 20s/u1 30s/u2", List.of("0s DOWN", "30s UP")),
                Arguments.of("recovery restarts from the first url", "retry 0", "U U U U D U D U U U",
                        "0s/u0 0s/u1 0s/u2 10s/u0 10s/u1 20s/u0 30s/u1 40s/u0 50s/u1 60s/u2",
                        List.of("10s DOWN", "60s UP")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void httpUrlsInTurn(String name, String lines, String results, String probes, List<String> verdicts) {
        Rig rig = Rig.start(vs("198.18.0.1 80", " delay_loop 10\n warmup 0\n" + rs("198.18.0.2 80",
                "  HTTP_GET {\n   url {\n    path /a\n   }\n   url {\n    path /b\n   }\n   url {\n    path /c\n   }\n   "
                        + lines + "\n  }")));
        var script = new ArrayDeque<>(Arrays.stream(results.split(" ")).map(s -> s.equals("U") ? UP : DOWN).toList());
        int n = probes.split(" ").length;
        rig.responder = (spec, url, at) -> Optional.ofNullable(script.poll());
        for (long t = 0; rig.probed.size() < n; t += S) rig.runTo(t);
        assertThat(rig.probeTimes(true, n)).isEqualTo(probes);
        assertThat(rig.lines("checker HTTP_GET").stream().map(CheckerPolicyTest::verdict).toList()).isEqualTo(verdicts);
    }

    static Stream<Arguments> results() {
        return Stream.of(Arguments.of(DOWN, 1), Arguments.of(UP, 0));
    }

    @ParameterizedTest
    @MethodSource("results")
    void logAllFailuresReportsEachFailedAttemptOfAnUpChecker(ProbeResult second, int expected) {
        Rig rig = Rig.start(tcp("retry 2\n   log_all_failures"));
        var script = new ArrayDeque<>(List.of(UP, second));
        rig.responder = (spec, url, at) -> Optional.of(script.isEmpty() ? UP : script.poll());
        rig.runTo(11 * S);
        assertThat(rig.all(CheckAction.ProbeFailed.class)).hasSize(expected)
                .allSatisfy(f -> assertThat(f.attempt()).isEqualTo(1));
        Rig quiet = Rig.start(tcp("retry 2"));
        quiet.responder = (spec, url, at) -> Optional.of(at == 10 * S ? DOWN : UP);
        quiet.runTo(11 * S);
        assertThat(quiet.all(CheckAction.ProbeFailed.class)).isEmpty();
    }
}
