package io.jkeepalived.vrrp.engine;

import java.util.List;

/**
 * What the engine asks the daemon to do, in the order it must be done. The engine performs none
 * of these; every action names the instance it belongs to (or the sync group, for group notifies).
 */
public sealed interface Action {

    String instance();

    /** Send one advertisement with this priority (0 = "I am leaving MASTER"). */
    record SendAdvert(String instance, int priority, int advertIntervalCentis) implements Action {
    }

    /** Add the virtual addresses (VIPs) and excluded ones (eVIPs). */
    record AddAddresses(String instance, List<String> vips, List<String> evips) implements Action {
    }

    record RemoveAddresses(String instance, List<String> vips, List<String> evips) implements Action {
    }

    record AddRoutes(String instance, List<String> routes) implements Action {
    }

    record RemoveRoutes(String instance, List<String> routes) implements Action {
    }

    record AddRules(String instance, List<String> rules) implements Action {
    }

    record RemoveRules(String instance, List<String> rules) implements Action {
    }

    /** Install the no_accept drop rules for these addresses (MASTER, not owner, accept off). */
    record InstallNoAccept(String instance, List<String> addresses) implements Action {
    }

    record RemoveNoAccept(String instance, List<String> addresses) implements Action {
    }

    /**
     * Send gratuitous ARPs (IPv4) or unsolicited NAs (IPv6) now: {@code count} packets for each
     * address. With vrrp_garp_interval the engine has already split the burst into single packets
     * at their due times.
     */
    record SendGratuitous(String instance, List<String> addresses, int count, GarpKind kind) implements Action {
    }

    /**
     * Run a notify script with exactly this argv, without waiting.
     *
     * @param forStop it reports the STOP state ({@code notify_stop}, or the generic {@code notify}
     *                with STOP appended): shutdown waits for it, up to 1 s
     */
    record RunNotify(String instance, NotifyKind kind, List<String> argv, boolean forStop) implements Action {
        public RunNotify(String instance, NotifyKind kind, List<String> argv) {
            this(instance, kind, argv, kind == NotifyKind.STOP);
        }
    }

    /** Write this line (without the trailing newline) to the notify FIFO. */
    record WriteFifo(String instance, String line) implements Action {
    }

    /** A sync group changed state; {@code instance} is the group's name (for smtp_alert mails). */
    record GroupStateChanged(String instance, VrrpState state) implements Action {
    }

    /** Log a state change (also counted and stamped by the router). */
    record LogTransition(String instance, Transition transition) implements Action {
    }

    /**
     * A lower-priority advert was received: discarded by a BACKUP, or answered by a MASTER. Kept
     * typed rather than pre-formatted so the hot path builds no strings; {@link #message()} gives
     * keepalived's log text.
     */
    record LowerPriorityAdvert(String instance, IpAddr source, int priority, int ours, boolean asMaster,
                               boolean forcingElection) implements Action {
        public String message() {
            return asMaster
                    ? "Received advert from " + source + " with lower priority " + priority + ", ours " + ours
                            + (forcingElection ? ", forcing new election" : "")
                    : "received lower priority (" + priority + ") advert from " + source + " - discarding";
        }
    }

    /**
     * A MASTER put back a resource someone else removed (the Add action and, for an address, its
     * gratuitous packets come just before this): counted, and logged once per episode.
     */
    record ResourceRestored(String instance, Event.Resource kind, String id) implements Action {
    }

    /** Log a protocol event worth an INFO line. */
    record LogMessage(String instance, String message) implements Action {
        /** A MASTER hears its own address at its own priority: each such packet logs this (rate-limited). */
        public static final String OWN_ADDRESS_ADVERT =
                "WARNING - equal priority advert received from remote host with our IP address";
    }

    enum GarpKind { MASTER_BURST, MASTER_DELAYED, MASTER_REFRESH, LOWER_PRIO, LOWER_PRIO_DELAYED }

    enum NotifyKind { MASTER, BACKUP, FAULT, STOP, DELETED, GENERIC, MASTER_RX_LOWER_PRI, SPLIT_BRAIN }
}
