package io.jkeepalived.lvs.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.Destination;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotsTest {

    static List<Destination.Key> keys(int n) {
        List<Destination.Key> k = new ArrayList<>();
        for (int i = 0; i < n; i++) k.add(new Destination.Key(NftFixtures.ip("198.18." + (1 + i / 250) + "." + (1 + i % 250)), 80));
        return k;
    }

    static List<Long> ones(int n) {
        return Collections.nCopies(n, 1L);
    }

    @Test
    void weightedSlotsAreProportionalInterleavedAndCapped() {
        assertThat(Slots.weighted(List.of(3L, 6L, 0L))).containsExactly(1, 0, 1);
        assertThat(Slots.weighted(List.of(5L, 1L))).containsExactly(0, 0, 0, 1, 0, 0);
        List<Long> big = new ArrayList<>(List.of(65535L, 1L, 0L));
        List<Integer> s = Slots.weighted(big);
        assertThat(s.size()).isLessThanOrEqualTo(Slots.MAX_WEIGHTED + 1);
        assertThat(s).contains(1).doesNotContain(2);
    }

    @Test
    void editKeepsProportionsExactAndMovesOnlyWhatChanged() {
        var k = keys(1000);
        var want = new java.util.LinkedHashMap<Destination.Key, Integer>();
        for (int i = 0; i < 1000; i++) want.put(k.get(i), 1 + i % 3);
        List<Destination.Key> old = Slots.edit(List.of(), want);
        assertThat(old).hasSize(1999);

        want.put(k.get(7), 5); // 2 -> 5: three slots appended, none moved
        List<Destination.Key> up = Slots.edit(old, want);
        assertThat(up).hasSize(2002).startsWith(old.toArray(Destination.Key[]::new));
        assertThat(Collections.frequency(up, k.get(7))).isEqualTo(5);

        want.put(k.get(7), 1); // 5 -> 1: four holes, filled from the end
        List<Destination.Key> down = Slots.edit(up, want);
        assertThat(down).hasSize(1998).doesNotContainNull();
        assertThat(Collections.frequency(down, k.get(7))).isEqualTo(1);
        int moved = 0;
        for (int i = 0; i < down.size(); i++) if (!down.get(i).equals(up.get(i))) moved++;
        assertThat(moved).isLessThanOrEqualTo(4);
        for (int i = 0; i < 1000; i++) assertThat(Collections.frequency(down, k.get(i))).isEqualTo(i == 7 ? 1 : 1 + i % 3);

        want.remove(k.get(3)); // a destination goes: its slots are refilled by the tail
        assertThat(Slots.edit(down, want)).hasSize(1998 - 1).doesNotContain(k.get(3));
    }

    @Test
    void maglevFillsEverySlotInProportionToWeight() {
        List<Integer> t = Slots.maglev(keys(3), List.of(1L, 2L, 1L), Slots.MAGLEV);
        assertThat(t).hasSize(Slots.MAGLEV);
        long middle = t.stream().filter(i -> i == 1).count();
        assertThat((double) middle / Slots.MAGLEV).isBetween(0.45, 0.55);
        assertThat(Slots.maglev(keys(2), List.of(0L, 0L), Slots.MAGLEV)).isEmpty();
    }

    /** Maglev's point: taking one of N destinations out moves little more than its own 1/N of the slots. */
    @Test
    void removingOneDestinationMovesAboutItsShareOnly() {
        for (int n : new int[] {3, 5, 10, 30}) {
            List<Destination.Key> all = keys(n);
            List<Integer> before = Slots.maglev(all, ones(n), Slots.MAGLEV);
            for (int gone = 0; gone < n; gone++) {
                List<Destination.Key> rest = new ArrayList<>(all);
                rest.remove(gone);
                List<Integer> after = Slots.maglev(rest, ones(n - 1), Slots.MAGLEV);
                int moved = 0;
                for (int slot = 0; slot < Slots.MAGLEV; slot++) {
                    if (!all.get(before.get(slot)).equals(rest.get(after.get(slot)))) moved++;
                }
                double share = (double) moved / Slots.MAGLEV;
                assertThat(share).as("n=%d, removing %d", n, gone).isLessThanOrEqualTo(1.0 / n + 0.03);
            }
        }
    }

    @Test
    void quiescingWeightZeroEqualsRemovalForTheOthers() {
        List<Destination.Key> all = keys(4);
        List<Integer> quiesced = Slots.maglev(all, List.of(1L, 0L, 1L, 1L), Slots.MAGLEV);
        assertThat(quiesced).doesNotContain(1);
    }

    /**
     * The table is the published Maglev population (preference list offset + j * skip mod size, turns
     * by weight) whatever arithmetic computes it: a table that changed between versions would move
     * clients of an upgraded daemon to other real servers.
     */
    @Test
    void maglevIsThePublishedPopulationForAnyWeights() {
        var random = new java.util.Random(13);
        for (int n : new int[] {1, 2, 7, 100, 1000}) {
            List<Destination.Key> k = keys(n);
            List<Long> w = new ArrayList<>();
            for (int i = 0; i < n; i++) w.add((long) random.nextInt(6)); // zeros among them: quiesced
            if (w.stream().allMatch(x -> x == 0)) w.set(0, 1L);
            assertThat(Slots.maglev(k, w, Slots.MAGLEV)).as("%d destinations", n).isEqualTo(byTheFormula(k, w, Slots.MAGLEV));
        }
    }

    private static List<Integer> byTheFormula(List<Destination.Key> keys, List<Long> weights, int size) {
        int n = keys.size();
        long[] turns = Slots.normalised(weights);
        long[] next = new long[n];
        int[] table = new int[size];
        java.util.Arrays.fill(table, -1);
        int filled = 0;
        while (true) {
            for (int i = 0; i < n; i++) {
                long h = Slots.hash(keys.get(i));
                long offset = Long.remainderUnsigned(h, size);
                long skip = Long.remainderUnsigned(Slots.mix(h ^ 0x9e3779b97f4a7c15L), size - 1) + 1;
                for (long t = 0; t < turns[i]; t++) {
                    int c;
                    do {
                        c = (int) ((offset + next[i] * skip) % size);
                        next[i]++;
                    } while (table[c] >= 0);
                    table[c] = i;
                    if (++filled == size) {
                        List<Integer> out = new ArrayList<>();
                        for (int x : table) out.add(x);
                        return out;
                    }
                }
            }
        }
    }
}
