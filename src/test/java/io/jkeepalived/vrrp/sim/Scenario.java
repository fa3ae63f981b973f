package io.jkeepalived.vrrp.sim;

import io.jkeepalived.vrrp.engine.GarpSpec;
import io.jkeepalived.vrrp.engine.IpAddr;
import io.jkeepalived.vrrp.engine.NotifySpec;
import io.jkeepalived.vrrp.engine.RouterSpec;
import io.jkeepalived.vrrp.engine.SyncGroupSpec;
import io.jkeepalived.vrrp.engine.TrackerSpec;
import io.jkeepalived.vrrp.engine.TrackerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A randomly generated world: nodes with their instance configs, network quality, and a fault
 * plan. Everything derives from one seed, so a failing scenario replays exactly.
 */
final class Scenario {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    /** One planned fault at a virtual time. */
    record Fault(long at, Kind kind, int node, int instance, int arg) {
        enum Kind { CRASH, STOP, RESTART, PARTITION, HEAL, TRACKER_DOWN, TRACKER_UP, IFACE_DOWN, IFACE_UP,
            PRIORITY, RELOAD, LOSS }
    }

    /** Per-node per-instance config as the checker believes it. */
    record InstanceConf(int priority, boolean nopreempt, long preemptDelayNanos, boolean startAsMaster,
                        boolean mismatch, int intervalCentis, boolean higherPrioSendAdvert,
                        boolean lowerPrioNoAdvert, boolean strict) {
    }

    final long seed;
    final int nodes;
    final int instances;
    final int version;
    final boolean syncGroup;
    final int downTimerAdverts;
    final long maxLatencyNanos;
    final double lossDuringChaos;
    final double duplication;
    final long chaosEndNanos;
    final long settleNanos;
    final long endNanos;
    final List<List<InstanceConf>> conf = new ArrayList<>();
    final List<Fault> faults = new ArrayList<>();
    final int[] startDelayMillis;
    final boolean ipv6;

    Scenario(long seed) {
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        nodes = 2 + r.nextInt(7);
        instances = r.nextInt(3) == 0 ? 2 : 1;
        version = r.nextBoolean() ? 2 : 3;
        syncGroup = instances == 2 && r.nextBoolean();
        ipv6 = version == 3 && r.nextInt(3) == 0;
        downTimerAdverts = r.nextInt(4) == 0 ? 1 + r.nextInt(5) : 3;
        maxLatencyNanos = (50 + r.nextInt(2000)) * 1000L;
        lossDuringChaos = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 0.3;
        duplication = r.nextInt(3) == 0 ? r.nextDouble() * 0.2 : 0;
        int[] intervalChoices = version == 2 ? new int[] {100, 200} : new int[] {20, 50, 100};
        int baseInterval = intervalChoices[r.nextInt(intervalChoices.length)];
        boolean mixedIntervals = version == 3 && r.nextInt(4) == 0;
        int ownerNode = r.nextInt(5) == 0 ? r.nextInt(nodes) : -1;
        long maxPreempt = 0;
        int maxInterval = baseInterval;
        startDelayMillis = new int[nodes];
        for (int n = 0; n < nodes; n++) {
            startDelayMillis[n] = r.nextInt(3) == 0 ? r.nextInt(2000) : 0;
            List<InstanceConf> mine = new ArrayList<>();
            // a sync group needs the same preference order on every member (see SimulationTest doc)
            int sharedPriority = 1 + r.nextInt(254);
            // Mixed v3 intervals exclude nopreempt and preempt_delay: a backup that accepts a
            // lower-priority master's adverts adopts its shorter interval, and two such nodes can
            // take turns timing out between the real master's adverts forever (see docs/engine.md).
            boolean sharedNopreempt = !mixedIntervals && r.nextInt(5) == 0;
            boolean sharedMismatch = r.nextInt(25) == 0;
            for (int i = 0; i < instances; i++) {
                int prio = syncGroup ? sharedPriority : (r.nextInt(4) == 0 ? 100 : 1 + r.nextInt(254));
                if (n == ownerNode && i == 0 && !syncGroup) {
                    prio = 255;
                }
                boolean nopreempt = syncGroup ? sharedNopreempt : !mixedIntervals && r.nextInt(5) == 0;
                long preemptDelay = !syncGroup && !nopreempt && !mixedIntervals && r.nextInt(6) == 0
                        ? (1 + r.nextInt(3)) * S : 0;
                maxPreempt = Math.max(maxPreempt, preemptDelay);
                boolean startAsMaster = r.nextInt(4) == 0 || prio == 255;
                boolean mismatch = syncGroup ? sharedMismatch : r.nextInt(25) == 0;
                int interval = mixedIntervals ? intervalChoices[r.nextInt(intervalChoices.length)] : baseInterval;
                maxInterval = Math.max(maxInterval, interval);
                boolean strict = r.nextInt(8) == 0;
                if (strict) {
                    preemptDelay = 0;   // strict mode drops it (behaviour §3.10); keep the checker's belief true
                }
                mine.add(new InstanceConf(prio, nopreempt, preemptDelay, startAsMaster, mismatch, interval,
                        r.nextInt(5) == 0, r.nextInt(5) == 0, strict));
            }
            conf.add(mine);
        }
        long intervalNanos = maxInterval * 10 * MS;
        chaosEndNanos = (20 + r.nextInt(20)) * intervalNanos + 3 * S;
        int faultCount = r.nextInt(9);
        for (int k = 0; k < faultCount; k++) {
            long at = 1 + (long) (r.nextDouble() * chaosEndNanos);
            Fault.Kind kind = Fault.Kind.values()[r.nextInt(Fault.Kind.values().length)];
            int node = r.nextInt(nodes);
            int inst = r.nextInt(instances);
            int arg = switch (kind) {
                case PARTITION -> 1 + r.nextInt(Math.max(1, (1 << nodes) - 2));   // bitmask of one side
                case PRIORITY, RELOAD -> 1 + r.nextInt(254);
                case LOSS -> r.nextInt(40);                                       // percent
                default -> 0;
            };
            faults.add(new Fault(at, kind, node, inst, arg));
        }
        faults.sort((a, b) -> Long.compare(a.at(), b.at()));
        // Quiet after master_down_interval (lowest priority, longest interval) + one interval, plus
        // what keepalived adds on purpose: with preempt_delay, the delay and a second down timer
        // (a lower node may take over first; the delayed node then accepts its adverts for the
        // delay and waits a full down timer after the last one), a sync group's second down timer
        // (unanimity re-arm), and the link latency both ways.
        boolean anyStrict = conf.stream().flatMap(List::stream).anyMatch(InstanceConf::strict);
        int adverts = anyStrict ? Math.max(3, downTimerAdverts) : downTimerAdverts;   // strict forces 3
        long down = (adverts * maxInterval * 10_000L + (version == 2 ? 1_000_000L : maxInterval * 10_000L))
                * 1000;
        settleNanos = down + intervalNanos + (maxPreempt > 0 ? maxPreempt + down : 0) + (syncGroup ? down : 0)
                + 4 * maxLatencyNanos;
        endNanos = chaosEndNanos + settleNanos + 3 * intervalNanos;
    }

