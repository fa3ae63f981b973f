package io.jkeepalived.vrrp.engine;

/** Test shorthands for the fault events the daemon's link watcher sends. */
final class Events {
    private Events() {
    }

    static Event interfaceDown() {
        return new Event.FaultChanged(FaultCause.INTERFACE_DOWN, true);
    }

    static Event interfaceUp() {
        return new Event.FaultChanged(FaultCause.INTERFACE_DOWN, false);
    }

    static Event sourceAddressLost() {
        return new Event.FaultChanged(FaultCause.SOURCE_ADDRESS_MISSING, true);
    }

    static Event sourceAddressRestored() {
        return new Event.FaultChanged(FaultCause.SOURCE_ADDRESS_MISSING, false);
    }
}
