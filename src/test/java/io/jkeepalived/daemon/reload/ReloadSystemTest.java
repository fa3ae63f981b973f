package io.jkeepalived.daemon.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.testing.NetNs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP on a MASTER: unchanged config changes nothing; a VIP swap happens in place; errors are refused. */
@Tag("system")
class ReloadSystemTest {
    @TempDir
    Path dir;

    @Test
    void reloadKeepsTheMasterAndSwapsVipsInPlace() throws Exception {
        try (var a = NetNs.create("jk-dmn-a"); var b = NetNs.create("jk-dmn-b")) {
            NetNs.veth(a, "eth0", b, "eth0");
            a.ip("addr", "add", "198.18.0.1/24", "dev", "eth0");
            Path conf = dir.resolve("a.conf");
            String text = """
                    vrrp_instance VI_1 {
                      interface eth0
                      virtual_router_id 51
                      priority 150
                      virtual_ipaddress { 198.18.0.100/24
                        198.18.0.101/24 }
                    }
                    """;
            Files.writeString(conf, text);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path log = dir.resolve("a.log");
            Process p = a.spawn(ProcessBuilder.Redirect.to(log.toFile()), java, "-XX:+UseSerialGC", "-Xmx128m",
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "io.jkeepalived.cli.Main", "-n", "-l", "-G", "-f", conf.toString(),
                    "-p", dir.resolve("a.pid").toString(), "-r", dir.resolve("a.vrrp.pid").toString());
            try {
                await(() -> has(a, "198.18.0.100") && has(a, "198.18.0.101"), "VIPs on the master");
                awaitLog(log, "Startup complete");

                hup(p);
                awaitLog(log, "Reload: configuration unchanged");

                Files.writeString(conf, text.replace("198.18.0.101/24", "198.18.0.104/24"));
                hup(p);
                await(() -> has(a, "198.18.0.104") && !has(a, "198.18.0.101"), "VIP swapped");
                assertThat(has(a, "198.18.0.100")).isTrue();
                awaitLog(log, "changed in place [VI_1]");

                Files.writeString(conf, text + "bogus_keyword {\n");
                hup(p);
                awaitLog(log, "Reload refused");
                assertThat(has(a, "198.18.0.104")).isTrue();

                String all = Files.readString(log);
                assertThat(all.lines().filter(l -> l.contains("(VI_1) Entering")).toList())
                        .as("no re-election through three reloads")
                        .hasSize(2); // BACKUP (init), MASTER
            } catch (AssertionError | Exception e) {
                System.out.println("---- a.log\n" + Files.readString(log));
                throw e;
            } finally {
                p.destroy();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void hup(Process p) throws Exception {
        assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor()).isZero();
    }

    private static boolean has(NetNs ns, String vip) {
        return ns.ip("-j", "addr", "show", "dev", "eth0").contains("\"local\":\"" + vip + "\"");
    }

    private static void awaitLog(Path log, String text) throws Exception {
        await(() -> Files.readString(log).contains(text), "log line: " + text);
    }

    private static void await(Check c, String what) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
