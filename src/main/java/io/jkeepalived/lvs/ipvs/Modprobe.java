package io.jkeepalived.lvs.ipvs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Loads a kernel module with the program the kernel itself uses ({@code /proc/sys/kernel/modprobe},
 * usually {@code /sbin/modprobe}), once, at backend start.
 *
 * <p>Through ProcessBuilder, not {@code os.ProcessSpawn}: this is one short synchronous call with
 * its output discarded and a bounded wait, made before the backend exists. What ProcessSpawn adds
 * (default signal dispositions, a process group to kill, output polled on the daemon's loop) matters
 * for user scripts that run long and fork; modprobe does neither.
 */
final class Modprobe {
    private Modprobe() {}

    private static final long TIMEOUT_SECONDS = 10;

    /** True when modprobe ran and exited 0; false otherwise (missing, failed, timed out). */
    static boolean load(String module) {
        String program = "/sbin/modprobe";
        try {
            String configured = Files.readString(Path.of("/proc/sys/kernel/modprobe")).trim();
            if (!configured.isEmpty()) program = configured;
        } catch (IOException | RuntimeException e) {
            // keep the default
        }
        try {
            Process p = new ProcessBuilder(program, module).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
