package io.jkeepalived.track;

import java.util.Optional;

/**
 * keepalived's rise/fall counter for {@code vrrp_script}, as a pure state machine.
 *
 * <p>A counter runs from 0 to {@code rise + fall - 1}; at or above {@code rise} the script is up.
 * From up, {@code fall} consecutive failures bring it down; from down, {@code rise} consecutive
 * successes bring it up; any opposite result in between resets the streak. Before the first
 * result the state is unknown and the counter sits at {@code rise - 1}, so the first result
 * decides alone (one success is UP, one failure is DOWN), which is what keepalived does at start.
 * With {@code init_fail} it starts DOWN at 0 and needs {@code rise} successes.
 */
public final class RiseFall {

    private final int rise;
    private final int fall;
    private int counter;
    private Optional<TrackState> state;

    public RiseFall(int rise, int fall, boolean initFail) {
        this.rise = Math.max(1, rise);
        this.fall = Math.max(1, fall);
        this.counter = initFail ? 0 : this.rise - 1;
        this.state = initFail ? Optional.of(TrackState.DOWN) : Optional.empty();
    }

    /** Empty until the first verdict (never empty with {@code init_fail}). */
    public Optional<TrackState> state() {
        return state;
    }

    /** Records one run's result; returns the new state when it changed (or was first decided). */
    public Optional<TrackState> record(boolean success) {
        int top = rise + fall - 1;
        Optional<TrackState> before = state;
        if (success) {
            if (counter < rise - 1) {
                counter++;
            } else {
                counter = top;
                state = Optional.of(TrackState.UP);
            }
        } else if (counter > rise) {
            counter--;
        } else {
            counter = 0;
            state = Optional.of(TrackState.DOWN);
        }
        return state.equals(before) ? Optional.empty() : state;
    }
}
