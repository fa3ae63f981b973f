package io.jkeepalived.vrrp.sim;

import io.jkeepalived.vrrp.engine.RouterSpecBuilder;

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
 * A randomly generated world: nodes with their instance configs, the config versions reloads roll
 * out, network quality, and a fault plan. Everything derives from one seed, so a failing scenario
 * replays exactly.
 */
final class Scenario {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    /** One planned fault at a virtual time; a RELOAD rolls config version {@code arg} out to {@code node}. */
    record Fault(long at, Kind kind, int node, int instance, int arg) {
        enum Kind { CRASH, STOP, RESTART, PARTITION, HEAL, TRACKER_DOWN, TRACKER_UP, IFACE_DOWN, IFACE_UP,
            PRIORITY, LOSS, RESOURCE_REMOVED, RELOAD }
    }

    /** The settings of one node's instance that reloads leave alone (priority: the one first configured). */
    record InstanceConf(int priority, boolean nopreempt, long preemptDelayNanos, boolean startAsMaster,
                        boolean mismatch, int intervalCentis, boolean higherPrioSendAdvert,
                        boolean lowerPrioNoAdvert, boolean strict) {
    }

    final long seed;
    final int nodes;
    /** Instance slots VI_1..VI_slots: slot s has VRID s + 1 and its own LAN. */
    final int slots;
    final int version;
    /** Every node's instances share priority, nopreempt and mismatch, so sync groups can be formed. */
    final boolean aligned;
    final boolean authPass;
    final int downTimerAdverts;
    final long maxLatencyNanos;
    final double lossDuringChaos;
    final double duplication;
    final long chaosEndNanos;
    final long settleNanos;
    final long endNanos;
    final List<List<InstanceConf>> conf = new ArrayList<>();
    /** Version 0 is what nodes start with; each later one is rolled out by RELOAD faults. */
    final List<ClusterConfig> versions = new ArrayList<>();
    final List<Fault> faults = new ArrayList<>();
    final int[] startDelayMillis;
    final boolean ipv6;

