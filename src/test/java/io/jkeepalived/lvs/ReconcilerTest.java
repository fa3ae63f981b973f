package io.jkeepalived.lvs;

import static io.jkeepalived.lvs.TableDiffTest.d;
import static io.jkeepalived.lvs.TableDiffTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    static final ServiceKey K = TableDiffTest.K;
    static final ServiceKey OTHER = new ServiceKey.Addr(ServiceKey.Protocol.TCP, InetAddress.ofLiteral("198.18.0.9"), 443);
    static final Service S = TableDiffTest.S;
    static final Service S_OTHER = new Service(OTHER, "wlc", Optional.empty(), Optional.empty());

    @Test
    void inSyncWhenTheKernelHoldsExactlyTheDesiredTable() {
        var want = table(S, d("198.18.0.2", 1), d("198.18.0.3", 2));
        assertThat(Reconciler.plan(want, Set.of(K), want).inSync()).isTrue();
    }

    @Test
    void aFlushedKernelGetsEveryServiceAndDestinationBack() {
        var want = table(S, d("198.18.0.2", 1), d("198.18.0.3", 2));
        var plan = Reconciler.plan(want, Set.of(K), Map.of());
        var kernel = new RecordingLoadBalancer();
        assertThat(kernel.applyAll(plan.repairs())).allMatch(r -> r instanceof LbResult.Done);
        assertThat(kernel.table()).isEqualTo(want);
    }

    @Test
    void aDestinationChangedByHandIsPutBack() {
        var want = table(S, d("198.18.0.2", 1), d("198.18.0.3", 2));
        var kernel = table(S, d("198.18.0.2", 7), d("198.18.0.4", 1));
        var plan = Reconciler.plan(want, Set.of(K), kernel);
        assertThat(plan.repairs()).extracting(o -> o.getClass().getSimpleName())
                .containsExactlyInAnyOrder("EditDestination", "AddDestination", "RemoveDestination");
        assertThat(plan.foreign()).isEmpty();
    }

    @Test
    void aForeignServiceIsReportedAndNeverTouchedEvenWithOurKey() {
        var want = table(S, d("198.18.0.2", 1));
        Map<ServiceKey, ServiceEntry> kernel = new HashMap<>(table(S, d("198.18.0.7", 3)));
        kernel.putAll(table(S_OTHER, d("198.18.0.8", 1)));
        var plan = Reconciler.plan(want, Set.of(), kernel);
        assertThat(plan.foreign()).containsExactly(K);
        assertThat(plan.repairs()).isEmpty();
    }

    @Test
    void onlyOwnedServicesThatAreNoLongerDesiredAreRemoved() {
        Map<ServiceKey, ServiceEntry> kernel = new HashMap<>(table(S, d("198.18.0.2", 1)));
        kernel.putAll(table(S_OTHER, d("198.18.0.8", 1)));
        var plan = Reconciler.plan(Map.of(), Set.of(K), kernel);
        assertThat(plan.repairs()).containsExactly(new LbOp.RemoveService(K));
    }
}
