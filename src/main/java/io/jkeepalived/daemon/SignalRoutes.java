package io.jkeepalived.daemon;

import io.jkeepalived.os.SignalMask;
import java.util.ArrayList;
import java.util.List;

/**
 * How each control signal reaches the loop. The launcher blocks all of them before it execs the JVM
 * and starts it with {@code -Xrs}: blocked in every thread, they stay pending and a signalfd polled by
 * the loop reads them, and the JVM needs no signal-dispatching thread. A signal found unblocked (the
 * JVM ran without {@code -Xrs}, which unblocks HUP, INT and TERM for its own handlers, or without the
 * launcher) goes through the JDK's handlers instead. keepalived's real-time signals (JSON, STATS_CLEAR)
 * always go to the signalfd: the JDK cannot handle them, and unblocked they would kill the process.
 * QUIT goes to the signalfd when blocked (with {@code -Xrs} the JVM neither dumps threads on it nor
 * attaches {@code jcmd} through it, and unblocked it would kill the process: a {@code jcmd PID} must
 * not stop the daemon); unblocked, it stays the JVM's.
 *
 * @param viaFd signal numbers for the signalfd
 * @param viaJdk names ({@code sun.misc.Signal}'s) for the JDK's handlers
 */
record SignalRoutes(List<Integer> viaFd, List<String> viaJdk) {
    static final int SIGHUP = 1;
    static final int SIGINT = 2;
    static final int SIGQUIT = 3;
    static final int SIGUSR1 = 10;
    static final int SIGUSR2 = 12;
    static final int SIGTERM = 15;
    static final int SIGJSON = 36;
    static final int SIGSTATS_CLEAR = 63;

    /** A control signal; {@code jdk}: where it goes when found unblocked (QUIT then stays the JVM's). */
    private record Named(String name, int number, boolean jdk) {}

    private static final Named HUP = new Named("HUP", SIGHUP, true);
    private static final Named INT = new Named("INT", SIGINT, true);
    private static final Named QUIT = new Named("QUIT", SIGQUIT, false);
    private static final Named USR1 = new Named("USR1", SIGUSR1, true);
    private static final Named USR2 = new Named("USR2", SIGUSR2, true);
    private static final Named TERM = new Named("TERM", SIGTERM, true);

    SignalRoutes {
        viaFd = List.copyOf(viaFd);
        viaJdk = List.copyOf(viaJdk);
    }

    /** The daemon's routes, given the signals blocked in the loop's thread ({@link SignalMask#blockedHere}). */
    static SignalRoutes daemon(long blocked) {
        return of(blocked, List.of(HUP, INT, QUIT, USR1, USR2, TERM));
    }

    /** The health checker alone (-C) only stops: INT and TERM. */
    static SignalRoutes stopOnly(long blocked) {
        return of(blocked, List.of(INT, TERM));
    }

    private static SignalRoutes of(long blocked, List<Named> signals) {
        List<Integer> fd = new ArrayList<>();
        List<String> jdk = new ArrayList<>();
        for (Named s : signals) {
            if (SignalMask.has(blocked, s.number())) fd.add(s.number());
            else if (s.jdk()) jdk.add(s.name());
        }
        fd.add(SIGJSON);
        fd.add(SIGSTATS_CLEAR);
        return new SignalRoutes(fd, jdk);
    }

    /** {@link #viaFd} for {@link io.jkeepalived.os.SignalFd#open}. */
    int[] fdSignals() {
        return viaFd.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Whether stopping or reloading depends on the signalfd (a blocked TERM, INT or HUP): then the daemon
     * must not run without it, or nothing short of SIGKILL would stop it.
     */
    boolean stopsOrReloadsViaFd() {
        return viaFd.contains(SIGTERM) || viaFd.contains(SIGINT) || viaFd.contains(SIGHUP);
    }
}
