package io.jkeepalived.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own for tests that need a daemon-like parent: {@code signals} prints its own signal
 * state and that of a script it starts ({@link ChildSignalStateTest}, run under a parent that
 * blocked 36 and 63); {@code hold} starts {@code sleep 100}, prints its pid and waits to be
 * killed ({@link ParentDeathTest}).
 */
public final class LauncherProbe {

    private LauncherProbe() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "signals" -> signals();
            case "hold" -> hold();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void signals() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Sig")) {
                System.out.println("parent " + line);
            }
        }
        try (ScriptLauncher launcher = ScriptLauncher.system()) {
            RunningScript rs = ((ScriptLauncher.Started) launcher.start(
                    List.of("/bin/grep", "^Sig", "/proc/self/status"), Optional.empty())).script();
            int code = rs.exit().get(10, TimeUnit.SECONDS);
            for (String line : rs.output().tail().split("\n")) {
                System.out.println("child " + line);
            }
            System.out.println("exit " + code);
        }
    }

    @SuppressWarnings("resource") // held open until this JVM is killed
    private static void hold() throws Exception {
        ScriptLauncher launcher = ScriptLauncher.system();
        RunningScript rs = ((ScriptLauncher.Started) launcher.start(List.of("/bin/sleep", "100"), Optional.empty())).script();
        System.out.println("pid " + rs.pid());
        System.out.flush();
        rs.exit().get();
    }
}
