package io.jkeepalived.vrrp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-runs scripts/capture-golden.sh against the real C keepalived (namespaces jk-wire-a/b, cleaned up by the
 * script's trap) and checks that the committed golden files are what keepalived sends today. Only fields that
 * legitimately vary between runs are masked: the IP ID and header checksum of priority-0 packets (the ID counts
 * adverts sent before SIGTERM) and the IPv6 flow label (chosen by the kernel). Needs root, iproute2, tcpdump,
 * keepalived; about 40 s.
 */
@Tag("interop")
class GoldenCaptureInteropTest {

    @Test
    void committedGoldenFilesMatchAFreshCapture(@TempDir Path out) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("scripts/capture-golden.sh").redirectErrorStream(true);
        pb.environment().put("OUT", out.toString());
        Process p = pb.start();
        byte[] log = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(log, StandardCharsets.UTF_8)).isZero();

        List<Path> committed;
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden"))) {
            committed = files.filter(f -> f.toString().endsWith(".hex")).sorted().toList();
        }
        assertThat(committed).hasSize(15);
        for (Path golden : committed) {
            String name = golden.getFileName().toString().replace(".hex", "");
            Path fresh = out.resolve(golden.getFileName());
            assertThat(fresh).as(name).exists();
            byte[] expected = masked(name, Golden.frame(name));
            byte[] actual = masked(name, hexOf(fresh));
            assertThat(HexFormat.of().formatHex(actual)).as(name).isEqualTo(HexFormat.of().formatHex(expected));
        }
    }

    private static byte[] masked(String name, byte[] frame) {
        byte[] f = frame.clone();
        boolean ipv4 = f.length > 14 && f[12] == 0x08 && f[13] == 0x00;
        boolean ipv6 = f.length > 14 && f[12] == (byte) 0x86 && f[13] == (byte) 0xdd;
        if (ipv4 && name.endsWith("prio0")) {
            f[18] = 0;
            f[19] = 0;
            f[24] = 0;
            f[25] = 0;
        }
        if (ipv6) {
            f[15] &= (byte) 0xf0;
            f[16] = 0;
            f[17] = 0;
        }
        return f;
    }

    private static byte[] hexOf(Path file) throws IOException {
        StringBuilder hex = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#")) {
                hex.append(line.replace(" ", ""));
            }
        }
        return HexFormat.of().parseHex(hex.toString());
    }
}
