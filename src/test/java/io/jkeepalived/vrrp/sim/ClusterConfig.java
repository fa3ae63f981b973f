package io.jkeepalived.vrrp.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One version of every node's keepalived.conf, as far as reloads edit it. What a version says
 * about an instance slot on the wire (VIPs, eVIPs, routes, rules) is the same on every node, as an
 * operator deploys one file; priorities, tracker weights and which instances exist are per node.
 * Sync groups name slots and are the same everywhere. The settings reloads never touch (nopreempt,
 * intervals, strict, ...) stay in {@link Scenario.InstanceConf}.
 *
 * <p>Immutable: {@link #edited} returns the next version. Ids carry every detail, as the daemon's
 * do, so "the same address with a label" is another id.
 */
final class ClusterConfig {

    /** What one instance slot holds while MASTER. Ids are opaque; an address id starts with the address. */
    record SlotNet(List<String> vips, List<String> evips, List<String> routes, List<String> rules) {
        SlotNet {
            vips = List.copyOf(vips);
            evips = List.copyOf(evips);
            routes = List.copyOf(routes);
            rules = List.copyOf(rules);
        }
    }

    final List<SlotNet> nets;
    private final int[][] priority;
    private final int[][] weight;
    private final boolean[][] present;
    /** Per slot, added to its VRID everywhere: a reload that renumbers a router (the engine restarts it). */
    private final int[] vridShift;
    /** Sync groups as lists of slots (each of at least two). */
    final List<List<Integer>> groups;
    /** Derived once, as the checker asks after every step: per slot, the addresses its VIPs and eVIPs name. */
    private final List<List<String>> addresses;
    /** Per slot, the sorted VIP addresses an advert carries (what peers must agree on). */
    private final List<List<String>> advertised;
    /** Per node, its sync groups (see {@link #groupsOf}). */
    private final List<List<List<Integer>>> nodeGroups;

    private ClusterConfig(List<SlotNet> nets, int[][] priority, int[][] weight, boolean[][] present,
                          int[] vridShift, List<List<Integer>> groups) {
        this.nets = List.copyOf(nets);
        this.vridShift = vridShift;
        this.priority = priority;
        this.weight = weight;
        this.present = present;
        this.groups = groups.stream().map(List::copyOf).toList();
        List<List<String>> addr = new ArrayList<>();
        List<List<String>> adv = new ArrayList<>();
        for (SlotNet net : this.nets) {
            List<String> all = new ArrayList<>();
            net.vips().forEach(id -> all.add(Scenario.address(id)));
            adv.add(all.stream().sorted().distinct().toList());
            net.evips().forEach(id -> all.add(Scenario.address(id)));
            addr.add(List.copyOf(all));
        }
        this.addresses = List.copyOf(addr);
        this.advertised = List.copyOf(adv);
        List<List<List<Integer>>> per = new ArrayList<>();
        for (int n = 0; n < present.length; n++) {
            List<List<Integer>> out = new ArrayList<>();
            for (List<Integer> g : this.groups) {
                final int node = n;
                List<Integer> mine = g.stream().filter(s -> present[node][s]).toList();
                if (mine.size() >= 2) {
                    out.add(mine);
                }
            }
            per.add(List.copyOf(out));
        }
        this.nodeGroups = List.copyOf(per);
    }

    /** The addresses slot {@code slot}'s VIPs and eVIPs name, in config order. */
    List<String> addresses(int slot) {
        return addresses.get(slot);
    }

    /** The VIP addresses slot {@code slot} advertises, sorted. */
    List<String> advertised(int slot) {
        return advertised.get(slot);
    }

    /** Version 0: every instance on every node, with the priorities the scenario drew. */
    static ClusterConfig initial(Scenario sc, SplittableRandom r, int[] serial) {
        List<SlotNet> nets = new ArrayList<>();
        for (int s = 0; s < sc.slots; s++) {
            List<String> vips = new ArrayList<>();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                vips.add(sc.vip(s, serial[0]++));
            }
            List<String> evips = r.nextInt(3) == 0 ? List.of(sc.evip(s, serial[0]++)) : List.of();
            List<String> routes = new ArrayList<>();
            for (int k = r.nextInt(3); k > 0; k--) {
                routes.add(route(s, serial[0]++));
            }
            List<String> rules = r.nextBoolean() ? List.of(rule(s, serial[0]++)) : List.of();
            nets.add(new SlotNet(vips, evips, routes, rules));
        }
        int[][] prio = new int[sc.nodes][sc.slots];
        int[][] weight = new int[sc.nodes][sc.slots];
        boolean[][] present = new boolean[sc.nodes][sc.slots];
        for (int n = 0; n < sc.nodes; n++) {
            for (int s = 0; s < sc.slots; s++) {
                prio[n][s] = sc.conf.get(n).get(s).priority();
                weight[n][s] = -(1 + n % 50);
                present[n][s] = true;
            }
        }
        List<List<Integer>> groups = sc.aligned && r.nextInt(4) != 0 ? List.of(allSlots(sc.slots)) : List.of();
        return new ClusterConfig(nets, prio, weight, present, new int[sc.slots], groups);
    }

    int priority(int node, int slot) {
        return priority[node][slot];
    }

    int weight(int node, int slot) {
        return weight[node][slot];
    }

    boolean present(int node, int slot) {
        return present[node][slot];
    }

    int vridShift(int slot) {
        return vridShift[slot];
    }

    /** The sync groups of one node: members it does not run are left out, and a group needs two. */
    List<List<Integer>> groupsOf(int node) {
        return nodeGroups.get(node);
    }

    boolean grouped(int node, int slot) {
        for (List<Integer> g : nodeGroups.get(node)) {
            if (g.contains(slot)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next version: one to three random edits. In an aligned scenario (sync groups possible)
     * priorities and weights change alike on all slots of a node and instances come and go on every
     * node at once, so the preference order stays the same on every LAN of a group.
     */
    ClusterConfig edited(Scenario sc, SplittableRandom r, int[] serial) {
        List<SlotNet> nets = new ArrayList<>(this.nets);
        int[][] prio = copy(priority);
        int[][] w = copy(weight);
        boolean[][] pres = new boolean[present.length][];
        for (int n = 0; n < pres.length; n++) {
            pres[n] = present[n].clone();
        }
        List<List<Integer>> grps = new ArrayList<>(groups);
        int[] shift = vridShift.clone();
        for (int edits = 1 + r.nextInt(3); edits > 0; edits--) {
            int s = r.nextInt(sc.slots);
            int n = r.nextInt(sc.nodes);
            SlotNet net = nets.get(s);
            switch (r.nextInt(sc.aligned ? 11 : 10)) {
                case 0, 1 -> nets.set(s, new SlotNet(editVips(sc, s, net.vips(), r, serial), net.evips(), net.routes(),
                        net.rules()));
                case 2 -> nets.set(s, new SlotNet(net.vips(),
                        toggle(net.evips(), sc.evip(s, serial[0]++), r), net.routes(), net.rules()));
                case 3 -> nets.set(s, new SlotNet(net.vips(), net.evips(),
                        toggle(net.routes(), route(s, serial[0]++), r), net.rules()));
                case 4 -> nets.set(s, new SlotNet(net.vips(), net.evips(), net.routes(),
                        toggle(net.rules(), rule(s, serial[0]++), r)));
                case 5 -> {
                    int p = r.nextInt(3) == 0 ? sc.conf.get(n).get(s).priority() : 1 + r.nextInt(254);
                    if (sc.aligned) {
                        Arrays.fill(prio[n], p);
                    } else {
                        prio[n][s] = p;
                    }
                }
                case 6 -> {
                    // weight 0: the tracker no longer shifts the priority but faults the instance while down
                    int v = r.nextInt(8) == 0 ? 0 : r.nextBoolean() ? -(1 + r.nextInt(60)) : 1 + r.nextInt(60);
                    if (sc.aligned) {
                        Arrays.fill(w[n], v);
                    } else {
                        w[n][s] = v;
                    }
                }
                case 7 -> {
                    // the same instance comes or goes on every node (aligned) or on one node
                    int from = sc.aligned ? 0 : n;
                    int to = sc.aligned ? sc.nodes : n + 1;
                    boolean now = !pres[from][s];
                    for (int m = from; m < to; m++) {
                        if (now || count(pres[m]) > 1) {
                            pres[m][s] = now;
                        }
                    }
                }
                case 8 -> {
                    // an address moves to another instance, id and all
                    int t = (s + 1 + r.nextInt(Math.max(1, sc.slots - 1))) % sc.slots;
                    if (t != s && net.vips().size() > 1) {
                        String moved = net.vips().get(r.nextInt(net.vips().size()));
                        List<String> from = new ArrayList<>(net.vips());
                        from.remove(moved);
                        List<String> to = new ArrayList<>(nets.get(t).vips());
                        to.add(r.nextInt(to.size() + 1), moved);
                        SlotNet other = nets.get(t);
                        nets.set(s, new SlotNet(from, net.evips(), net.routes(), net.rules()));
                        nets.set(t, new SlotNet(to, other.evips(), other.routes(), other.rules()));
                    }
                }
                case 9 -> shift[s] = shift[s] == 0 ? 10 * (1 + r.nextInt(5)) : 0;
                case 10 -> grps = switch (r.nextInt(3)) {
                    case 0 -> List.of();
                    case 1 -> List.of(allSlots(sc.slots));
                    default -> {
                        int a = r.nextInt(sc.slots);
                        int b = (a + 1 + r.nextInt(sc.slots - 1)) % sc.slots;
                        yield List.of(List.of(Math.min(a, b), Math.max(a, b)));
                    }
                };
                default -> throw new IllegalStateException();
            }
        }
        return new ClusterConfig(nets, prio, w, pres, shift, grps);
    }

    /** Add an address, drop one (at least one stays), give one a label (a new id), or move one to a new address. */
    private static List<String> editVips(Scenario sc, int s, List<String> vips, SplittableRandom r, int[] serial) {
        List<String> out = new ArrayList<>(vips);
        int i = r.nextInt(out.size());
        switch (r.nextInt(4)) {
            case 0 -> out.add(r.nextInt(out.size() + 1), sc.vip(s, serial[0]++));
            case 1 -> {
                if (out.size() > 1) {
                    out.remove(i);
                }
            }
            case 2 -> {
                String id = out.get(i);
                out.set(i, id.contains(" label ") ? Scenario.address(id) : id + " label v" + serial[0]++);
            }
            default -> out.set(i, sc.vip(s, serial[0]++));
        }
        return out;
    }

    /** Drops a random entry or adds {@code fresh}. */
    private static List<String> toggle(List<String> ids, String fresh, SplittableRandom r) {
        List<String> out = new ArrayList<>(ids);
        if (!out.isEmpty() && r.nextBoolean()) {
            out.remove(r.nextInt(out.size()));
        } else {
            out.add(fresh);
        }
        return out;
    }

    private static String route(int slot, int serial) {
        return "198.19." + (slot * 64 + serial % 64) + ".0/24 via 198.18.0.1 table " + (100 + serial);
    }

    private static String rule(int slot, int serial) {
        return "from 198.18." + (100 + slot) + ".0/24 table " + (100 + serial) + " priority " + (1000 + serial);
    }

    private static List<Integer> allSlots(int slots) {
        List<Integer> all = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            all.add(s);
        }
        return all;
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean x : b) {
            c += x ? 1 : 0;
        }
        return c;
    }

    private static int[][] copy(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
