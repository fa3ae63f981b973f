package io.jkeepalived.lvs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.NetNs;
import io.jkeepalived.testing.Node;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code net_namespace_ipvs NAME}: the daemon runs in one namespace and programs the load balancer of
 * another (keepalived's layout for a director whose IPVS lives in a dedicated namespace).
 */
@Tag("system")
class NetNamespaceIpvsSystemTest {

    @Test
    void theTableIsProgrammedInTheNamedNamespaceOnly() throws Exception {
        try (NetNs daemon = NetNs.create("jk-nsi-d"); NetNs lb = NetNs.create("jk-nsi-l")) {
            String config = """
                    global_defs {
                        router_id nsi
                        lvs_backend nftables
                        net_namespace_ipvs %s
                    }
                    virtual_server 198.18.0.1 80 {
                        lb_algo rr
                        lb_kind NAT
                        protocol TCP
                        real_server 198.18.0.2 80 {
                            weight 1
                        }
                    }
                    """.formatted(lb.name());
            try (Node n = Node.startWithChecker(Impl.J, "nsi", daemon, config, Files.createTempDirectory("jk-nsi"))) {
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!lb.execResult("nft", "list", "ruleset").output().contains("198.18.0.2")) {
                    assertThat(System.nanoTime()).as("the table appears in " + lb.name()).isLessThan(end);
                    Thread.sleep(50); // polling the kernel: nothing to await
                }
                assertThat(daemon.execResult("nft", "list", "tables").output()).doesNotContain("jkeepalived");
                assertThat(n.log().lines()).anyMatch(l -> l.text().contains("Load balancer: nftables in the kernel"));
                n.terminate();
                n.awaitExit(Duration.ofSeconds(20));
                assertThat(lb.exec("nft", "list", "table", "inet", "jkeepalived")).doesNotContain("198.18.0.2");
            }
        }
    }
}
