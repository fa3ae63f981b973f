package io.jkeepalived.lvs.nft;

import static io.jkeepalived.lvs.nft.NftFixtures.TCP80;
import static io.jkeepalived.lvs.nft.NftFixtures.nat;
import static io.jkeepalived.lvs.nft.NftFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The backend's batching, refusals and isolation, with a fake in libnftables' place. */
class NftBackendTest {

    static final ServiceKey OTHER = new ServiceKey.Addr(ServiceKey.Protocol.TCP, NftFixtures.ip("198.18.0.2"), 80);

    /** Answers dumps with an empty table, refuses buffers that {@code refuse} matches, records the rest. */
    static final class FakeNft implements NftBackend.Kernel {
        final List<String> committed = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
        Predicate<String> refuse = c -> false;
        /** Our table with its dispatch maps and no service yet. */
        String dumpJson = "{\"nftables\": [{\"map\": {\"family\": \"inet\", \"name\": \"svc4\","
                + " \"table\": \"jkeepalived\", \"handle\": 3, \"type\": [\"ipv4_addr\", \"inet_proto\","
                + " \"inet_service\"], \"map\": \"verdict\"}}]}";
        boolean closed;

        public Libnftables.Run run(String commands) {
            if (commands.equals("list maps inet")) return new Libnftables.Run(0, dumpJson, "");
            if (refuse.test(commands)) {
                refused.add(commands);
                return new Libnftables.Run(1, "", "Error: Could not process rule: Operation not permitted\n" + commands + "\n^^^^\n");
            }
            committed.add(commands);
            return new Libnftables.Run(0, "", "");
        }

        public void close() {
            closed = true;
        }
    }

    static NftBackend open(FakeNft fake) {
        return ((NftBackend.Opening.Opened) NftBackend.open(fake)).backend();
    }

    /** Records element transactions as nft text; refuses them while {@code refusal} is set. */
    static final class FakeChannel implements NftBackend.ElementChannel {
        final List<String> committed = new ArrayList<>();
        Optional<String> refusal = Optional.empty();

        public Optional<String> commit(List<NftStep.Elements> steps) {
            if (refusal.isEmpty()) committed.add(String.join("\n", steps.stream().map(NftStep::text).toList()));
            return refusal;
        }

        public void close() {}
    }

    @Test
    void changesOfMapElementsAloneGoOverNetlinkTheRestThroughLibnftables() {
        var fake = new FakeNft();
        var channel = new FakeChannel();
        var b = ((NftBackend.Opening.Opened) NftBackend.open(fake, Optional.of(channel), false)).backend();
        assertThat(b.applyAll(List.of(new LbOp.AddService(service(TCP80, "rr")),
                new LbOp.AddDestination(TCP80, nat("198.18.1.1", 80, 1)), new LbOp.AddDestination(TCP80, nat("198.18.1.2", 80, 1)),
                new LbOp.AddDestination(TCP80, nat("198.18.1.3", 80, 1))))).containsOnly(LbResult.DONE);
        assertThat(channel.committed).as("a new service: rules and chains").isEmpty();

        assertThat(b.apply(new LbOp.EditDestination(TCP80, nat("198.18.1.2", 80, 3)))).isEqualTo(LbResult.DONE);
        assertThat(fake.committed).hasSize(2); // bootstrap, the new service
        assertThat(channel.committed).containsExactly("""
                delete element inet jkeepalived dst_tcp_198_18_0_1_80 { 198.18.1.2 . 80 }
                add element inet jkeepalived dst_tcp_198_18_0_1_80 { 198.18.1.2 . 80 : 3 }""");
        assertThat(b.netlinkTransactions()).isEqualTo(1);

        channel.refusal = Optional.of("ENOENT (No such file or directory): nf_tables refused message 1 of the transaction");
        var r = b.apply(new LbOp.EditDestination(TCP80, nat("198.18.1.2", 80, 5)));
        assertThat(r).as("refused, the table re-read (this fake's is empty), the op refused against it")
                .isInstanceOf(LbResult.Failed.class);
        assertThat(b.netlinkTransactions()).isEqualTo(2);
    }

