package io.jkeepalived.track;

/**
 * Where process events come from. keepalived listens to the kernel's netlink proc connector
 * ({@code NETLINK_CONNECTOR}, {@code CN_IDX_PROC}: fork, exec, comm and exit events); that needs
 * the FFM socket layer in {@code io.jkeepalived.os}, and will be a second implementation of this
 * interface. {@link ProcScanSource} is the stop-gap.
 *
 * <p>Contract: {@link #start} first reports every existing process through
 * {@link ProcessEventListener#onChange}, then calls {@link ProcessEventListener#onInitialScanDone},
 * then reports changes as they happen.
 */
public interface ProcessEventSource extends AutoCloseable {

    void start(ProcessEventListener listener);

    @Override
    void close();
}
