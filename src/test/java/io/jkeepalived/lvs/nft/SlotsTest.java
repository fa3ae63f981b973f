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
}
