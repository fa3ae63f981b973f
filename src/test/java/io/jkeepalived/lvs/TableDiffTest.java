package io.jkeepalived.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableDiffTest {
    static final ServiceKey K = new ServiceKey.Addr(ServiceKey.Protocol.TCP, InetAddress.ofLiteral("198.18.0.1"), 80);
    static final Service S = new Service(K, "rr", Optional.empty(), Optional.empty());

    static Destination d(String ip, long w) {
        return new Destination(InetAddress.ofLiteral(ip), 80, w, ForwardMethod.NAT, 0, 0);
    }

    static Map<ServiceKey, ServiceEntry> table(Service s, Destination... ds) {
        Map<Destination.Key, Destination> m = new LinkedHashMap<>();
        for (Destination x : ds) m.put(x.key(), x);
        return Map.of(s.key(), new ServiceEntry(s, m));
    }

    @Test
    void addsAndEditsComeBeforeRemovalsAndTheRecordingBackendAgrees() {
        var before = table(S, d("198.18.0.2", 1), d("198.18.0.3", 1));
        var after = table(new Service(K, "wrr", Optional.empty(), Optional.empty()), d("198.18.0.3", 5), d("198.18.0.4", 1));
        var ops = TableDiff.between(before, after);
        assertThat(ops).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("EditService", "EditDestination", "AddDestination", "RemoveDestination");
        var lb = new RecordingLoadBalancer();
        lb.applyAll(TableDiff.between(Map.of(), before));
        assertThat(lb.applyAll(ops)).allMatch(r -> r instanceof LbResult.Done);
        assertThat(lb.table()).isEqualTo(after);
        assertThat(TableDiff.between(after, after)).isEmpty();
        assertThat(TableDiff.between(after, Map.of())).containsExactly(new LbOp.RemoveService(K));
    }

    /**
     * The diff walks both destination lists in step while their keys match (an unchanged table) and
     * looks the rest up: on shuffled, shortened, lengthened and re-weighted lists it gives exactly the
     * operations, in the order, of a plain lookup of every destination.
     */
    @Test
    void walkingInStepGivesTheSameOperationsAsLookingEveryDestinationUp() {
        var rnd = new java.util.SplittableRandom(7);
        for (int round = 0; round < 2000; round++) {
            List<Destination> pool = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) pool.add(d("198.18.1." + i, 1));
            java.util.Collections.shuffle(pool, new java.util.Random(rnd.nextLong()));
            List<Destination> old = pool.subList(0, rnd.nextInt(0, 10));
            List<Destination> now = new java.util.ArrayList<>(old);
            switch (rnd.nextInt(5)) {
                case 0 -> { }
                case 1 -> java.util.Collections.shuffle(now, new java.util.Random(rnd.nextLong()));
                case 2 -> { if (!now.isEmpty()) now.remove(rnd.nextInt(now.size())); }
                case 3 -> now.add(rnd.nextInt(now.size() + 1), pool.get(11));
                default -> { if (!now.isEmpty()) now.set(rnd.nextInt(now.size()), now.getFirst().withWeight(9)); }
            }
            if (rnd.nextInt(4) == 0 && !now.isEmpty()) now.set(rnd.nextInt(now.size()), pool.get(10));
            var before = table(S, old.toArray(Destination[]::new));
            var after = table(S, now.toArray(Destination[]::new));
            assertThat(TableDiff.between(before, after)).as("round %d: %s -> %s", round, old, now)
                    .isEqualTo(lookedUp(before.get(K), after.get(K)));
        }
    }

    /** The operations of one service's destinations, every one looked up in the other list. */
    private static List<LbOp> lookedUp(ServiceEntry was, ServiceEntry now) {
        List<LbOp> ops = new java.util.ArrayList<>();
        for (Destination d : now.destinations().values()) {
            Destination old = was.destinations().get(d.key());
            if (old == null) ops.add(new LbOp.AddDestination(K, d));
            else if (!old.equals(d)) ops.add(new LbOp.EditDestination(K, d));
        }
        for (Destination.Key k : was.destinations().keySet()) {
            if (!now.destinations().containsKey(k)) ops.add(new LbOp.RemoveDestination(K, k));
        }
        return ops;
    }

    @Test
    void theDaemonsDesiredTableKeepsNoLogOfOperationsThatNeverEnd() {
        var table = RecordingLoadBalancer.tableOnly();
        for (int i = 0; i < 1000; i++) {
            table.applyAll(List.of(new LbOp.AddService(S), new LbOp.AddDestination(K, d("198.18.0.2", 1)),
                    new LbOp.RemoveService(K)));
        }
        assertThat(table.operations()).isEmpty();
        assertThat(table.failures()).isZero();
        var recording = new RecordingLoadBalancer();
        recording.apply(new LbOp.AddService(S));
        assertThat(recording.operations()).hasSize(1);
    }

    @Test
    void theRecordingBackendRefusesWhatAKernelWould() {
        var lb = new RecordingLoadBalancer();
        List<LbResult> r = lb.applyAll(List.of(new LbOp.AddDestination(K, d("198.18.0.2", 1)), new LbOp.AddService(S),
                new LbOp.AddService(S), new LbOp.RemoveDestination(K, d("198.18.0.9", 1).key())));
        assertThat(r).extracting(x -> x instanceof LbResult.Done).containsExactly(false, true, false, false);
        assertThat(lb.failures()).isEqualTo(3);
    }
}
