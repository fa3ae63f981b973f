package io.jkeepalived.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Sends a signal to one process by PID (never by name). */
public final class Signals {
    private Signals() {}

    /** {@code kill -SIG PID}; a process that is already gone is not an error. */
    public static void send(long pid, String signal) {
        try {
            var p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
