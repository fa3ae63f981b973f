package io.jkeepalived.netlink;

/** What the kernel announced on the link and address multicast groups. */
public sealed interface NetlinkEvent {

    /** A link appeared or changed: admin state ({@code up}) and carrier ({@code running}). */
    record LinkChanged(int ifindex, String name, boolean up, boolean running, Link link) implements NetlinkEvent {
    }

    record LinkRemoved(int ifindex, String name) implements NetlinkEvent {
    }

    record AddressAdded(InterfaceAddress address) implements NetlinkEvent {
    }

    record AddressRemoved(InterfaceAddress address) implements NetlinkEvent {
    }

    record RouteRemoved(RemovedRoute route) implements NetlinkEvent {
    }

    record RuleRemoved(RemovedRule rule) implements NetlinkEvent {
    }

    /**
     * The kernel dropped notifications (socket buffer overrun, ENOBUFS): state may have changed
     * unseen, so the consumer must re-read links and addresses.
     */
    record Resync() implements NetlinkEvent {
    }
}
