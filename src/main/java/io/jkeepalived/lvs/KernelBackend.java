package io.jkeepalived.lvs;

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

    /** Releases sockets and handles; leaves the kernel's table as it is. */
    @Override
    void close();
}
