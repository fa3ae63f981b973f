package io.jkeepalived.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterfaceTrackerTest {

    @Test
    void reportsChangesOfTrackedInterfacesOnly() {
        List<TrackerEvent> out = new ArrayList<>();
        InterfaceTracker t = new InterfaceTracker(Set.of("eth1"), out::add);
        t.onLink("eth1", true, true, 1);
        t.onLink("eth1", true, true, 2);
        t.onLink("eth0", false, false, 3);
        t.onLink("eth1", true, false, 4);
        t.onDeleted("eth1", 5);
        assertThat(out).containsExactly(
                new TrackerEvent.InterfaceLink("eth1", TrackState.UP, 1),
                new TrackerEvent.InterfaceLink("eth1", TrackState.DOWN, 4));
    }
}
