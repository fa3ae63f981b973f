package io.jkeepalived.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.CorpusFiles;
import io.jkeepalived.config.HostView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Differential check against Debian's keepalived 2.2.7: each corpus config with one line deleted or
 * one keepalived-ish line inserted, through {@code keepalived -t} (in a namespace with the interfaces
 * below) and our {@code -t} (told the same interfaces exist). Whenever keepalived accepts, we must too;
 * every mismatch in either direction goes to target/differential-config-report.txt.
 */
@Tag("interop")
class DifferentialKeepalivedTest {
    private static final Set<String> INTERFACES = Set.of("eth0", "eth1", "eth2", "eth3", "ens160");
    private static final String NS = "jk-cfg-diff";
    private static final String[] INSERTS = {"{", "}", "-1", "0", "300", "1.5", "nopreempt", "state MASTER",
            "priority 255", "version 3", "accept", "vrrp_strict", "weight 10", "dev eth9", "2001:db8::5",
            "198.18.9.9/33", "lb_kind TUN", "protocol UDP", "persistence_timeout", "advert_int 0.3",
            "garp_master_delay 2", "track_interface {\n eth1\n}", "smtp_alert", "quorum 0", "hysteresis -1",
            "delay_loop 0", "weight 0", "retry 0", "connect_port 70000", "url {\n path /\n}", "status_code 99",
            "digest abc", "virtualhost x", "inhibit_on_failure", "sorry_server 198.18.0.9", "ha_suspend", "alpha",
            "omega", "notify_up /bin/true", "lvs_sched xx", "real_server 198.18.0.77 80 {\n}",
            "unicast_peer {\n 198.18.0.7\n}", "virtual_ipaddress_excluded {\n 198.18.3.3\n}", "preempt_delay 2000",
            "mcast_src_ip 198.18.0.1", "vrrp_script x {\n script /bin/true\n}", "interval 0", "fall 0", "rise 0",
            "timeout 0", "init_fail", "user nobody", "garp_master_refresh 0", "down_timer_adverts 0",
            "virtual_router_id 0", "priority 256", "auth_type XX", "lb_kind nat", "protocol tcp", "state backup",
            "TCP_CHECK {\n connect_timeout 0\n}", "MISC_CHECK {\n misc_path /bin/true\n misc_timeout 0\n}"};

    @Test
    void whateverKeepalivedAcceptsWeAccept() throws Exception {
        HostView host = new HostView() {
            @Override
            public boolean interfaceExists(String name) {
                return INTERFACES.contains(name);
            }

            @Override
            public boolean executableExists(String command) {
                return HostView.local(System.getenv()).executableExists(command);
            }

            @Override
            public boolean userExists(String user) {
                return HostView.local(System.getenv()).userExists(user);
            }
        };
        List<Path> corpus = CorpusFiles.all();
        var rnd = new SplittableRandom(Long.getLong("diff.seed", 11));
        var report = new StringBuilder();
        var acceptMismatches = new ArrayList<String>();
        Path file = Files.createTempFile("jk-cfg-diff", ".conf");
        run("ip", "netns", "del", NS);
        try {
            run("ip", "netns", "add", NS);
            for (String i : INTERFACES) run("ip", "-n", NS, "link", "add", i, "type", "veth", "peer", "name", "p" + i);
            for (int round = 0, n = Integer.getInteger("diff.rounds", 500); round < n; round++) {
                Path src = corpus.get(rnd.nextInt(corpus.size()));
                var lines = new ArrayList<>(Files.readAllLines(src));
                String what;
                if (rnd.nextBoolean() && !lines.isEmpty()) {
                    int d = rnd.nextInt(lines.size());
                    what = "deleted line " + (d + 1);
                    lines.remove(d);
                } else {
                    int at = rnd.nextInt(lines.size() + 1);
                    String ins = INSERTS[rnd.nextInt(INSERTS.length)];
                    what = "inserted '" + ins.replace("\n", "\\n") + "' at line " + (at + 1);
                    lines.add(at, ins);
                }
                Files.write(file, lines);
                int k = run("ip", "netns", "exec", NS, "keepalived", "-t", "-f", file.toString());
                var err = new ByteArrayOutputStream();
                int j = Main.run(new String[] {"-t", "-f", file.toString()}, new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8), Optional.of(host));
                if ((k == 0) != (j == 0) && k != 143) {
                    String line = CorpusFiles.name(src) + " " + what + ": keepalived " + k + ", jkeepalived " + j;
                    report.append(line).append('\n').append(err.toString(StandardCharsets.UTF_8));
                    if (k == 0) acceptMismatches.add(line);
                }
            }
        } finally {
            run("ip", "netns", "del", NS);
            Files.deleteIfExists(file);
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/differential-config-report.txt"), report);
        assertThat(acceptMismatches).isEmpty();
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            return 143;
        }
        return p.exitValue();
    }
}
