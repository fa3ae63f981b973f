package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.Destination;
import java.util.ArrayList;
import java.util.List;

/**
 * Slot tables: what a scheduler becomes in nftables. A service's chain picks slot
 * {@code numgen inc mod N} (rr, wrr) or {@code jhash ... mod N} (sh, mh) and DNATs to the
 * destination in that slot. Entries are indexes into the list of destinations given; a destination
 * with weight 0 never gets a slot (quiesced: it takes no new connection).
 */
final class Slots {
    private Slots() {}

    /** Above this many weighted slots, shares are scaled down (each live destination keeps at least one). */
    static final int MAX_WEIGHTED = 4096;

    /** The Maglev table size: prime, and IPVS's own default for {@code mh} (CONFIG_IP_VS_MH_TAB_INDEX 12). */
    static final int MAGLEV = 4093;

    /** rr: one slot per live destination, in order. */
    static List<Integer> roundRobin(List<Long> weights) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) if (weights.get(i) > 0) slots.add(i);
        return slots;
    }

    /**
     * wrr and sh: weight w gives w slots after dividing by the weights' gcd, interleaved by the smooth
     * weighted round robin (a, a, b becomes a, b, a), so {@code numgen inc} spreads bursts as IPVS wrr does.
     */
    static List<Integer> weighted(List<Long> weights) {
        long[] w = normalised(weights);
        long total = 0;
        for (long x : w) total += x;
        long[] current = new long[w.length];
        List<Integer> slots = new ArrayList<>((int) total);
        for (long n = 0; n < total; n++) {
            int best = -1;
            for (int i = 0; i < w.length; i++) {
                if (w[i] == 0) continue;
                current[i] += w[i];
                if (best < 0 || current[i] > current[best]) best = i;
            }
            current[best] -= total;
            slots.add(best);
        }
        return slots;
    }

    /**
     * rr and wrr after a change: the slot table {@code old} edited towards {@code want} slots per
     * destination, moving as few slots as it can (numgen-picked slots need proportions, not positions,
     * so a weight change rewrites a handful of map entries instead of the whole table). A destination
     * keeps its first slots up to its new count; freed slots go to destinations that need more, taking
     * turns; what is still missing is appended; a table that shrank fills its holes from its end.
     */
    static List<Destination.Key> edit(List<Destination.Key> old, java.util.SequencedMap<Destination.Key, Integer> want) {
        var have = new java.util.HashMap<Destination.Key, Integer>();
        List<Destination.Key> next = new ArrayList<>(old.size());
        for (Destination.Key k : old) {
            int h = have.getOrDefault(k, 0);
            if (h < want.getOrDefault(k, 0)) {
                next.add(k);
                have.put(k, h + 1);
            } else {
                next.add(null); // a hole
            }
        }
        List<Destination.Key> extra = new ArrayList<>();
        for (boolean more = true; more; ) {
            more = false;
            for (var e : want.entrySet()) {
                int h = have.getOrDefault(e.getKey(), 0);
                if (h < e.getValue()) {
                    extra.add(e.getKey());
                    have.put(e.getKey(), h + 1);
                    more = true;
                }
            }
        }
        return settle(next, extra);
    }

    /**
     * What {@link #edit} gives when {@code want} names only the destinations whose count changes (0 for
     * one that goes) and every other destination in {@code old} already has the slots it wants: the
     * checker's verdict on one real server then costs a walk over the slot table comparing its
     * entries against a few keys, not a count of every destination in a hash map. {@code want} must be
     * in the order {@link #edit}'s would give those keys (it decides whose turn an extra slot is).
     */
    static List<Destination.Key> editFew(List<Destination.Key> old, java.util.SequencedMap<Destination.Key, Integer> want) {
        Destination.Key[] keys = want.sequencedKeySet().toArray(new Destination.Key[0]);
        int[] wanted = new int[keys.length];
        int[] have = new int[keys.length];
        int i = 0;
        for (int w : want.sequencedValues()) wanted[i++] = w;
        List<Destination.Key> next = new ArrayList<>(old);
        for (int slot = 0; slot < next.size(); slot++) {
            int j = indexOf(keys, next.get(slot));
            if (j < 0) continue;
            if (have[j] < wanted[j]) have[j]++;
            else next.set(slot, null); // a hole
        }
        List<Destination.Key> extra = new ArrayList<>();
        for (boolean more = true; more; ) {
            more = false;
            for (int j = 0; j < keys.length; j++) {
                if (have[j] < wanted[j]) {
                    extra.add(keys[j]);
                    have[j]++;
                    more = true;
                }
            }
        }
        return settle(next, extra);
    }

    private static int indexOf(Destination.Key[] keys, Destination.Key k) {
        for (int j = 0; j < keys.length; j++) if (keys[j] == k || keys[j].equals(k)) return j;
        return -1;
    }

    /** Fills {@code next}'s holes with {@code extra} in order, appends the rest, then closes the holes left from the end. */
    private static List<Destination.Key> settle(List<Destination.Key> next, List<Destination.Key> extra) {
        var it = extra.iterator();
        for (int i = 0; i < next.size() && it.hasNext(); i++) if (next.get(i) == null) next.set(i, it.next());
        it.forEachRemaining(next::add);
        int lo = 0;
        int hi = next.size() - 1;
        while (true) {
            while (lo < next.size() && next.get(lo) != null) lo++;
            while (hi >= 0 && next.get(hi) == null) hi--;
            if (lo >= hi) break;
            next.set(lo, next.get(hi));
            next.set(hi, null);
        }
        while (!next.isEmpty() && next.getLast() == null) next.removeLast();
        return next;
    }

    /** Weights divided by their gcd, scaled down to {@link #MAX_WEIGHTED} slots in all when above. */
    static long[] normalised(List<Long> weights) {
        long g = 0;
        for (long x : weights) if (x > 0) g = gcd(g, x);
        long[] w = new long[weights.size()];
        long total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i) > 0 ? weights.get(i) / g : 0;
            total += w[i];
        }
        if (total > MAX_WEIGHTED) {
            for (int i = 0; i < w.length; i++) {
                if (w[i] > 0) w[i] = Math.max(1, w[i] * MAX_WEIGHTED / total);
            }
        }
        return w;
    }

    /**
     * The divisor {@link #normalised} applies to these destinations' weights (their gcd); 0 when it
     * would also scale them down (above {@link #MAX_WEIGHTED} slots) or none is live: then one
     * destination's new weight can change every other's slot count.
     */
    static long divisor(java.util.Collection<Destination> dests) {
        long g = 0;
        for (Destination d : dests) if (d.weight() > 0) g = gcd(g, d.weight());
        if (g == 0) return 0;
        long total = 0;
        for (Destination d : dests) total += d.weight() > 0 ? d.weight() / g : 0;
        return total > MAX_WEIGHTED ? 0 : g;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * mh: a Maglev lookup table of {@code size} (prime) slots. Each live destination has its own
     * permutation of the slots (offset and skip from a hash of its address and port, so independent of
     * the others and of their order); destinations take turns, {@code weight / gcd} picks per turn, each
     * taking its next preferred free slot until the table is full. Removing one destination
     * therefore moves little more than its own share of slots. An empty list when none is live.
     */
    static List<Integer> maglev(List<Destination.Key> keys, List<Long> weights, int size) {
        int n = keys.size();
        long[] turns = normalised(weights);
        // Destination i's preference list is offset, offset + skip, offset + 2 skip, ... (mod size):
        // walked by one addition and at most one subtraction per step, since skip < size. Filling the
        // table takes about size * ln(size) steps (34,000 for 4,093 slots), so a division per step was
        // most of a weight change's CPU.
        int[] position = new int[n];
        int[] skip = new int[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            long h = hash(keys.get(i));
            position[i] = (int) Long.remainderUnsigned(h, size);
            skip[i] = (int) Long.remainderUnsigned(mix(h ^ 0x9e3779b97f4a7c15L), size - 1) + 1;
            any |= turns[i] > 0;
        }
        if (!any) return List.of();
        int[] table = new int[size];
        java.util.Arrays.fill(table, -1);
        int filled = 0;
        while (true) {
            for (int i = 0; i < n; i++) {
                for (long t = 0; t < turns[i]; t++) {
                    int c = position[i];
                    while (table[c] >= 0) {
                        c += skip[i];
                        if (c >= size) c -= size;
                    }
                    table[c] = i;
                    c += skip[i];
                    position[i] = c >= size ? c - size : c;
                    if (++filled == size) {
                        List<Integer> out = new ArrayList<>(size);
                        for (int x : table) out.add(x);
                        return out;
                    }
                }
            }
        }
    }

    /** A stable 64-bit hash of address bytes and port (not Object.hashCode: the table must not change between runs). */
    static long hash(Destination.Key k) {
        long h = 0xcbf29ce484222325L;
        for (byte b : k.ip().getAddress()) h = (h ^ (b & 0xff)) * 0x100000001b3L;
        h = (h ^ (k.port() >>> 8)) * 0x100000001b3L;
        h = (h ^ (k.port() & 0xff)) * 0x100000001b3L;
        return mix(h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
