package io.jkeepalived.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.jkeepalived.config.HostView;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir Path dir;

    record Out(int exit, String out, String err) {}

    /** A machine with eth0 and eth1, where commands exist when their absolute path does. */
    static final HostView HOST = new HostView() {
        @Override
        public boolean interfaceExists(String name) {
            return name.equals("eth0") || name.equals("eth1");
        }

        @Override
        public boolean executableExists(String command) {
            return Files.isExecutable(Path.of(command));
        }

        @Override
        public boolean userExists(String user) {
            return user.equals("root") || user.equals("nobody");
        }
    };

    static Out run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), java.util.Optional.of(HOST));
        return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path write(String text) throws IOException {
        Path p = dir.resolve("k.conf");
        Files.writeString(p, text);
        return p;
    }

    private static final String CLEAN = """
            global_defs {
                router_id test
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 7
                priority 150
                unicast_src_ip 198.18.0.1
                unicast_peer {
                    198.18.0.2
                }
                virtual_ipaddress {
                    198.18.0.10/24
                }
            }
            """;

    @Test
    void cleanConfigExitsZero() throws IOException {
        var r = run("-t", "-f", write(CLEAN).toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    /** Issue 12: keepalived -t accepts a fwmark virtual server whose real server has port 0, and exits 0. */
    @Test
    void fwmarkRealServerWithPortZeroExitsZero() throws IOException {
        var r = run("-t", "-f", write(CLEAN + """
                virtual_server fwmark 5 {
                    lb_algo rr
                    lb_kind DR
                    real_server 198.18.0.20 0 {
                    }
                }
                """).toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    /** Issue 12: url regex with its companions and UDP_CHECK require_reply without a pattern pass -t as with keepalived. */
    @Test
    void httpRegexAndBareRequireReplyExitZero() throws IOException {
        var r = run("-t", "-f", write(CLEAN + """
                virtual_server 198.18.0.10 80 {
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server 198.18.0.20 80 {
                        HTTP_GET {
                            url {
                                path /health
                                regex "status: (green|yellow)"
                                regex_no_match
                                regex_options caseless multiline
                                regex_stack 32768 65536
                                regex_min_offset 2
                                regex_max_offset 100
                            }
                        }
                        UDP_CHECK {
                            connect_port 53
                            payload Ab12f 3 456
                            require_reply
                        }
                        UDP_CHECK {
                            connect_port 54
                            require_reply 01 XX 03
                        }
                    }
                }
                """).toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        var bad = run("-t", "-f", write(CLEAN + """
                virtual_server 198.18.0.10 80 {
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server 198.18.0.20 80 {
                        HTTP_GET {
                            url {
                                path /
                                regex "(unclosed"
                            }
                        }
                    }
                }
                """).toString());
        assertThat(bad.err()).contains("not a valid (Java) regular expression");
        assertThat(bad.exit()).isEqualTo(5);
    }

    @Test
    void configErrorsExitFiveAndAreAllReported() throws IOException {
        var r = run("-t", "-f", write(CLEAN.replace("priority 150", "priorty 150\n virtual_router_id 300")).toString());
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).contains(":7:5: error: unknown keyword 'priorty' — did you mean 'priority'?")
                .contains("virtual_router_id 300 is out of range 1..255");
    }

    @Test
    void scriptsWithoutScriptSecurityExitSix() throws IOException {
        var r = run("-t", "-f", write(CLEAN.replace("priority 150", "priority 150\n notify_master /bin/true")).toString());
        assertThat(r.exit()).isEqualTo(6);
        assertThat(r.err()).contains("SECURITY VIOLATION");
        var noDefaultUser = run("-t", "-f", write(CLEAN.replace("router_id test", "router_id test\n enable_script_security")
                .replace("priority 150", "priority 150\n notify_master /bin/true")).toString());
        assertThat(noDefaultUser.exit()).isEqualTo(5);
        assertThat(noDefaultUser.err()).contains("unable to set default user keepalived_script");
        var ok = run("-t", "-f", write(CLEAN.replace("router_id test", "router_id test\n enable_script_security\n script_user root")
                .replace("priority 150", "priority 150\n notify_master /bin/true")).toString());
        assertThat(ok.exit()).isZero();
    }

    @Test
    void unknownScriptUserIsAnError() throws IOException {
        var r = run("-t", "-f", write(CLEAN.replace("router_id test", "router_id test\n script_user jk-nobody")).toString());
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).contains(":3:2: error: script_user jk-nobody does not exist");
    }

    @Test
    void missingInterfaceExitsFive() throws IOException {
        var r = run("-t", "-f", write(CLEAN.replace("interface eth0", "interface jk-no-such-if")).toString());
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).contains("interface jk-no-such-if for vrrp_instance VI_1 doesn't exist");
    }

    @Test
    void missingConfigFileIsOnlyFatalWithAllConfig() {
        String missing = dir.resolve("nope.conf").toString();
        assertThat(run("-t", "-f", missing).exit()).isZero();
        assertThat(run("-t", "-e", "-f", missing).exit()).isEqualTo(4);
    }

    @Test
    void configTestLogFileReceivesTheReport() throws IOException {
        Path log = dir.resolve("t.log");
        var r = run("--config-test=" + log, "-f", write(CLEAN.replace("priority 150", "priorty 1")).toString());
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(log)).contains("unknown keyword 'priorty'");
    }

    @Test
    void dumpJsonPrintsTheEffectiveConfig() throws Exception {
        var r = run("-t", "--dump-json", "-f", write(CLEAN).toString());
        assertThat(r.exit()).isZero();
        var json = new ObjectMapper().readTree(r.out());
        var vi = json.get("vrrp_instances").get(0);
        assertThat(vi.get("name").asText()).isEqualTo("VI_1");
        assertThat(vi.get("priority").asInt()).isEqualTo(150);
        assertThat(vi.get("advert_int").asDouble()).isEqualTo(1.0);
        assertThat(vi.get("authentication").isNull()).isTrue();
        assertThat(vi.get("virtual_ipaddress").get(0).get("address").asText()).isEqualTo("198.18.0.10/24");
        assertThat(vi.get("unicast_peer").get(0).asText()).isEqualTo("198.18.0.2");
        assertThat(json.get("global_defs").get("router_id").asText()).isEqualTo("test");
    }

    @Test
    void signumPrintsKeepalivedsNumbers() {
        assertThat(run("--signum=STOP").out()).isEqualTo("15\n");
        assertThat(run("--signum=RELOAD").out()).isEqualTo("1\n");
        assertThat(run("--signum=DATA").out()).isEqualTo("10\n");
        assertThat(run("--signum=STATS").out()).isEqualTo("12\n");
        assertThat(run("--signum=STATS_CLEAR").out()).isEqualTo("63\n");
        assertThat(run("--signum=JSON").out()).isEqualTo("36\n");
        var bad = run("--signum=TDUMP");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("Unknown sigfunc TDUMP");
    }

    @Test
    void versionHelpAndBadOptions() {
        assertThat(run("-v").err()).contains("jkeepalived");
        var help = run("-h");
        assertThat(help.exit()).isZero();
        assertThat(help.err()).contains("--use-file").contains("--config-test").contains("--signum");
        assertThat(run("--bogus").exit()).isEqualTo(1);
    }

    @Test
    void everyKeepalivedFlagParses() {
        var r = run("-f", "/nonexistent", "-P", "-C", "-B", "--all", "-l", "-D", "-S", "local0", "-g", "-G", "-u", "022",
                "-X", "-V", "-I", "-R", "-n", "-d", "-p", "/tmp/p", "-r", "/tmp/r", "-c", "/tmp/c", "-b", "/tmp/b", "-a",
                "-x", "-A", "/tmp/a", "-s", "ns", "-m", "-M", "-e", "-i", "id", "--control-socket", "/tmp/s", "-t");
        assertThat(r.exit()).isEqualTo(4);
    }

    @Test
    void daemonModeRejectsABadLogFacilityBeforeStarting() {
        // the daemon itself runs until signalled: its system test is io.jkeepalived.daemon.FailoverSystemTest
        var r = run("-n", "-f", "/nonexistent", "-S", "local9");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Invalid log facility 'local9'");
    }
}
