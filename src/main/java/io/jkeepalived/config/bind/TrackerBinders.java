package io.jkeepalived.config.bind;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.BfdInstance;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.model.TrackFile;
import io.jkeepalived.config.model.TrackProcess;
import io.jkeepalived.config.model.VrrpScript;
import io.jkeepalived.config.tree.Node;
import io.jkeepalived.config.tree.Token;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** vrrp_script, track_file, vrrp_track_process and bfd_instance blocks (behaviour §1.5). */
final class TrackerBinders {
    private TrackerBinders() {}

    /** {@code weight N [reverse]}; returns the weight and sets reverse through the callback. */
    static Optional<Integer> weight(Node n, Ctx c, long lo, long hi, java.util.function.Consumer<Boolean> reverse) {
        var w = c.integer(n, 0, lo, hi).map(Long::intValue);
        if (n.args().size() > 1) {
            String r = n.args().get(1).text();
            if (r.equals("reverse")) reverse.accept(true);
            else if (!r.equals("noreverse")) c.error(n.args().get(1).pos(), "unknown weight option '" + r + "'");
        }
        return w;
    }

    static final class S {
        final String name;
        final SourcePos pos;
        Optional<Script> script = Optional.empty();
        Duration interval = Duration.ofSeconds(1);
        Optional<Duration> timeout = Optional.empty();
        int weight, rise = 1, fall = 1;
        boolean reverse, initFail;

        S(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }

        Optional<VrrpScript> build(Ctx c) {
            if (script.isEmpty()) {
                c.error(pos, "vrrp_script " + name + " has no 'script'; ignored");
                return Optional.empty();
            }
            return Optional.of(new VrrpScript(name, script.get(), interval, timeout.orElse(interval), weight, reverse,
                    rise, fall, initFail));
        }
    }

    static final KeywordTable<S> SCRIPT = new KeywordTable<S>("vrrp_script")
            .line("script", (n, s, c) -> s.script = c.script(n))
            .line("interval", (n, s, c) -> c.timer(n, 0, 0.001, Integer.MAX_VALUE).ifPresent(d -> s.interval = d))
            .line("timeout", (n, s, c) -> s.timeout = c.timer(n, 0, 0.001, Integer.MAX_VALUE))
            .line("weight", (n, s, c) -> weight(n, c, -253, 253, r -> s.reverse = r).ifPresent(w -> s.weight = w))
            .line("rise", (n, s, c) -> c.int32(n, 1, Integer.MAX_VALUE).ifPresent(v -> s.rise = v))
            .line("fall", (n, s, c) -> c.int32(n, 1, Integer.MAX_VALUE).ifPresent(v -> s.fall = v))
            .line("user", (n, s, c) -> c.userSpec(n).ifPresent(u -> s.script = s.script.map(sc -> c.withUser(sc, u))))
            .line("init_fail", (n, s, c) -> s.initFail = true);

    static final class F {
        final String name;
        final SourcePos pos;
        Optional<String> file = Optional.empty();
        int weight = 1;
        boolean reverse, initFile, overwrite;
        Optional<Long> initValue = Optional.empty();

        F(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }

        Optional<TrackFile> build(Ctx c) {
            if (file.isEmpty()) {
                c.error(pos, "track_file " + name + " has no 'file'; ignored");
                return Optional.empty();
            }
            return Optional.of(new TrackFile(name, file.get(), weight, reverse, initFile, initValue, overwrite));
        }
    }

    static final KeywordTable<F> FILE = new KeywordTable<F>("track_file")
            .line("file", (n, f, c) -> f.file = c.word(n))
            .line("weight", (n, f, c) -> weight(n, c, -2147483647L, 2147483647L, r -> f.reverse = r)
                    .ifPresent(w -> f.weight = w))
            .line("init_file", (n, f, c) -> {
                f.initFile = true;
                for (Token t : n.args()) {
                    if (t.text().equals("overwrite")) f.overwrite = true;
                    else f.initValue = c.integer("init_file", t, Integer.MIN_VALUE, Integer.MAX_VALUE);
                }
            });

    static final class P {
        final String name;
        final SourcePos pos;
        Optional<String> process = Optional.empty(), paramMatch = Optional.empty();
        List<String> args = List.of();
        int weight, quorum = 1;
        boolean reverse, fullCommand;
        Optional<Integer> quorumMax = Optional.empty();
        Optional<Duration> forkDelay = Optional.empty(), terminateDelay = Optional.empty();

