package io.jkeepalived.lvs.nft;

import static io.jkeepalived.lvs.nft.NftFixtures.nat;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.KernelBackend;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.RecordingLoadBalancer;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.PollSet;
import io.jkeepalived.testing.NetNs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The netlink half of the nftables backend in a namespace (root): element-only changes go as
 * nf_tables messages and the kernel's table, read back through libnftables, is what they meant;
 * a refused transaction is retried from a fresh read; changes by someone else are noticed at once, by
 * whoever polls the watch's socket.
 */
@Tag("system")
class NftNetlinkSystemTest {

    static final ServiceKey BIG = new ServiceKey.Addr(ServiceKey.Protocol.TCP, NftFixtures.ip("198.18.0.1"), 80);
    static final ServiceKey STICKY = new ServiceKey.Addr(ServiceKey.Protocol.TCP, NftFixtures.ip("198.18.0.2"), 443);

    NetNs ns;
    NftBackend nft;
    RecordingLoadBalancer expected = new RecordingLoadBalancer();
    KernelBackend.PolledWatch watch;

    @BeforeEach
    void open() throws Exception {
        ns = NetNs.create("jk-nl");
        var opening = ns.run(NftBackend::open);
        assertThat(opening).isInstanceOf(NftBackend.Opening.Opened.class);
        nft = ((NftBackend.Opening.Opened) opening).backend();
        watch = nft.polledWatch().orElseThrow();
        assertThat(nft.polledWatch()).as("one reader at a time").isEmpty();
        assertThat(nft.watch(() -> { })).as("no thread of the backend's to call a listener").isFalse();
    }

    @AfterEach
    void close() {
        try {
            if (nft != null) nft.close();
        } finally {
            ns.close();
        }
    }

    void apply(List<LbOp> ops) {
        assertThat(nft.applyAll(ops)).containsOnly(LbResult.DONE);
        expected.applyAll(ops);
        assertThat(nft.dump()).isEqualTo(new KernelDump.Read(expected.table()));
    }

    /** As the kernel's thread reads the watch: waits up to {@code limit} in poll(2), drains what came; true on news. */
    boolean reported(Duration limit) throws OsException {
        long end = System.nanoTime() + limit.toNanos();
        try (PollSet set = new PollSet()) {
            set.add(watch.fd());
            for (long left = limit.toNanos(); left > 0; left = end - System.nanoTime()) {
                if (set.pollNanos(left) > 0 && watch.drain()) return true;
            }
        }
        return false;
    }

    static Destination dest(int i, long weight) {
        return nat("198.18." + (16 + i / 250) + "." + (1 + i % 250), 80, weight);
    }

    @Test
    void elementChangesGoOverNetlinkAndReadBackAsApplied() throws Exception {
        // weights 1 and 2 alternating: 1,500 slots; the changes below keep that count, so the service's
        // rule stays and only map elements change
        List<LbOp> build = new ArrayList<>(List.of(new LbOp.AddService(NftFixtures.service(BIG, "wrr"))));
        for (int i = 0; i < 1000; i++) build.add(new LbOp.AddDestination(BIG, dest(i, 1 + i % 2)));
        apply(build);
        long before = nft.netlinkTransactions();

        apply(List.of(new LbOp.EditDestination(BIG, dest(7, 1)), new LbOp.EditDestination(BIG, dest(8, 2))));
        List<LbOp> replace = new ArrayList<>();
        for (int i = 0; i < 1000; i++) replace.add(new LbOp.AddDestination(BIG, dest(1000 + i, 1 + i % 2)));
        for (int i = 0; i < 1000; i++) replace.add(new LbOp.RemoveDestination(BIG, dest(i, 1).key()));
        apply(replace);
        assertThat(nft.netlinkTransactions() - before).as("two weights, then all destinations replaced, over netlink").isEqualTo(2);

        // persistence: slots hold verdicts (goto a destination's chain)
        apply(List.of(new LbOp.AddService(new Service(STICKY, "wrr", Optional.of(300L), Optional.empty())),
                new LbOp.AddDestination(STICKY, dest(1, 1)), new LbOp.AddDestination(STICKY, dest(2, 3))));
        before = nft.netlinkTransactions();
        apply(List.of(new LbOp.EditDestination(STICKY, dest(1, 3)), new LbOp.EditDestination(STICKY, dest(2, 1))));
        assertThat(nft.netlinkTransactions() - before).isEqualTo(1);
        String slots = ns.exec("nft", "list", "map", "inet", "jkeepalived", "slot_" + NftCommands.id(STICKY));
        assertThat(slots.split("goto svc_tcp_198_18_0_2_443-198_18_16_2_80", -1)).as(slots).hasSize(4);
        assertThat(slots.split("goto svc_tcp_198_18_0_2_443-198_18_16_3_80", -1)).as(slots).hasSize(2);
    }

