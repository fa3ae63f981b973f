package io.jkeepalived.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a pcap file with tshark. tshark 4.0 always verifies VRRP checksums (v3 with the IPv4/IPv6
 * pseudo-header, as RFC 5798 says) and reports the result in {@code vrrp.checksum.status}.
 */
public final class Tshark {
    private Tshark() {}

    /**
     * One row per packet matching {@code displayFilter}: the values of {@code fields} (tab separated
     * by tshark); {@code vrrp.checksum.status} is 1 (good), 0 (bad) or 2 (not verified).
     */
    public static List<List<String>> fields(Path pcap, String displayFilter, String... fields) {
        var cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-Y", displayFilter, "-T", "fields", "-E", "occurrence=f"));
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
