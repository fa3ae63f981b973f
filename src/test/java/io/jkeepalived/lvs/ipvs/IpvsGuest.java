package io.jkeepalived.lvs.ipvs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jkeepalived.testing.Impl;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The QEMU guest with a real IPVS (src/test/vm/ipvs-vm): builds its image when missing or older
 * than its scripts, and runs one shell script in it, in which {@code $JAVA} starts a JVM on this
 * test run's classpath (the host filesystem is the guest's, read-only).
 */
public final class IpvsGuest {
    private IpvsGuest() {}

    public static final Path VM = Impl.repoRoot().resolve("src/test/vm/ipvs-vm");
    static final Path IMAGE = Path.of(System.getenv().getOrDefault("RUNVM_DIR", "/var/tmp/jk-ipvs-vm"));

    /** Skips the calling test when QEMU or the image cannot be had; builds the image when stale. */
    public static void assumeReady() throws IOException, InterruptedException {
        assumeTrue(onPath("qemu-system-x86_64"), "qemu-system-x86 is not installed (./jk setup)");
        Path initrd = IMAGE.resolve("initramfs.cpio.gz");
        long newestScript = Math.max(Files.getLastModifiedTime(VM.resolve("build-initramfs.sh")).toMillis(),
                Files.getLastModifiedTime(VM.resolve("init")).toMillis());
        if (!Files.exists(initrd) || Files.getLastModifiedTime(initrd).toMillis() < newestScript) {
            Process p = new ProcessBuilder(VM.resolve("build-initramfs.sh").toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(p.waitFor() == 0, "could not build the IPVS guest image:\n" + out);
        }
    }

    /** Runs {@code script} in a fresh guest; its stdout (stderr goes to ours), failing on a bad exit. */
    public static String run(String script, Duration timeout) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jvm = java + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto --enable-native-access=ALL-UNNAMED"
                + " -cp " + String.join(":", classpath());
        Path out = Files.createTempFile("jk-ipvs-guest", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(VM.resolve("run-in-vm.sh").toString(), "JAVA='" + jvm + "'\n" + script)
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .directory(Impl.repoRoot().toFile());
            pb.environment().put("RUNVM_MEM", "768");
            pb.environment().put("RUNVM_TIMEOUT", Long.toString(timeout.toSeconds()));
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds() + 30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the IPVS guest did not finish in " + timeout);
            }
            String text = Files.readString(out);
            if (p.exitValue() != 0) throw new AssertionError("guest script exited " + p.exitValue() + ":\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** {@code === NAME} sections of a driver's output, in order. */
    static Map<String, String> sections(String output) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        StringBuilder sb = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.startsWith("=== ")) {
                if (name != null) out.put(name, sb.toString());
                name = line.substring(4).strip();
                sb.setLength(0);
            } else if (name != null) {
                sb.append(line).append('\n');
            }
        }
        if (name != null) out.put(name, sb.toString().replaceAll("\n+$", "\n"));
        return out;
    }

    /** This JVM's classpath as files, resolving surefire's manifest-only jar. */
    static List<String> classpath() throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(":")) {
            if (entry.contains("surefirebooter") && entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry)) {
                    String cp = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : cp.split(" ")) {
                        if (!url.isBlank()) out.add(Path.of(URI.create(url)).toString());
                    }
                }
            } else {
                out.add(entry);
            }
        }
        return out;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = IpvsGuest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