    @Test
    void aVerdictOnAFewDestinationsTakesTheShortPathAndAServiceEditTheWholeDiff() {
        var fake = new FakeNft();
        var channel = new FakeChannel();
        var b = ((NftBackend.Opening.Opened) NftBackend.open(fake, Optional.of(channel), false)).backend();
        assertThat(b.applyAll(List.of(new LbOp.AddService(service(TCP80, "wrr")),
                new LbOp.AddDestination(TCP80, nat("198.18.1.1", 80, 1)), new LbOp.AddDestination(TCP80, nat("198.18.1.2", 80, 1))))).containsOnly(LbResult.DONE);
        assertThat(b.fewChanges()).as("a new service").isZero();

        assertThat(b.apply(new LbOp.RemoveDestination(TCP80, nat("198.18.1.2", 80, 1).key()))).isEqualTo(LbResult.DONE);
        assertThat(b.fewChanges()).isEqualTo(1);
        // .2 held slot 0 of two: the one slot left moves, which refills the little map; the rule's modulus changes
        assertThat(fake.committed.getLast()).isEqualTo("""
                delete element inet jkeepalived dst_tcp_198_18_0_1_80 { 198.18.1.2 . 80 }
                flush map inet jkeepalived slot_tcp_198_18_0_1_80
                add element inet jkeepalived slot_tcp_198_18_0_1_80 { 0 : 198.18.1.1 . 80 }
                flush chain inet jkeepalived svc_tcp_198_18_0_1_80
                add rule inet jkeepalived svc_tcp_198_18_0_1_80 meta l4proto tcp dnat ip addr . port to numgen inc mod 1 map @slot_tcp_198_18_0_1_80
                """);

        assertThat(b.applyAll(List.of(new LbOp.EditService(service(TCP80, "rr")),
                new LbOp.AddDestination(TCP80, nat("198.18.1.3", 80, 1))))).containsOnly(LbResult.DONE);
        assertThat(b.fewChanges()).as("the service itself changed").isEqualTo(1);
    }

    @Test
    void aWholeNewTableIsOneTransaction() {
        var fake = new FakeNft();
        var b = open(fake);
        var r = b.applyAll(List.of(
                new LbOp.AddService(service(TCP80, "rr")),
                new LbOp.AddDestination(TCP80, nat("198.18.1.1", 80, 1)),
                new LbOp.AddService(service(OTHER, "wrr")),
                new LbOp.AddDestination(OTHER, nat("198.18.1.2", 80, 2))));
        assertThat(r).containsOnly(LbResult.DONE);
        assertThat(fake.committed).hasSize(2); // bootstrap, then the batch
        assertThat(fake.committed.get(1)).contains("svc_tcp_198_18_0_1_80", "svc_tcp_198_18_0_2_80");
        assertThat(b.transactions()).isEqualTo(1);
    }

    @Test
    void whatNftablesCannotExpressIsRefusedPerOpWithoutTouchingTheKernel() {
        var fake = new FakeNft();
        var b = open(fake);
        var dr = new Destination(NftFixtures.ip("198.18.1.9"), 80, 1, ForwardMethod.DR, 0, 0);
        var r = b.applyAll(List.of(
                new LbOp.AddService(service(TCP80, "rr")),
                new LbOp.AddService(service(OTHER, "lc")),
                new LbOp.AddDestination(TCP80, dr),
                new LbOp.AddDestination(TCP80, new Destination(NftFixtures.ip("198.18.1.8"), 80, 1, ForwardMethod.NAT, 10, 0)),
                new LbOp.AddDestination(TCP80, nat("2001:db8::8", 80, 1)),
                new LbOp.AddDestination(OTHER, nat("198.18.1.8", 80, 1)),
                new LbOp.AddService(new Service(TCP80, "rr", Optional.empty(), Optional.empty()))));
        assertThat(r.get(0)).isEqualTo(LbResult.DONE);
        assertThat(r.get(1)).isEqualTo(new LbResult.Failed("nftables backend: scheduler lc not expressible (rr, wrr, sh, mh only)"));
        assertThat(r.get(2)).isEqualTo(new LbResult.Failed("nftables backend forwards by NAT only (DR needs IPVS)"));
        assertThat(r.get(3)).isEqualTo(new LbResult.Failed("nftables backend: no connection thresholds (uthreshold/lthreshold)"));
        assertThat(r.get(4)).isEqualTo(new LbResult.Failed("destination [2001:db8::8]:80 is not of the service's address family"));
        assertThat(r.get(5)).isEqualTo(new LbResult.Failed("no such service: TCP 198.18.0.2:80"));
        assertThat(r.get(6)).isEqualTo(new LbResult.Failed("service exists: TCP 198.18.0.1:80"));
        assertThat(fake.committed).hasSize(2);
        assertThat(b.applyAll(List.of(new LbOp.RemoveDestination(TCP80, new Destination.Key(NftFixtures.ip("198.18.1.9"), 80)))))
                .containsExactly(new LbResult.Failed("no such destination: 198.18.1.9:80"));
        assertThat(fake.committed).hasSize(2);
    }

