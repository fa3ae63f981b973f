package io.jkeepalived.check.engine;

import io.jkeepalived.check.probe.ProbeResult;
import java.net.InetAddress;

/** Inputs to the {@link CheckEngine}; time is passed beside each event as {@code nowNanos}. */
public sealed interface CheckEvent {

    /** A probe asked for by {@link CheckAction.ProbeDue} finished; unknown or stale tickets are ignored. */
    record ProbeReported(long ticket, ProbeResult result) implements CheckEvent {}

    /**
     * A local address appeared or went away. Checkers of {@code ha_suspend} virtual servers run only
     * while their virtual address is here; until told, an address counts as absent.
     */
    record AddressPresence(InetAddress address, boolean present) implements CheckEvent {}

    /** The daemon stops: omega notifiers run, every service leaves the table, probing ends. */
    record Shutdown() implements CheckEvent {}
}