    /** Node addresses; with IPv6 the order is word by word (the last word decides here). */
    IpAddr address(int node) {
        return ipv6 ? IpAddr.parse("2001:db8::" + Integer.toHexString(0xff00 + node)).orElseThrow()
                : IpAddr.v4(198, 18, 0, 10 + node);
    }

    static String instanceName(int i) {
        return "VI_" + (i + 1);
    }

    /**
     * Node {@code node}'s instance {@code inst} as a reload that changed its priority to
     * {@code priority} hands it over (the other settings as configured).
     */
    RouterSpec reloaded(int node, int inst, int priority, Mutant mutant) {
        RouterSpec s = specs(node, mutant).get(inst);
        return new RouterSpec(s.name(), s.vrid(), s.version(), s.ipv6(), priority, s.advertIntervalCentis(),
                s.startAsMaster(), s.nopreempt(), s.preemptDelayNanos(), s.accept(), s.strict(), s.downTimerAdverts(),
                s.lowerPrioNoAdvert(), s.higherPrioSendAdvert(), s.timerExpiredBackup(), s.ownerIgnoreAdverts(),
                s.garp(), s.vips(), s.evips(), s.routes(), s.rules(), s.trackers(), s.notifications(),
                s.primaryAddress());
    }

    /** The engine config of one node (what its keepalived.conf would say). */
    List<RouterSpec> specs(int node, Mutant mutant) {
        List<RouterSpec> out = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            InstanceConf c = conf.get(node).get(i);
            boolean nopreempt = c.nopreempt() && !(mutant == Mutant.NOPREEMPT_IGNORED && node == 0);
            out.add(RouterSpec.builder(instanceName(i), i + 1, address(node))
                    .version(version)
                    .priority(c.priority())
                    .advertIntervalCentis(c.intervalCentis())
                    .startAsMaster(c.startAsMaster())
                    .nopreempt(nopreempt)
                    .preemptDelayNanos(c.preemptDelayNanos())
                    .downTimerAdverts(downTimerAdverts)
                    .higherPrioSendAdvert(c.higherPrioSendAdvert())
                    .lowerPrioNoAdvert(c.lowerPrioNoAdvert())
                    .strict(c.strict())
                    .garp(GarpSpec.defaults().withMaster(0, 1).withLowerPrio(0, 1))
                    .vips(List.of(ipv6 ? "2001:db8:" + (100 + i) + "::1" : "198.18." + (100 + i) + ".1"))
                    .trackers(List.of(new TrackerSpec("chk", TrackerSpec.Kind.SCRIPT, -(1 + node % 50), false,
                            TrackerStatus.UP), new TrackerSpec("link", TrackerSpec.Kind.INTERFACE, 0, false,
                            TrackerStatus.UP)))
                    .notifications(NotifySpec.none())
                    .build());
        }
        return out;
    }

    List<SyncGroupSpec> groups() {
        if (!syncGroup) {
            return List.of();
        }
        List<String> members = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            members.add(instanceName(i));
        }
        return List.of(new SyncGroupSpec("G", members, NotifySpec.none(), false));
    }

    @Override
    public String toString() {
        return "seed " + seed + ": " + nodes + " nodes, " + instances + " instance(s), v" + version
                + (ipv6 ? " IPv6" : "")
                + (syncGroup ? ", sync group" : "") + ", down_timer_adverts " + downTimerAdverts + ", loss "
                + Math.round(lossDuringChaos * 100) + "%, dup " + Math.round(duplication * 100) + "%, faults "
                + faults + ", conf " + conf;
    }
}