    @Test
    void aServiceTheKernelRefusesDoesNotTakeTheOthersDown() {
        var fake = new FakeNft();
        var b = open(fake);
        fake.refuse = c -> c.contains("198.18.0.2");
        var r = b.applyAll(List.of(
                new LbOp.AddService(service(TCP80, "rr")),
                new LbOp.AddService(service(OTHER, "rr")),
                new LbOp.AddDestination(OTHER, nat("198.18.1.2", 80, 1)),
                new LbOp.AddDestination(TCP80, nat("198.18.1.1", 80, 1))));
        assertThat(r.get(0)).isEqualTo(LbResult.DONE);
        assertThat(r.get(3)).isEqualTo(LbResult.DONE);
        assertThat(r.get(1)).isEqualTo(new LbResult.Failed("Error: Could not process rule: Operation not permitted"));
        assertThat(r.get(2)).isEqualTo(r.get(1));
        assertThat(fake.refused).hasSize(2); // the batch, then the service alone
        assertThat(fake.committed.getLast()).contains("198.18.0.1").doesNotContain("198.18.0.2");
    }

    @Test
    void anUnreadableTableFailsTheBatchWithTheReason() {
        var fake = new FakeNft();
        fake.dumpJson = "garbage";
        var b = open(fake);
        assertThat(b.dump()).isInstanceOf(KernelDump.Unreadable.class);
        var r = b.apply(new LbOp.AddService(service(TCP80, "rr")));
        assertThat(r).isInstanceOf(LbResult.Failed.class);
        assertThat(((LbResult.Failed) r).reason()).startsWith("nftables table unreadable: nft JSON");
    }

    @Test
    void noPermissionMeansUnavailable() {
        var fake = new FakeNft();
        fake.refuse = c -> true;
        assertThat(NftBackend.open(fake)).isEqualTo(new NftBackend.Opening.Unavailable(
                "nftables: creating table inet jkeepalived: Error: Could not process rule: Operation not permitted"));
        assertThat(fake.closed).isTrue();
    }

    @Test
    void aMissingLibraryMeansUnavailable() throws Exception {
        var opening = new java.util.concurrent.atomic.AtomicReference<String>();
        try {
            Libnftables.open("libnftables-that-is-not-there.so.9").close();
        } catch (ReflectiveOperationException e) {
            opening.set(e.getMessage());
        }
        assertThat(opening.get()).contains("cannot load libnftables-that-is-not-there.so.9");
    }

    @Test
    void aDumpThatFindsOurTableGoneRecreatesItEmpty() {
        var fake = new FakeNft();
        var b = open(fake);
        fake.dumpJson = "{\"nftables\": []}"; // nft flush ruleset
        assertThat(b.dump()).isEqualTo(new io.jkeepalived.lvs.KernelDump.Read(java.util.Map.of()));
        assertThat(fake.committed).hasSize(2);
        assertThat(fake.committed.getLast()).isEqualTo(fake.committed.getFirst()).contains("add table inet jkeepalived");
    }
}
