package io.jkeepalived.config.bind;

import static io.jkeepalived.config.bind.Load.config;
import static io.jkeepalived.config.bind.Load.messages;
import static io.jkeepalived.config.bind.Load.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.HostView;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.model.LvsBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LvsBackendBindingTest {
    static String conf(String backend, String vsBody) {
        return "global_defs {\n lvs_backend " + backend + "\n}\nvirtual_server 198.18.0.1 80 {\n" + vsBody
                + "\n protocol TCP\n real_server 198.18.0.2 80 {\n  TCP_CHECK {\n  }\n }\n}\n";
    }

    @Test
    void unsetMeansChooseAtStart() {
        assertThat(config("global_defs {\n router_id a\n}\n").globalDefs().lvsBackend()).isEmpty();
    }

    @Test
    void bothWordsBind() {
        assertThat(config(conf("ipvs", " lb_algo wlc\n lb_kind DR")).globalDefs().lvsBackend()).contains(LvsBackend.IPVS);
        assertThat(config(conf("nftables", " lb_algo mh\n lb_kind NAT")).globalDefs().lvsBackend())
                .contains(LvsBackend.NFTABLES);
    }

    @Test
    void anUnknownBackendIsAnErrorWithTheChoices() {
        var r = text(conf("iptables", " lb_algo rr\n lb_kind NAT"));
        assertThat(r.hasErrors()).isTrue();
        assertThat(messages(conf("iptables", " lb_algo rr\n lb_kind NAT")))
                .anyMatch(m -> m.contains("t.conf:2:") && m.contains("iptables") && m.contains("ipvs")
                        && m.contains("nftables"));
    }

    @Test
    void nftablesRefusesWhatItCannotExpressAtTheVirtualServer() {
        var m = messages(conf("nftables", " lb_algo wlc\n lb_kind DR"));
        assertThat(m).anyMatch(x -> x.contains("t.conf:4:") && x.contains("wlc") && x.contains("mh|rr|sh|wrr"));
        assertThat(m).anyMatch(x -> x.contains("t.conf:4:") && x.contains("DR") && x.contains("NAT"));
        assertThat(text(conf("nftables", " lb_algo wlc\n lb_kind DR")).hasErrors()).isTrue();
        assertThat(text(conf("nftables", " lb_algo wrr\n lb_kind NAT")).hasErrors()).isFalse();
        assertThat(text(conf("ipvs", " lb_algo wlc\n lb_kind DR")).hasErrors()).isFalse();
    }

    @Test
    void ipvsAskedForOnAKernelWithoutItIsAnErrorAtTheKeyword(@TempDir Path dir) throws Exception {
        HostView noIpvs = new HostView() {
            public boolean interfaceExists(String name) {
                return true;
            }

            public boolean executableExists(String command) {
                return true;
            }

            public boolean userExists(String user) {
                return true;
            }

            public boolean ipvsAvailable() {
                return false;
            }
        };
        Path f = dir.resolve("k.conf");
        Files.writeString(f, conf("ipvs", " lb_algo wlc\n lb_kind DR"));
        var r = ConfigLoader.load(f, new ReaderOptions("host", Map.of(), false), noIpvs);
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.diagnostics().stream().map(Diagnostic::render))
                .anyMatch(m -> m.contains("k.conf:2:") && m.contains("no IPVS") && m.contains("nftables"));
        Files.writeString(f, conf("nftables", " lb_algo rr\n lb_kind NAT"));
        assertThat(ConfigLoader.load(f, new ReaderOptions("host", Map.of(), false), noIpvs).hasErrors()).isFalse();
    }
}
