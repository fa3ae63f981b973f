package io.jkeepalived.check.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.engine.CheckAction;
import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.check.plan.CheckerSpec;
import io.jkeepalived.check.probe.FailureReason;
import io.jkeepalived.check.probe.Probe;
import io.jkeepalived.check.probe.ProbeResult;
import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real scheduler: due probes run on virtual threads and report back; cancelled ones never run. */
class TimerProbeSchedulerTest {

    static final CheckerSpec SPEC = CheckPlan.of(ConfigLoader.loadString("virtual_server 198.18.0.1 80 {\n lb_algo rr\n"
                    + " lb_kind NAT\n protocol TCP\n real_server 198.18.0.2 80 {\n  TCP_CHECK {\n  }\n }\n}\n", "t.conf",
            Path.of("."), new ReaderOptions("host", Map.of(), false)).config().orElseThrow())
            .virtualServers().getFirst().realServers().getFirst().checkers().getFirst();

    static Probe probe(ProbeResult r) {
        return new Probe() {
            @Override
            public ProbeResult run(Duration timeout) {
                return r;
            }

            @Override
            public String dedupKey() {
                return "k";
            }
        };
    }

    static CheckAction.ProbeDue due(long ticket, long at) {
        return new CheckAction.ProbeDue(ticket, SPEC, 0, at, Duration.ofSeconds(1).toNanos());
    }

    @Test
    void dueProbesRunAndCancelledOnesDoNot() throws Exception {
        var reports = new LinkedBlockingQueue<ProbeReport>();
        try (var s = new TimerProbeScheduler((spec, url) -> Optional.of(probe(ProbeResult.Up.of(Duration.ZERO))),
                reports::add, System::nanoTime)) {
            long now = System.nanoTime();
            s.schedule(due(1, now + Duration.ofHours(1).toNanos()));
            s.schedule(due(2, now));
            s.cancel(1);
            ProbeReport r = reports.poll(10, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.ticket()).isEqualTo(2);
            assertThat(s.pending()).isZero();
        }
    }

    @Test
    void aProbeThatThrowsOrIsMissingIsAFailureNotAnException() throws Exception {
        var reports = new LinkedBlockingQueue<ProbeReport>();
        Probe throwing = new Probe() {
            @Override
            public ProbeResult run(Duration timeout) {
                throw new IllegalStateException("bug");
            }

            @Override
            public String dedupKey() {
                return "k";
            }
        };
        try (var s = new TimerProbeScheduler((spec, url) -> url == 0 ? Optional.of(throwing) : Optional.empty(),
                reports::add, System::nanoTime)) {
            s.schedule(due(1, 0));
            s.schedule(new CheckAction.ProbeDue(2, SPEC, 1, 0, 1));
            Set<FailureReason> reasons = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                ProbeReport r = reports.poll(10, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                reasons.add(((ProbeResult.Down) r.result()).reason());
            }
            assertThat(reasons).containsExactly(FailureReason.IO_ERROR);
        }
    }

    @Test
    void tenThousandBlockingProbesNeedFewPlatformThreads() throws Exception {
        var reports = new LinkedBlockingQueue<ProbeReport>();
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        int[] peak = {0};
        Probe slow = new Probe() {
            @Override
            public ProbeResult run(Duration timeout) {
                try {
                    Thread.sleep(50); // stands in for a socket wait: parks the virtual thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ProbeResult.Up.of(Duration.ofMillis(50));
            }

            @Override
            public String dedupKey() {
                return "k";
            }
        };
        try (var s = new TimerProbeScheduler((spec, url) -> Optional.of(slow), reports::add, System::nanoTime)) {
            for (int i = 1; i <= 10_000; i++) s.schedule(due(i, 0));
            for (int i = 0; i < 10_000; i++) {
                assertThat(reports.poll(30, TimeUnit.SECONDS)).isNotNull();
                if (i % 1000 == 0) peak[0] = Math.max(peak[0], ManagementFactory.getThreadMXBean().getThreadCount());
            }
        }
        assertThat(peak[0] - before).as("platform threads added").isLessThanOrEqualTo(16);
    }
}
