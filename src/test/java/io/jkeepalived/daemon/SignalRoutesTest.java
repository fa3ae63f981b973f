package io.jkeepalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.os.SignalMask;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalRoutesTest {

    private static long mask(int... signals) {
        long m = 0;
        for (int s : signals) m |= 1L << (s - 1);
        return m;
    }

    @Test
    void whatTheLauncherBlockedGoesToTheSignalfd() {
        SignalRoutes r = SignalRoutes.daemon(mask(1, 2, 3, 10, 12, 15, 36, 63));
        assertThat(r.viaFd()).containsExactlyInAnyOrder(1, 2, 3, 10, 12, 15, 36, 63);
        assertThat(r.viaJdk()).isEmpty();
    }

    @Test
    void whatTheJvmUnblockedGoesThroughTheJdkAndQuitStaysTheJvms() {
        // a JVM without -Xrs unblocks HUP, INT and TERM (and owns QUIT) in its threads
        SignalRoutes r = SignalRoutes.daemon(mask(10, 12, 36, 63));
        assertThat(r.viaFd()).containsExactlyInAnyOrder(10, 12, 36, 63);
        assertThat(r.viaJdk()).containsExactlyInAnyOrder("HUP", "INT", "TERM");
    }

    @Test
    void withoutTheLauncherEverythingButTheRealTimeSignalsGoesThroughTheJdk() {
        SignalRoutes r = SignalRoutes.daemon(0);
        assertThat(r.viaFd()).containsExactly(36, 63);
        assertThat(r.viaJdk()).containsExactlyInAnyOrder("HUP", "INT", "USR1", "USR2", "TERM");
    }

    @Test
    void theDaemonNeedsItsSignalfdOnlyWhenStopOrReloadDependsOnIt() {
        assertThat(SignalRoutes.daemon(mask(1, 2, 3, 10, 12, 15, 36, 63)).stopsOrReloadsViaFd()).isTrue();
        assertThat(SignalRoutes.daemon(mask(1)).stopsOrReloadsViaFd()).isTrue();
        assertThat(SignalRoutes.daemon(mask(10, 12, 36, 63)).stopsOrReloadsViaFd()).isFalse();
        assertThat(SignalRoutes.daemon(0).stopsOrReloadsViaFd()).isFalse();
    }

    @Test
    void theCheckerAloneOnlyStops() {
        assertThat(SignalRoutes.stopOnly(mask(1, 2, 15)).viaJdk()).isEmpty();
        assertThat(SignalRoutes.stopOnly(mask(1)).viaJdk()).isEqualTo(List.of("INT", "TERM"));
    }

    @Test
    void theMaskIsReadFromThisThread() throws Exception {
        // a test JVM's main thread blocks none of the control signals (the JVM handles them)
        long here = SignalMask.blockedHere();
        assertThat(SignalMask.has(here, 15)).isFalse();
        assertThat(SignalMask.has(mask(15), 15)).isTrue();
        assertThat(SignalMask.has(mask(15), 1)).isFalse();
    }
}
