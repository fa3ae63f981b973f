package io.jkeepalived.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Decodes a pcap file with tshark, with VRRP checksum verification on. */
public final class Tshark {
    private Tshark() {}

    /**
     * One row per packet matching {@code displayFilter}: the values of {@code fields} (tab separated
     * by tshark), with {@code vrrp.check_checksum} enabled so {@code vrrp.checksum.status} is 1 (good)
     * or 0 (bad).
     */
    public static List<List<String>> fields(Path pcap, String displayFilter, String... fields) {
        var cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-o", "vrrp.check_checksum:TRUE",
                "-Y", displayFilter, "-T", "fields", "-E", "occurrence=f"));
        for (var f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        try {
            var p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out.lines().filter(l -> !l.isBlank()).map(l -> Arrays.asList(l.split("\t", -1))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
