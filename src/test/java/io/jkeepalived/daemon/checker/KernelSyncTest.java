package io.jkeepalived.daemon.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.KernelBackend;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.OwnedServices;
import io.jkeepalived.lvs.RecordingLoadBalancer;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceKey;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KernelSyncTest {
    static final ServiceKey K = new ServiceKey.Addr(ServiceKey.Protocol.TCP, InetAddress.ofLiteral("198.18.0.1"), 80);
    static final ServiceKey K2 = new ServiceKey.Addr(ServiceKey.Protocol.TCP, InetAddress.ofLiteral("198.18.0.1"), 443);
    static final long S = Duration.ofSeconds(1).toNanos();

    static Destination d(String ip, long w) {
        return new Destination(InetAddress.ofLiteral(ip), 80, w, ForwardMethod.NAT, 0, 0);
    }

    static List<LbOp> service(ServiceKey k, Destination... ds) {
        var ops = new java.util.ArrayList<LbOp>();
        ops.add(new LbOp.AddService(new Service(k, "rr", Optional.empty(), Optional.empty())));
        for (Destination x : ds) ops.add(new LbOp.AddDestination(k, x));
        return ops;
    }

    /** The recording table standing in for the kernel, which refuses one service while told to. */
    static class FakeKernel implements KernelBackend {
        final RecordingLoadBalancer table = new RecordingLoadBalancer();
        Optional<ServiceKey> refuse = Optional.empty();
        int calls;

        @Override
        public LbResult apply(LbOp op) {
            calls++;
            return refuse.equals(Optional.of(op.service())) ? new LbResult.Failed("ENOMEM") : table.apply(op);
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public KernelDump dump() {
            return table.dump();
        }

        @Override
        public void close() {}
    }

    @Test
    void theKernelFollowsAtOnceAndAHandFlushIsRepairedOnTheNextReconcile() {
        FakeKernel k = new FakeKernel();
        OwnedServices owned = OwnedServices.inMemory();
        KernelSync sync = new KernelSync(Optional.of(k), "", owned);
        sync.apply(service(K, d("198.18.0.2", 1), d("198.18.0.3", 1)), 0);
        assertThat(k.table.table()).isEqualTo(sync.desiredTable());
        assertThat(owned.keys()).containsExactly(K);

        k.table.apply(new LbOp.RemoveService(K)); // ipvsadm -C
        sync.reconcile(S);
        assertThat(k.table.table()).isEqualTo(sync.desiredTable());
        assertThat(sync.status().repairs()).isEqualTo(3);

        k.table.apply(new LbOp.EditDestination(K, d("198.18.0.3", 9))); // ipvsadm -e ... -w 9
        sync.reconcile(2 * S);
        assertThat(k.table.table()).isEqualTo(sync.desiredTable());
        int before = k.calls;
        sync.reconcile(3 * S);
        assertThat(k.calls).as("nothing to do when in sync").isEqualTo(before);
    }

    @Test
    void aForeignServiceWithOurKeyIsLeftAloneAndReported() {
        FakeKernel k = new FakeKernel();
        k.table.applyAll(service(K, d("198.18.0.9", 5))); // the operator's own ipvsadm -A
        KernelSync sync = new KernelSync(Optional.of(k), "", OwnedServices.inMemory());
        sync.apply(service(K, d("198.18.0.2", 1)), 0);
        sync.reconcile(S);
        sync.reconcile(2 * S);
        assertThat(k.table.table().get(K).destinations()).containsOnlyKeys(d("198.18.0.9", 5).key());
        assertThat(sync.status().foreign()).containsExactly(K.toString());
        sync.stop(true, false);
        assertThat(k.table.table()).containsKey(K);
    }

    @Test
    void aRefusedServiceIsRetriedWithDoublingBackoffWhileOthersGoOn() {
        FakeKernel k = new FakeKernel();
        k.refuse = Optional.of(K);
        KernelSync sync = new KernelSync(Optional.of(k), "", OwnedServices.inMemory());
        sync.apply(service(K, d("198.18.0.2", 1)), 0);
        sync.apply(service(K2, d("198.18.0.2", 1)), 0);
        assertThat(k.table.table()).containsOnlyKeys(K2);
        assertThat(sync.status().failing()).singleElement().satisfies(r -> {
            assertThat(r.reason()).startsWith("ENOMEM");
            assertThat(r.attempts()).isEqualTo(1);
        });
        int calls = k.calls;
        sync.reconcile(S / 2);
        assertThat(k.calls).as("not before the 1 s backoff").isEqualTo(calls);
        sync.reconcile(S);
        assertThat(sync.status().failing().getFirst().attempts()).isEqualTo(2);
        calls = k.calls;
        sync.reconcile(2 * S);
        assertThat(k.calls).as("the second wait is 2 s").isEqualTo(calls);
        k.refuse = Optional.empty();
        sync.reconcile(3 * S);
        assertThat(k.table.table()).isEqualTo(sync.desiredTable());
        assertThat(sync.status().failing()).isEmpty();
    }

    @Test
    void stopRemovesOnlyOurServicesUnlessTheTableIsKept() {
        FakeKernel k = new FakeKernel();
        k.table.applyAll(service(K2, d("198.18.0.9", 1))); // foreign, different key
        KernelSync sync = new KernelSync(Optional.of(k), "", OwnedServices.inMemory());
        sync.apply(service(K, d("198.18.0.2", 1)), 0);
        sync.stop(true, false);
        assertThat(k.table.table()).containsOnlyKeys(K2);

        FakeKernel kept = new FakeKernel();
        KernelSync keep = new KernelSync(Optional.of(kept), "", OwnedServices.inMemory());
        keep.apply(service(K, d("198.18.0.2", 1)), 0);
        keep.stop(false, false);
        assertThat(kept.table.table()).containsOnlyKeys(K);
    }

    @Test
    void aRestartedDaemonRemovesWhatItOwnedButNoLongerWants() {
        FakeKernel k = new FakeKernel();
        OwnedServices owned = OwnedServices.inMemory();
        KernelSync first = new KernelSync(Optional.of(k), "", owned);
        first.apply(service(K, d("198.18.0.2", 1)), 0); // then killed -9: nothing released
        KernelSync second = new KernelSync(Optional.of(k), "", owned);
        second.apply(service(K2, d("198.18.0.2", 1)), 0);
        second.reconcile(S);
        assertThat(k.table.table()).containsOnlyKeys(K2);
    }

    @Test
    void withoutABackendTheStatusSaysWhy() {
        KernelSync sync = new KernelSync(Optional.empty(), "no IPVS in this kernel", OwnedServices.inMemory());
        sync.apply(service(K, d("198.18.0.2", 1)), 0);
        sync.reconcile(S);
        assertThat(sync.desiredTable()).containsKey(K);
        assertThat(sync.status().backend()).isEqualTo("none");
        assertThat(sync.status().problem()).contains("no IPVS in this kernel");
    }
}