    Scenario(long seed) {
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        nodes = 2 + r.nextInt(7);
        int shape = r.nextInt(10);
        slots = shape < 5 ? 1 : shape < 8 ? 2 : 3;
        version = r.nextBoolean() ? 2 : 3;
        aligned = slots >= 2 && r.nextBoolean();
        ipv6 = version == 3 && r.nextInt(3) == 0;
        authPass = version == 2 && r.nextInt(3) == 0;
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
            for (int i = 0; i < slots; i++) {
                int prio = aligned ? sharedPriority : (r.nextInt(4) == 0 ? 100 : 1 + r.nextInt(254));
                if (n == ownerNode && i == 0 && !aligned) {
                    prio = 255;
                }
                boolean nopreempt = aligned ? sharedNopreempt : !mixedIntervals && r.nextInt(5) == 0;
                long preemptDelay = !aligned && !nopreempt && !mixedIntervals && r.nextInt(6) == 0
                        ? (1 + r.nextInt(3)) * S : 0;
                maxPreempt = Math.max(maxPreempt, preemptDelay);
                boolean startAsMaster = r.nextInt(4) == 0 || prio == 255;
                boolean mismatch = aligned ? sharedMismatch : r.nextInt(25) == 0;
                int interval = mixedIntervals ? intervalChoices[r.nextInt(intervalChoices.length)] : baseInterval;
                maxInterval = Math.max(maxInterval, interval);
                boolean strict = r.nextInt(8) == 0;
                if (strict) {
                    preemptDelay = 0;   // strict mode drops it; keep the checker's belief true
                }
                // ... and higher_prio_send_advert: a master pushed out by a better advert answers it
                // with its own short-interval advert, which an equal-priority backup accepts after the
                // better one and times out on, again each time (docs/engine.md).
                boolean higherPrioSendAdvert = r.nextInt(5) == 0 && !mixedIntervals;
                mine.add(new InstanceConf(prio, nopreempt, preemptDelay, startAsMaster, mismatch, interval,
                        higherPrioSendAdvert, r.nextInt(5) == 0, strict));
            }
            conf.add(mine);
        }
        long intervalNanos = maxInterval * 10 * MS;
        chaosEndNanos = (20 + r.nextInt(20)) * intervalNanos + 3 * S;
        int faultCount = r.nextInt(9);
        Fault.Kind[] random = java.util.Arrays.copyOf(Fault.Kind.values(), Fault.Kind.values().length - 1);
        for (int k = 0; k < faultCount; k++) {
            long at = 1 + (long) (r.nextDouble() * chaosEndNanos);
            Fault.Kind kind = random[r.nextInt(random.length)];
            int node = r.nextInt(nodes);
            int inst = r.nextInt(slots);
            int arg = switch (kind) {
                case PARTITION -> partitionSides(r);
                case PRIORITY -> 1 + r.nextInt(254);
                case LOSS -> r.nextInt(40);                                       // percent
                case RESOURCE_REMOVED -> r.nextInt(1 << 20);                      // which one
                default -> 0;
            };
            faults.add(new Fault(at, kind, node, inst, arg));
        }
        planReloads(r);
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
        settleNanos = down + intervalNanos + (maxPreempt > 0 ? maxPreempt + down : 0) + (aligned ? down : 0)
                + 4 * maxLatencyNanos;
        endNanos = chaosEndNanos + settleNanos + 3 * intervalNanos;
    }

    /**
     * Up to four config versions, each rolled out node by node within a spread of up to 3 s (a
     * node that is down takes the newest at its next start). Every rollout ends before the chaos
     * does, so all nodes run the last version when convergence is judged.
     */
    private void planReloads(SplittableRandom r) {
        int[] serial = {1};
        versions.add(ClusterConfig.initial(this, r, serial));
        int count = r.nextInt(5);
        long[] at = new long[count];
        for (int k = 0; k < count; k++) {
            at[k] = 1 + (long) (r.nextDouble() * (chaosEndNanos - 1));
        }
        java.util.Arrays.sort(at);
        for (int k = 0; k < count; k++) {
            versions.add(versions.getLast().edited(this, r, serial));
            long spread = r.nextInt(3) == 0 ? 0 : r.nextInt(3000) * MS;
            for (int n = 0; n < nodes; n++) {
                long when = Math.min(chaosEndNanos - 1, at[k] + (spread == 0 ? 0 : r.nextLong(spread)));
                faults.add(new Fault(when, Fault.Kind.RELOAD, n, 0, k + 1));
            }
        }
    }

    /** Two to four sides, each node on one of them (two bits per node), at least two sides used. */
    private int partitionSides(SplittableRandom r) {
        int sides = 2 + r.nextInt(Math.min(3, nodes - 1));
        while (true) {
            int arg = 0;
            for (int n = 0; n < nodes; n++) {
                arg |= r.nextInt(sides) << (2 * n);
            }
            int first = arg & 3;
            for (int n = 1; n < nodes; n++) {
                if (((arg >> (2 * n)) & 3) != first) {
                    return arg;
                }
            }
        }
    }

    static int side(int partitionArg, int node) {
        return (partitionArg >> (2 * node)) & 3;
    }

    /** Node addresses; with IPv6 the order is word by word (the last word decides here). */
    IpAddr address(int node) {
        return ipv6 ? IpAddr.parse("2001:db8::" + Integer.toHexString(0xff00 + node)).orElseThrow()
                : IpAddr.v4(198, 18, 0, 10 + node);
    }

    String vip(int slot, int serial) {
        return ipv6 ? "2001:db8:" + (100 + slot) + "::" + Integer.toHexString(serial)
                : "198.18." + (100 + slot) + "." + (1 + serial % 250);
    }

    String evip(int slot, int serial) {
        return ipv6 ? "2001:db8:" + (150 + slot) + "::" + Integer.toHexString(serial)
                : "198.18." + (150 + slot) + "." + (1 + serial % 250);
    }

    /** The address an address id configures (the id's first word). */
    static String address(String id) {
        int space = id.indexOf(' ');
        return space < 0 ? id : id.substring(0, space);
    }

    private static final String[] NAMES = {"VI_1", "VI_2", "VI_3"};

    static String instanceName(int i) {
        return NAMES[i];
    }

    /**
     * The VRID node {@code node} configures for a slot in a config version: a mismatched node has a
     * wrong one (unless v2 auth makes the difference).
     */
    int vrid(int node, int slot, ClusterConfig cfg) {
        return (conf.get(node).get(slot).mismatch() && !authPass ? slot + 101 : slot + 1) + cfg.vridShift(slot);
    }

    /** The v2 password: a mismatched node has a wrong one when the scenario uses PASS. */
    String password(int node, int slot) {
        return conf.get(node).get(slot).mismatch() ? "wrong" : "secret";
    }

    /** The engine config of one node in one config version (what its keepalived.conf would say). */
    List<RouterSpec> specs(int node, ClusterConfig cfg, Mutant mutant) {
        List<RouterSpec> out = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            if (!cfg.present(node, i)) {
                continue;
            }
            InstanceConf c = conf.get(node).get(i);
            ClusterConfig.SlotNet net = cfg.nets.get(i);
            boolean nopreempt = c.nopreempt() && !(mutant == Mutant.NOPREEMPT_IGNORED && node == 0);
            out.add(RouterSpecBuilder.of(instanceName(i), vrid(node, i, cfg), address(node))
                    .version(version)
                    .priority(cfg.priority(node, i))
                    .advertIntervalCentis(c.intervalCentis())
                    .startAsMaster(c.startAsMaster())
                    .nopreempt(nopreempt)
                    .preemptDelayNanos(c.preemptDelayNanos())
                    .downTimerAdverts(downTimerAdverts)
                    .higherPrioSendAdvert(c.higherPrioSendAdvert())
                    .lowerPrioNoAdvert(c.lowerPrioNoAdvert())
                    .strict(c.strict())
                    .garp(GarpSpec.defaults().withMaster(0, 1).withLowerPrio(0, 1))
                    .vips(net.vips())
                    .evips(net.evips())
                    .routes(net.routes())
                    .rules(net.rules())
                    .trackers(List.of(new TrackerSpec("chk", TrackerSpec.Kind.SCRIPT, cfg.weight(node, i), false,
                            TrackerStatus.UP), new TrackerSpec("link", TrackerSpec.Kind.INTERFACE, 0, false,
                            TrackerStatus.UP)))
                    .notifications(NotifySpec.none())
                    .build());
        }
        return out;
    }

    List<SyncGroupSpec> groups(int node, ClusterConfig cfg) {
        List<SyncGroupSpec> out = new ArrayList<>();
        for (List<Integer> g : cfg.groupsOf(node)) {
            out.add(new SyncGroupSpec("G" + g, g.stream().map(Scenario::instanceName).toList(), NotifySpec.none(),
                    false));
        }
        return out;
    }

    @Override
    public String toString() {
        return "seed " + seed + ": " + nodes + " nodes, " + slots + " instance slot(s), v" + version
                + (ipv6 ? " IPv6" : "") + (authPass ? " auth PASS" : "")
                + (aligned ? ", aligned (sync groups)" : "") + ", down_timer_adverts " + downTimerAdverts + ", loss "
                + Math.round(lossDuringChaos * 100) + "%, dup " + Math.round(duplication * 100) + "%, "
                + (versions.size() - 1) + " reload version(s), faults " + faults + ", conf " + conf;
    }
}
