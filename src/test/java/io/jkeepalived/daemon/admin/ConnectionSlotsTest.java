package io.jkeepalived.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.daemon.admin.ConnectionSlots.Admission;
import io.jkeepalived.status.EndpointView;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionSlotsTest {
    private static final long S = 1_000_000_000L;

    private static ConnectionSlots.Slot<String> admitted(Admission<String> a) {
        assertThat(a).isInstanceOf(Admission.Admitted.class);
        return ((Admission.Admitted<String>) a).slot();
    }

    private static Optional<String> evicted(Admission<String> a) {
        return ((Admission.Admitted<String>) a).evicted();
    }

    @Test
    void upToTheCapEveryoneIsAdmitted() {
        var slots = new ConnectionSlots<String>("control", 3, 10 * S);
        for (int i = 0; i < 3; i++) {
            assertThat(evicted(slots.admit("c" + i, i))).isEmpty();
        }
        assertThat(slots.view()).isEqualTo(new EndpointView("control", 3, 3, 3, 0, 0, 0));
    }

    @Test
    void beyondTheCapTheOldestIdleClientMakesWay() {
        var slots = new ConnectionSlots<String>("control", 2, 10 * S);
        var first = admitted(slots.admit("idle-1", 0));
        slots.admit("idle-2", 1);
        var third = slots.admit("newcomer", 2);
        assertThat(evicted(third)).contains("idle-1");
        assertThat(slots.release(first)).as("already evicted").isFalse();
        assertThat(evicted(slots.admit("another", 3))).contains("idle-2");
        assertThat(slots.view()).isEqualTo(new EndpointView("control", 2, 2, 4, 0, 2, 0));
    }

    @Test
    void whenEverySlotIsBeingAnsweredANewcomerIsRefusedAtOnce() {
        var slots = new ConnectionSlots<String>("metrics", 2, 10 * S);
        var a = admitted(slots.admit("a", 0));
        var b = admitted(slots.admit("b", 0));
        slots.progressed(a, 0);
        slots.progressed(b, 0);
        assertThat(slots.admit("c", 1)).isInstanceOf(Admission.Refused.class);
        assertThat(slots.view().refused()).isEqualTo(1);
        assertThat(slots.release(a)).isTrue();
        assertThat(evicted(slots.admit("d", 2))).as("a slot came free").isEmpty();
        assertThat(slots.view()).isEqualTo(new EndpointView("metrics", 2, 2, 3, 1, 0, 0));
    }

    @Test
    void aRequestingClientIsNotEvictedButAnIdleOneBehindItIs() {
        var slots = new ConnectionSlots<String>("control", 2, 10 * S);
        var busy = admitted(slots.admit("busy", 0));
        slots.progressed(busy, 0);
        slots.admit("idle", 1);
        assertThat(evicted(slots.admit("new", 2))).contains("idle");
    }

    @Test
    void aReaderTakingALongAnswerKeepsItsSlotWhileItMakesProgress() {
        var slots = new ConnectionSlots<String>("control", 4, 10 * S);
        var reading = admitted(slots.admit("status-of-10000", 0));
        slots.progressed(reading, S); // request in
        for (long t = 2; t <= 30; t += 2) {
            assertThat(slots.expired(t * S)).isEmpty();
            slots.progressed(reading, t * S); // another part of the answer taken
        }
        assertThat(slots.expired(39 * S)).isEmpty();
        assertThat(slots.expired(40 * S)).as("stopped reading at 30 s").containsExactly("status-of-10000");
    }

    @Test
    void aReaderTricklingJustEnoughProgressStillEndsAtSixLifetimes() {
        var slots = new ConnectionSlots<String>("metrics", 4, 10 * S);
        var trickle = admitted(slots.admit("slow-loris-reader", 0));
        slots.progressed(trickle, S);
        for (long t = 9; t < 60; t += 9) {
            assertThat(slots.expired(t * S)).isEmpty();
            slots.progressed(trickle, t * S);
        }
        assertThat(slots.expired(60 * S - 1)).isEmpty();
        assertThat(slots.expired(60 * S)).containsExactly("slow-loris-reader");
    }

    @Test
    void everyConnectionEndsAtItsLifetimeWithoutProgress() {
        var slots = new ConnectionSlots<String>("control", 4, 10 * S);
        var answering = admitted(slots.admit("slow-reader", 0));
        slots.progressed(answering, 0);
        slots.admit("idle", S);
        assertThat(slots.expired(10 * S - 1)).isEmpty();
        assertThat(slots.expired(10 * S)).containsExactly("slow-reader");
        assertThat(slots.expired(11 * S)).containsExactly("idle");
        assertThat(slots.release(answering)).isFalse();
        assertThat(slots.view()).isEqualTo(new EndpointView("control", 4, 0, 2, 0, 0, 2));
    }

    @Test
    void aThousandIdleClientsHoldAtMostTheCap() {
        var slots = new ConnectionSlots<String>("control", 64, 10 * S);
        int closedByUs = 0;
        for (int i = 0; i < 1000; i++) {
            closedByUs += evicted(slots.admit("idle-" + i, i)).isPresent() ? 1 : 0;
        }
        assertThat(slots.view().open()).isEqualTo(64);
        assertThat(closedByUs).isEqualTo(936);
        // and a real client still gets in, and is answered
        var status = admitted(slots.admit("status", 1000));
        slots.progressed(status, 0);
        assertThat(slots.release(status)).isTrue();
        assertThat(slots.drain()).hasSize(63);
    }
}
