package io.jkeepalived.check.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.check.plan.CheckerSpec;
import io.jkeepalived.check.probe.FailureReason;
import io.jkeepalived.check.probe.ProbeResult;
import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.RecordingLoadBalancer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * A virtual-clock scheduler around one {@link CheckEngine}: probes run exactly at their due time
 * and answer through {@link #responder}; the table goes to a {@link RecordingLoadBalancer}; every
 * transition and table operation lands in {@link #timeline} as {@code "12s ..."}.
 */
final class Rig {
    static final long S = 1_000_000_000L;
    static final ProbeResult UP = ProbeResult.Up.of(Duration.ZERO);
    static final ProbeResult DOWN = new ProbeResult.Down(FailureReason.REFUSED, "refused", Duration.ZERO);

    /** The scripted world; empty = the probe hangs (never reports). */
    interface Responder {
        Optional<ProbeResult> respond(CheckerSpec spec, int url, long at);
    }

    final CheckEngine engine;
    final RecordingLoadBalancer lb = new RecordingLoadBalancer();
    final List<CheckAction> actions = new ArrayList<>();
    final List<String> timeline = new ArrayList<>();
    final List<CheckAction.ProbeDue> probed = new ArrayList<>();
    final Map<Long, CheckAction.ProbeDue> pending = new HashMap<>();
    private final PriorityQueue<CheckAction.ProbeDue> queue = new PriorityQueue<>(
            Comparator.comparingLong(CheckAction.ProbeDue::atNanos).thenComparingLong(CheckAction.ProbeDue::ticket));
    Responder responder = (spec, url, at) -> Optional.of(UP);
    /** Off for big simulations: keep no action list or timeline. */
    boolean keepHistory = true;
    /** A mutant backend: operations this says yes to are lost on their way to the table. */
    java.util.function.Predicate<LbOp> lose = op -> false;
    /** Every table operation must succeed (off for mutants, whose refusals the invariants must catch). */
    boolean strict = true;
    long now;
    CheckPlan plan;

    Rig(RandomGenerator random) {
        engine = new CheckEngine(random);
    }

    /** First probes at the very end of warmup (the generator's largest value), so timelines are exact. */
    static Rig start(String config) {
        Rig r = new Rig(new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        });
        r.plan = plan(config);
        r.engine.apply(r.plan, 0, r::act);
        return r;
    }

    static CheckPlan plan(String config) {
        var loaded = ConfigLoader.loadString(config, "t.conf", Path.of("."), new ReaderOptions("host", Map.of(), false));
        return CheckPlan.of(loaded.config().orElseThrow());
    }

    void reload(String config) {
        plan = plan(config);
        engine.apply(plan, now, this::act);
    }

    void event(CheckEvent e) {
        engine.handle(e, now, this::act);
    }

    /** Runs every probe due up to {@code t} (inclusive), in time order, then sets the clock to t. */
    void runTo(long t) {
        while (!queue.isEmpty() && queue.peek().atNanos() <= t) {
            CheckAction.ProbeDue d = queue.poll();
            if (pending.remove(d.ticket()) == null) continue;
            now = d.atNanos();
            probed.add(d);
            responder.respond(d.spec(), d.urlIndex(), now)
                    .ifPresent(r -> engine.handle(new CheckEvent.ProbeReported(d.ticket(), r), now, this::act));
        }
        now = t;
    }

    void act(CheckAction a) {
        if (keepHistory) actions.add(a);
        switch (a) {
            case CheckAction.ProbeDue d -> {
                pending.put(d.ticket(), d);
                queue.add(d);
            }
            case CheckAction.CancelProbe c -> pending.remove(c.ticket());
            case CheckAction.TableChange t -> {
                for (LbOp op : t.ops()) {
                    if (lose.test(op)) continue;
                    LbResult r = lb.apply(op);
                    if (strict) assertThat(r).as("%s", op).isInstanceOf(LbResult.Done.class);
                    if (keepHistory) timeline.add(time(t.atNanos()) + " " + op(op));
                }
            }
            case CheckAction.LogTransition l -> {
                if (keepHistory) timeline.add(time(l.transition().atNanos()) + " " + l.transition());
            }
            default -> { }
        }
    }

    /** Probe times (and url, for HTTP) as {@code "0s 10s 12s"} / {@code "0s/u0 10s/u1"}. */
    String probeTimes(boolean withUrl, int first) {
        return String.join(" ", probed.stream().limit(first).map(d -> time(d.atNanos()) + (withUrl ? "/u" + d.urlIndex() : "")).toList());
    }

    List<String> lines(String containing) {
        return timeline.stream().filter(l -> l.contains(containing)).toList();
    }

    <T extends CheckAction> List<T> all(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static String time(long nanos) {
        return nanos % S == 0 ? nanos / S + "s" : nanos / 1_000_000 + "ms";
    }

    static String op(LbOp op) {
        return switch (op) {
            case LbOp.AddService a -> "+service " + a.service();
            case LbOp.EditService e -> "~service " + e.service();
            case LbOp.RemoveService r -> "-service " + r.service();
            case LbOp.AddDestination a -> "+dest " + a.destination().key() + " w" + a.destination().weight()
                    + " " + a.destination().method();
            case LbOp.EditDestination e -> "~dest " + e.destination().key() + " w" + e.destination().weight();
            case LbOp.RemoveDestination r -> "-dest " + r.destination();
        };
    }

    /** A {@code virtual_server} block with the keywords keepalived insists on. */
    static String vs(String head, String body) {
        return "virtual_server " + head + " {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n" + body + "\n}\n";
    }

    static String rs(String head, String body) {
        return " real_server " + head + " {\n" + body + "\n }\n";
    }
}
