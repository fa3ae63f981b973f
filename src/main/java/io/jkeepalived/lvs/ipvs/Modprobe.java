package io.jkeepalived.lvs.ipvs;

import io.jkeepalived.os.ChildProcess;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.PollSet;
import io.jkeepalived.os.ProcessSpawn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Loads a kernel module with the program the kernel itself uses ({@code /proc/sys/kernel/modprobe},
 * usually {@code /sbin/modprobe}), once, at backend start.
 *
 * <p>Through {@code os.ProcessSpawn} and a wait on the child's pidfd, as scripts are started, not
 * through ProcessBuilder: the JDK's way left a "process reaper" thread behind for a minute and
 * loaded its process classes, on a daemon that counts its threads.
 */
final class Modprobe {
    private Modprobe() {}

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> ENVIRONMENT = List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin");

    /** True when modprobe ran and exited 0; false otherwise (missing, failed, timed out). */
    static boolean load(String module) {
        String program = "/sbin/modprobe";
        try {
            String configured = Files.readString(Path.of("/proc/sys/kernel/modprobe")).trim();
            if (!configured.isEmpty()) program = configured;
        } catch (IOException | RuntimeException e) {
            // keep the default
        }
        return run(List.of(program, module), TIMEOUT);
    }

    /** Runs {@code argv} to its end or {@code timeout} (then its process group is killed); true on exit 0. */
    static boolean run(List<String> argv, Duration timeout) {
        ChildProcess child;
        try {
            child = ProcessSpawn.spawn(argv, ENVIRONMENT);
        } catch (OsException e) {
            return false; // not there, not executable
        }
        try (child; PollSet exited = new PollSet()) {
            exited.add(child.pidFd()); // readable once the child has exited
            long deadline = System.nanoTime() + timeout.toNanos();
            OptionalInt status;
            while ((status = child.tryReap()).isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    child.signalGroup(ChildProcess.SIGKILL);
                    while (child.tryReap().isEmpty()) exited.pollNanos(10_000_000L);
                    return false;
                }
                exited.pollNanos(left);
            }
            return status.getAsInt() == 0;
        } catch (OsException e) {
            return false;
        }
    }
}
