package io.jkeepalived.vrrp.engine;

/**
 * Inputs to one virtual router. Time is never part of an event: it is passed beside it as
 * {@code nowNanos} (monotonic).
 */
public sealed interface Event {

    /** The daemon is up and the router leaves INIT. */
    record Startup() implements Event {
    }

    /** Graceful stop: a MASTER sends priority 0 and releases its addresses, then STOP notifies run. */
    record Shutdown() implements Event {
    }

    /**
     * The instance was removed by a reload: like {@link Shutdown}, but the state reported is
     * DELETED with notify_deleted, FAULT otherwise (behaviour §3.11).
     */
    record Removed() implements Event {
    }

    /**
     * An advertisement for this router that the codec has already validated (TTL, version, VRID,
     * auth, checksum, v2 interval); anything it rejected never becomes an event.
     *
     * @param source                the sender's IP source address
     * @param priority              0..255
     * @param advertIntervalCentis  the advert's interval (v3; v2 adverts carry the local value)
     */
    record AdvertReceived(IpAddr source, int priority, int advertIntervalCentis) implements Event {
    }

    /** Only time passing: fire whatever is due at {@code nowNanos}. */
    record TimerTick() implements Event {
    }

    /** A fault flag set or cleared (interface, VMAC base, source address, duplicate VRID, config). */
    record FaultChanged(FaultCause cause, boolean active) implements Event {
    }

    /** A tracker reported up or down. */
    record TrackerChanged(String trackerId, TrackerStatus status) implements Event {
    }

    /** A track_file value changed. */
    record TrackerValue(String trackerId, long value) implements Event {
    }

    /**
     * A reload changed this instance's settings but not what identifies it on the wire (name,
     * VRID, version, family): the router keeps its state and takes the new spec in place.
     */
    record Reconfigured(RouterSpec spec) implements Event {
    }

    /**
     * Something other than this router removed one of the resources a MASTER holds (an operator's
     * {@code ip addr del}, a script, another daemon). A MASTER puts it back; any other state
     * ignores it, so the daemon may report every removal it sees, its own included.
     *
     * @param id the opaque VIP, eVIP, route or rule id of the spec
     */
    record ResourceRemoved(Resource kind, String id) implements Event {
    }

    /** What a MASTER holds in the kernel, for {@link ResourceRemoved} and {@link Action.ResourceRestored}. */
    enum Resource { ADDRESS, ROUTE, RULE }

    /** The configured base priority changed (reload, control socket). 1..255. */
    record PriorityChanged(int basePriority) implements Event {
    }
}