    @Test
    void aTransactionTheKernelRefusesIsRetriedFromAFreshRead() throws Exception {
        apply(List.of(new LbOp.AddService(NftFixtures.service(BIG, "rr")), new LbOp.AddDestination(BIG, dest(1, 1)),
                new LbOp.AddDestination(BIG, dest(2, 1)), new LbOp.AddDestination(BIG, dest(3, 1)),
                new LbOp.AddDestination(BIG, dest(4, 1)), new LbOp.AddDestination(BIG, dest(5, 1))));
        // by hand: an element our next change deletes first is gone, so the kernel refuses the transaction
        ns.exec("nft", "delete", "element", "inet", "jkeepalived", "dst_" + NftCommands.id(BIG), "{ 198.18.16.4 . 80 }");
        long netlink = nft.netlinkTransactions();
        long all = nft.transactions();
        List<LbResult> r = nft.applyAll(List.of(new LbOp.EditDestination(BIG, dest(3, 5)), new LbOp.EditDestination(BIG, dest(2, 7))));
        // the retry no longer knows the kernel's slot table, so it rewrites the service's rule too: libnftables
        assertThat(nft.transactions() - all).as("refused, then retried from a fresh read").isEqualTo(2);
        assertThat(nft.netlinkTransactions() - netlink).as("the refused one went over netlink").isEqualTo(1);
        assertThat(r.get(0)).as("the destination the kernel lost").isInstanceOf(LbResult.Failed.class);
        assertThat(r.get(1)).isEqualTo(LbResult.DONE);
        expected.applyAll(List.of(new LbOp.EditDestination(BIG, dest(2, 7)), new LbOp.RemoveDestination(BIG, dest(3, 1).key())));
        assertThat(nft.dump()).isEqualTo(new KernelDump.Read(expected.table()));
    }

    @Test
    void changesBySomeoneElseAreReportedAndOursAreNot() throws Exception {
        apply(List.of(new LbOp.AddService(NftFixtures.service(BIG, "wrr")), new LbOp.AddDestination(BIG, dest(1, 1)),
                new LbOp.AddDestination(BIG, dest(2, 1))));
        apply(List.of(new LbOp.EditDestination(BIG, dest(2, 4))));
        ns.exec("nft", "add table inet someone-else");
        // the kernel queues a notification before it acks the transaction, so it would be here already
        assertThat(reported(Duration.ofMillis(300))).as("our own changes and another table's are not news").isFalse();
        assertThat(nft.changesSeen()).isZero();
        ns.exec("nft", "add", "element", "inet", "jkeepalived", "dst_" + NftCommands.id(BIG), "{ 198.18.16.9 . 80 : 1 }");
        assertThat(reported(Duration.ofSeconds(5))).as("a hand edit of our table is reported").isTrue();
        assertThat(nft.changesSeen()).isEqualTo(1);
        assertThat(watch.drain()).as("all of it read at once").isFalse();

        ns.exec("nft", "flush ruleset");
        assertThat(reported(Duration.ofSeconds(5))).as("nft flush ruleset is reported").isTrue();
        assertThat(watch.listening()).isTrue();
        assertThat(nft.dump()).as("the table comes back, empty").isEqualTo(new KernelDump.Read(java.util.Map.of()));
    }

    @Test
    void aReadBackWhileNothingWasCommittedReusesTheLastAndAnyCommitForcesARead() throws Exception {
        apply(List.of(new LbOp.AddService(NftFixtures.service(BIG, "wrr")), new LbOp.AddDestination(BIG, dest(1, 1)),
                new LbOp.AddDestination(BIG, dest(2, 1))));
        long skipped = nft.dumpsSkipped();
        KernelDump first = nft.dump();
        assertThat(nft.dump()).isEqualTo(first);
        assertThat(nft.dumpsSkipped()).as("nothing committed since: the last read stands").isEqualTo(skipped + 2);

        ns.exec("nft", "add table inet someone-else");
        assertThat(nft.dump()).as("anyone's commit moves the generation: read again").isEqualTo(first);
        assertThat(nft.dumpsSkipped()).isEqualTo(skipped + 2);

        ns.exec("nft", "add", "element", "inet", "jkeepalived", "dst_" + NftCommands.id(BIG), "{ 198.18.16.9 . 80 : 1 }");
        KernelDump edited = nft.dump();
        assertThat(edited).as("a hand edit is seen at the next read").isNotEqualTo(first);
        assertThat(nft.dumpsSkipped()).isEqualTo(skipped + 2);
        assertThat(nft.dump()).isEqualTo(edited);
        assertThat(nft.dumpsSkipped()).isEqualTo(skipped + 3);
    }
}
