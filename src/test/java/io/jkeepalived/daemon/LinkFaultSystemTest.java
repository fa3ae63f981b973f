package io.jkeepalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.testing.NetNs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One jkeepalived with a VRRPv2 IPv4 and a VRRPv3 IPv6 instance on one interface: both become
 * MASTER and hold their VIPs; the link going down puts both in FAULT and removes the VIPs; the
 * link coming back brings them back through BACKUP to MASTER.
 */
@Tag("system")
class LinkFaultSystemTest {
    static final String VIP4 = "198.18.0.100";
    static final String VIP6 = "2001:db8::100";

    @TempDir
    Path dir;

    @Test
    void linkDownIsFaultAndReleasesTheVips() throws Exception {
        try (var a = NetNs.create("jk-dmn-a"); var b = NetNs.create("jk-dmn-b")) {
            NetNs.veth(a, "eth0", b, "eth0");
            a.ip("addr", "add", "198.18.0.1/24", "dev", "eth0");
            Path conf = dir.resolve("a.conf");
            Files.writeString(conf, """
                    vrrp_instance V4 {
                      interface eth0
                      virtual_router_id 51
                      priority 150
                      virtual_ipaddress { %s/24 }
                    }
                    vrrp_instance V6 {
                      interface eth0
                      virtual_router_id 52
                      version 3
                      advert_int 0.2
                      priority 150
                      virtual_ipaddress { %s/64 }
                    }
                    """.formatted(VIP4, VIP6));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path log = dir.resolve("a.log");
            Process p = a.spawn(ProcessBuilder.Redirect.to(log.toFile()), java, "-XX:+UseSerialGC", "-Xmx128m",
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "io.jkeepalived.cli.Main", "-n", "-l", "-D", "-G", "-f", conf.toString(),
                    "-p", dir.resolve("a.pid").toString(), "-r", dir.resolve("a.vrrp.pid").toString());
            try {
                await(() -> has(a, VIP4) && has(a, VIP6), "both VIPs on the master");
                assertThat(Files.readString(log)).contains("(V6) Sending/queueing Unsolicited Neighbour Adverts on eth0"
                        + " for " + VIP6);

                a.ip("link", "set", "eth0", "down");
                await(() -> Files.readString(log).contains("(V4) Entering FAULT STATE")
                        && Files.readString(log).contains("(V6) Entering FAULT STATE"), "FAULT");
                await(() -> !has(a, VIP4) && !has(a, VIP6), "both VIPs released");
                assertThat(Files.readString(log)).contains("Netlink reports eth0 down");

                a.ip("link", "set", "eth0", "up");
                await(() -> has(a, VIP4) && has(a, VIP6), "both VIPs back");
                assertThat(Files.readString(log)).contains("Netlink reports eth0 up");
                long masters = Files.readString(log).lines().filter(l -> l.endsWith("(V4) Entering MASTER STATE"))
                        .count();
                assertThat(masters).isEqualTo(2);
            } catch (AssertionError | Exception e) {
                System.out.println("---- a.log\n" + Files.readString(log));
                throw e;
            } finally {
                p.destroy();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(p.exitValue()).isZero();
            assertThat(has(a, VIP4) || has(a, VIP6)).as("VIPs released on SIGTERM").isFalse();
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static boolean has(NetNs ns, String vip) {
        return ns.ip("-j", "addr", "show", "dev", "eth0").contains("\"local\":\"" + vip + "\"");
    }

    /** Polls until the kernel or the log shows what is awaited. */
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
