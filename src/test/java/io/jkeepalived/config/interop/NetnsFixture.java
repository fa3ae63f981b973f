package io.jkeepalived.config.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace holding one veth per interface name a config references, so keepalived's
 * interface checks pass. Deleted on close, also when the test fails.
 */
final class NetnsFixture implements AutoCloseable {
    final String name;

    NetnsFixture(String name, Collection<String> interfaces) throws IOException, InterruptedException {
        this.name = name;
        sh("ip", "netns", "del", name); // leftovers of an interrupted run
        must("ip", "netns", "add", name);
        try {
            must("ip", "-n", name, "link", "set", "lo", "up");
            int k = 0;
            for (String iface : interfaces) {
                String peer = "jkp" + k++;
                must("ip", "-n", name, "link", "add", iface, "type", "veth", "peer", "name", peer);
                must("ip", "-n", name, "link", "set", iface, "up");
                must("ip", "-n", name, "link", "set", peer, "up");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close(); // the caller's try-with-resources never sees a half-built fixture
            throw e;
        }
    }

    /** Runs a command inside the namespace; stdout+stderr and the exit code. */
    Run exec(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        var full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return run(full, timeoutSeconds);
    }

    record Run(int exit, String stdout, String stderr) {}

    static Run run(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(cmd);
        var out = java.nio.file.Files.createTempFile("jk-cfg", ".out");
        var err = java.nio.file.Files.createTempFile("jk-cfg", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Run(-1, "", "timeout");
            }
            return new Run(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    private static void must(String... cmd) throws IOException, InterruptedException {
        Run r = run(List.of(cmd), 30);
        if (r.exit() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + r.stderr());
    }

    private static void sh(String... cmd) throws IOException, InterruptedException {
        run(List.of(cmd), 30);
    }

    @Override
    public void close() throws IOException {
        try {
            sh("ip", "netns", "del", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
