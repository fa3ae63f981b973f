package io.jkeepalived.lvs;

import java.util.Optional;

/**
 * A load balancer in the kernel (IPVS over generic netlink, or nftables): the {@link LoadBalancer}
 * port plus what the reconciler needs to read the kernel back.
 *
 * <p>Backends know nothing of ownership: {@link #dump()} returns every service the kernel holds
 * that this backend can express, foreign ones included; the reconciler decides what to touch.
 * Every call returns a result, never throws; a backend is used from one thread.
 */
public interface KernelBackend extends LoadBalancer, AutoCloseable {

    /** {@code ipvs} or {@code nftables}: the word of {@code lvs_backend} and of status. */
    String name();

    /** The kernel's table now. */
    KernelDump dump();

    /**
     * Asks to be told when someone else changes the kernel's table (a hand edit, {@code nft flush
     * ruleset}): {@code changed} then runs on a thread of the backend's, so it must only hand the news
     * to the backend's own thread (schedule a reconcile there). Calls come once per notification burst,
     * never for the backend's own changes. At most one listener. False when this backend cannot watch:
     * the caller then relies on its periodic reconcile alone.
     */
    default boolean watch(Runnable changed) {
        return false;
    }

    /**
     * A watch on someone else's changes that the caller's own thread reads, instead of a thread of the
     * backend's calling a listener: the caller waits for input on {@link #fd()} (poll(2), POLLIN) along
     * with whatever else it waits for, and calls {@link #drain()} when it is readable. Like the backend,
     * used from one thread.
     */
    interface PolledWatch {
        /** The descriptor to wait on; the backend's, open until the backend is closed. */
        int fd();

        /**
         * Reads every notification pending, without blocking: true when any told of someone else's
         * change of the table, or notifications were lost (then there may have been one).
         */
        boolean drain();

        /**
         * False once the watch can tell of nothing more (its socket failed, or it could not subscribe
         * again after one of the backend's own changes): the caller then relies on its periodic
         * reconcile alone.
         */
        boolean listening();
    }

    /**
     * Subscribes to changes someone else makes to the kernel's table, for the caller to read itself
     * (see {@link PolledWatch}); not together with {@link #watch}. Empty when this backend cannot
     * watch so, or is watched already: the caller then tries {@link #watch} or polls alone.
     */
    default Optional<PolledWatch> polledWatch() {
        return Optional.empty();
    }

    /** Releases sockets and handles; leaves the kernel's table as it is. */
    @Override
    void close();
}
