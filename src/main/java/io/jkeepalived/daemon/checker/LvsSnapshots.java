package io.jkeepalived.daemon.checker;

import io.jkeepalived.check.engine.CheckEngine;
import io.jkeepalived.check.engine.VirtualServerView;
import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.check.plan.RealServerSpec;
import io.jkeepalived.check.plan.VirtualServerSpec;
import io.jkeepalived.check.probe.ProbeResult;
import io.jkeepalived.config.model.IpText;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.status.LvsStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Copies the engine's view, the plan and the desired table into an {@link LvsStatus}. Pure. */
final class LvsSnapshots {
    private LvsSnapshots() {}

    /**
     * Engine times are {@code System.nanoTime()}; {@code epochMinusNanos} is wall-clock nanos minus
     * that, taken once when the checker starts, so a time shows the same in every snapshot.
     */
    record Clock(long epochMinusNanos) {
        static Clock now() {
            return new Clock(System.currentTimeMillis() * 1_000_000 - System.nanoTime());
        }

        long epochMillis(long atNanos) {
            return Math.floorDiv(atNanos + epochMinusNanos, 1_000_000);
        }
    }

    record TableTotals(long ops, long failures) {}

    static LvsStatus build(CheckPlan plan, List<VirtualServerView> views, CheckEngine.Counters c,
                           Map<ServiceKey, ServiceEntry> table, LatencyBook latencies, boolean stalled,
                           TableTotals ops, LvsStatus.Kernel kernel, Clock clock) {
        Map<String, VirtualServerSpec> specs = plan.virtualServers().stream()
                .collect(Collectors.toMap(VirtualServerSpec::name, Function.identity(), (a, b) -> a));
        List<LvsStatus.VirtualServer> out = new ArrayList<>();
        Map<String, LatencyBook.Sum> sums = latencies.byName();
        int stalledNow = 0;
        for (VirtualServerView v : views) {
            VirtualServerSpec spec = specs.get(v.name());
            List<LvsStatus.RealServer> reals = new ArrayList<>();
            for (int i = 0; i < v.realServers().size(); i++) {
                VirtualServerView.RealServer r = v.realServers().get(i);
                Optional<RealServerSpec> rs = spec == null || i >= spec.realServers().size()
                        ? Optional.empty() : Optional.of(spec.realServers().get(i));
                List<LvsStatus.Checker> checkers = r.checkers().stream().map(ch -> checker(ch, sums, clock)).toList();
                stalledNow += (int) checkers.stream().filter(LvsStatus.Checker::stalled).count();
                reals.add(new LvsStatus.RealServer(rs.map(x -> IpText.of(x.ip())).orElse(r.address()),
                        rs.map(x -> x.port().orElse(servicePort(spec))).orElse(0), r.weight(), r.alive(), r.inTable(),
                        clock.epochMillis(r.lastChangeAtNanos()), checkers));
            }
            out.add(new LvsStatus.VirtualServer(v.name(), v.quorumUp(), v.sorryActive(), v.aliveWeight(), v.quorum(),
                    v.hysteresis(), clock.epochMillis(v.lastChangeAtNanos()), reals));
        }
        List<LvsStatus.TableService> services = table.values().stream().map(LvsSnapshots::service).toList();
        var totals = new LvsStatus.Totals(c.checkers(), c.probes(), c.failedProbes(), c.staleReports(), stalledNow,
                c.stalls(), ops.ops(), ops.failures());
        return new LvsStatus(stalled, totals, out, services, kernel);
    }

    private static LvsStatus.Checker checker(VirtualServerView.Checker ch, Map<String, LatencyBook.Sum> sums, Clock clock) {
        String result = "NONE";
        Optional<String> reason = Optional.empty();
        String detail = "";
        if (ch.lastResult().isPresent()) {
            switch (ch.lastResult().get()) {
                case ProbeResult.Up u -> result = "UP";
                case ProbeResult.Down d -> {
                    result = "DOWN";
                    reason = Optional.of(d.reason().name());
                    detail = d.detail();
                }
            }
        }
        Optional<Double> latency = ch.lastResult().map(r -> r.latency().toNanos() / 1e9);
        LatencyBook.Sum sum = sums.getOrDefault(ch.name(), new LatencyBook.Sum(0, 0));
        return new LvsStatus.Checker(ch.name(), ch.up(), ch.stalled(), ch.suspended(), result, reason, detail, latency,
                clock.epochMillis(ch.lastChangeAtNanos()), ch.probes(), ch.failures(), sum.seconds(), sum.count(),
                ch.shared());
    }

    static LvsStatus.TableService service(ServiceEntry e) {
        List<LvsStatus.Destination> dests = e.destinations().values().stream().map(LvsSnapshots::destination).toList();
        return new LvsStatus.TableService(e.service().key().toString(), e.service().scheduler(),
                e.service().persistenceSeconds(), dests);
    }

    private static LvsStatus.Destination destination(Destination d) {
        return new LvsStatus.Destination(IpText.of(d.ip()), d.port(), d.weight(), d.method().name());
    }

    private static int servicePort(VirtualServerSpec vs) {
        return !vs.services().isEmpty() && vs.services().getFirst().key() instanceof ServiceKey.Addr a ? a.port() : 0;
    }
}
