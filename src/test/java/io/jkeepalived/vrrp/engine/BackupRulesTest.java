package io.jkeepalived.vrrp.engine;

import static io.jkeepalived.vrrp.engine.Rig.MS;
import static io.jkeepalived.vrrp.engine.Rig.S;
import static io.jkeepalived.vrrp.engine.Rig.US;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupRulesTest {

    @ParameterizedTest(name = "own {0}, rx {1}: accepted={2}")
    @CsvSource({"100, 100, true", "100, 101, true", "100, 255, true", "100, 99, false", "200, 1, false"})
    void rfc3768_6_4_2_backup_acceptsEqualOrHigher_discardsLower(int own, int rx, boolean accepted) {
        Rig rig = new Rig(Rig.spec(own).build());
        rig.start(0);
        long before = rig.router.nextDeadlineNanos();
        rig.advert(2 * S, Rig.HIGH, rx);
        long down = Timers.masterDownMicros(2, own, 100, 3) * US;
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(accepted ? 2 * S + down : before);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void rfc3768_6_4_2_backup_preemptsWhenLowerMasterKeepsAdvertising() {
        Rig rig = new Rig(Rig.spec(200).build());
        rig.start(0);
        for (long t = 0; t < 3 * S; t += S) {
            rig.advert(t, Rig.HIGH, 100);
        }
        rig.runUntil(3_218_750 * US - 1);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
        rig.runUntil(3_218_750 * US);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void behaviour_3_4_backup_nopreempt_acceptsLowerPriority() {
        Rig rig = new Rig(Rig.spec(200).nopreempt(true).build());
        rig.start(0);
        rig.advert(S, Rig.HIGH, 100);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(S + 3_218_750 * US);
        assertThat(rig.router.masterPriority()).isEqualTo(100);
    }

    @Test
    void behaviour_3_4_nopreempt_ignoredForOwner() {
        Rig rig = new Rig(Rig.spec(255).nopreempt(true).build());
        rig.start(0);
        long before = rig.router.nextDeadlineNanos();
        rig.advert(S, Rig.HIGH, 100);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(before);
    }

    @Test
    void behaviour_3_3_preemptDelay_acceptsLowerWhileRunning_thenPreempts() {
        Rig rig = new Rig(Rig.spec(200).preemptDelayNanos(10 * S).build());
        rig.start(0);
        long lastAccepted = -1;
        for (long t = S; t <= 30 * S; t += S) {
            long before = rig.router.nextDeadlineNanos();
            rig.advert(t, Rig.HIGH, 100);
            if (rig.router.state() != VrrpState.BACKUP) {
                break;
            }
            if (rig.router.nextDeadlineNanos() != before) {
                lastAccepted = t;
            }
            rig.runUntil(t + S - 1);
        }
        // Preempt delay started at 1 s, so adverts up to 11 s exclusive are accepted.
        assertThat(lastAccepted).isEqualTo(10 * S);
        assertThat(rig.router.lastTransitionNanos()).isEqualTo(10 * S + 3_218_750 * US);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void behaviour_3_3_preemptDelay_stoppedByHigherPriorityAdvert() {
        Rig rig = new Rig(Rig.spec(200).preemptDelayNanos(5 * S).build());
        rig.start(0);
        rig.advert(S, Rig.HIGH, 100);      // starts the delay
        rig.advert(2 * S, Rig.HIGH, 250);  // stops it
        rig.advert(8 * S, Rig.HIGH, 100);  // a new delay starts: accepted
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(8 * S + 3_218_750 * US);
    }

    @ParameterizedTest(name = "v{0} prio {1} mai {2}cs: takeover {3} us after priority 0")
    @CsvSource({"2, 100, 100, 609375", "2, 254, 100, 7812", "3, 100, 10, 60937", "3, 200, 200, 437500"})
    void behaviour_3_4_backup_priorityZero_downTimerIsSkew(int version, int prio, int centis, long skewUs) {
        Rig rig = new Rig(Rig.spec(prio).version(version).advertIntervalCentis(centis).build());
        rig.start(0);
        rig.advert(S, Rig.HIGH, 255, centis);
        rig.advert(2 * S, Rig.HIGH, 0, centis);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(2 * S + skewUs * US);
        rig.runUntil(2 * S + skewUs * US);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        assertThat(rig.router.lastTransition().orElseThrow().reason())
                .isEqualTo(TransitionReason.PRIORITY_ZERO_RECEIVED);
    }

    @Test
    void rfc5798_6_4_2_backup_learnsMasterAdverInterval() {
        Rig rig = new Rig(Rig.spec(100).version(3).advertIntervalCentis(100).build());
        rig.start(0);
        rig.advert(S, Rig.HIGH, 150, 50);
        assertThat(rig.router.masterAdverIntervalCentis()).isEqualTo(50);
        // 3 × 0.5 s + 156 × 50 × 625 / 16 µs
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(S + (1_500_000 + 304_687) * US);
        // becoming MASTER resets Master_Adver_Interval to our own
        rig.runUntil(10 * S);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        assertThat(rig.router.masterAdverIntervalCentis()).isEqualTo(100);
    }

    @Test
    void behaviour_3_4_backup_downTimerAdverts_usedForAcceptedAdvert() {
        Rig rig = new Rig(Rig.spec(100).downTimerAdverts(10).build());
        rig.start(0);
        rig.advert(S, Rig.HIGH, 200);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(S + 10_609_375 * US);
    }

    /** Found by the simulator: a strict owner moved to priority 101 kept ignoring every advert. */
    @Test
    void behaviour_3_4_ownerIgnoreAdverts_stopsWhenNoLongerOwner() {
        Rig rig = new Rig(Rig.spec(255).startAsMaster(true).strict(true).build());
        long t0 = rig.startAndBecomeMaster();
        rig.advert(t0 + MS, Rig.HIGH, 200);
        assertThat(rig.router.state()).isEqualTo(VrrpState.MASTER);
        rig.at(t0 + S / 2, new Event.PriorityChanged(101));
        rig.advert(t0 + S, Rig.HIGH, 200);
        assertThat(rig.router.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void behaviour_3_4_owner_ignoreAdverts() {
        Rig rig = new Rig(Rig.spec(255).ownerIgnoreAdverts(true).build());
        rig.start(0);
        long before = rig.router.nextDeadlineNanos();
        rig.advert(500 * MS, Rig.HIGH, 255);
        assertThat(rig.router.nextDeadlineNanos()).isEqualTo(before);
    }
}