        P(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }

        Optional<TrackProcess> build(Ctx c) {
            if (process.isEmpty()) {
                c.error(pos, "vrrp_track_process " + name + " has no 'process'; ignored");
                return Optional.empty();
            }
            return Optional.of(new TrackProcess(name, process.get(), args, paramMatch, weight, reverse, quorum,
                    quorumMax, forkDelay, terminateDelay, fullCommand));
        }
    }

    static final KeywordTable<P> PROCESS = new KeywordTable<P>("vrrp_track_process")
            .line("process", (n, p, c) -> {
                p.process = c.word(n);
                p.args = n.args().stream().skip(1).map(Token::text).toList();
            })
            .line("param_match", (n, p, c) -> c.word(n).ifPresent(v -> {
                if (v.equals("initial") || v.equals("partial")) p.paramMatch = Optional.of(v);
                else c.error(n.args().getFirst().pos(), "param_match '" + v + "' must be initial or partial");
            }))
            .line("weight", (n, p, c) -> weight(n, c, -254, 254, r -> p.reverse = r).ifPresent(w -> p.weight = w))
            .line("quorum", (n, p, c) -> c.int32(n, 0, 65535).ifPresent(v -> p.quorum = v))
            .line("quorum_max", (n, p, c) -> p.quorumMax = c.int32(n, 0, 65535))
            .line("fork_delay", (n, p, c) -> p.forkDelay = c.timer(n))
            .line("terminate_delay", (n, p, c) -> p.terminateDelay = c.timer(n))
            .line("delay", (n, p, c) -> {
                p.forkDelay = c.timer(n);
                p.terminateDelay = p.forkDelay;
            })
            .line("full_command", (n, p, c) -> p.fullCommand = true);

    static final class B {
        final String name;
        Optional<String> neighbor = Optional.empty(), source = Optional.empty();
        Duration minRx = Duration.ofMillis(10), minTx = Duration.ofMillis(10), idleTx = Duration.ofMillis(1000);
        int multiplier = 5, ttl = 255, weight;
        boolean passive, multihop;

        B(String name) {
            this.name = name;
        }

        BfdInstance build() {
            return new BfdInstance(name, neighbor, source, minRx, minTx, idleTx, multiplier, passive, ttl, weight,
                    multihop);
        }
    }

    private static Optional<Duration> millis(Node n, Ctx c) {
        return c.integer(n, 0, 1, 1000).map(Duration::ofMillis);
    }

    static final KeywordTable<B> BFD = new KeywordTable<B>("bfd_instance")
            .line("neighbor_ip", (n, b, c) -> b.neighbor = c.ip(n, 0).map(a -> io.jkeepalived.config.model.IpText.of(a)))
            .legacy("neighbour_ip", "neighbor_ip")
            .line("source_ip", (n, b, c) -> b.source = c.ip(n, 0).map(a -> io.jkeepalived.config.model.IpText.of(a)))
            .line("min_rx", (n, b, c) -> millis(n, c).ifPresent(d -> b.minRx = d))
            .line("min_tx", (n, b, c) -> millis(n, c).ifPresent(d -> b.minTx = d))
            .line("idle_tx", (n, b, c) -> millis(n, c).ifPresent(d -> b.idleTx = d))
            .line("multiplier", (n, b, c) -> c.int32(n, 1, 255).ifPresent(v -> b.multiplier = v))
            .line("passive", (n, b, c) -> b.passive = true)
            .line("ttl", (n, b, c) -> c.int32(n, 1, 255).ifPresent(v -> b.ttl = v))
            .line("hoplimit", (n, b, c) -> c.int32(n, 1, 255).ifPresent(v -> b.ttl = v))
            .line("max_hops", (n, b, c) -> c.int32(n, 0, 255))
            .line("multihop", (n, b, c) -> b.multihop = c.bool(n).orElse(true))
            .line("weight", (n, b, c) -> weight(n, c, -253, 253, r -> { }).ifPresent(w -> b.weight = w))
            .line("vrrp", (n, b, c) -> { })
            .line("checker", (n, b, c) -> { });
}
