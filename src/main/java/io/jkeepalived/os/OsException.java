package io.jkeepalived.os;

import java.io.IOException;

/**
 * A failed system call, carrying the operation that failed, the errno and its symbolic name, so the
 * message reads like {@code setsockopt(IP_ADD_MEMBERSHIP) on eth0: EADDRINUSE (Address already in use)}.
 * Netlink errors use the same type: the kernel reports them as a negative errno in NLMSG_ERROR.
 */
public final class OsException extends IOException {

    private final int errno;

    public OsException(String operation, int errno) {
        this(operation, errno, "");
    }

    /** {@code detail} is extra kernel text (netlink extended ack), appended when non-empty. */
    public OsException(String operation, int errno, String detail) {
        super(operation + ": " + Errno.describe(errno) + (detail.isEmpty() ? "" : " - " + detail));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** Symbolic errno name, e.g. {@code EEXIST}. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
