package io.jkeepalived.config.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys issue 2 requires are all present, with the documented shapes. */
class ConfigJsonTest {
    static final String CONF = """
            global_defs {
                router_id r1
                enable_script_security
            }
            vrrp_script chk {
                script "/bin/true arg"
                interval 1.5
                weight -2
            }
            vrrp_sync_group G {
                group {
                    A
                    B
                }
                notify_master /bin/true
            }
            vrrp_instance A {
                interface eth0
                virtual_router_id 1
                advert_int 2
                authentication {
                    auth_type PASS
                    auth_pass pw
                }
                virtual_ipaddress {
                    198.18.0.1/24 dev eth0 label eth0:1
                }
                track_script {
                    chk weight 5
                }
            }
            vrrp_instance B {
                interface eth1
                virtual_router_id 1
                virtual_ipaddress {
                    198.18.1.1
                }
            }
            virtual_server 198.18.2.1 80 {
                lb_algo rr
                lb_kind DR
                protocol TCP
                sorry_server 198.18.2.9 80
                real_server 198.18.2.2 80 {
                    weight 2
                    MISC_CHECK {
                        misc_path "/bin/true x"
                    }
                    HTTP_GET {
                        url {
                            path /
                            status_code 200
                        }
                    }
                }
            }
            """;

    static JsonNode tree() {
        var r = ConfigLoader.loadString(CONF, "j.conf", Path.of("."), new ReaderOptions("x", Map.of(), false));
        assertThat(r.errors()).isEmpty();
        return ConfigJson.tree(r.config().orElseThrow());
    }

    static List<String> keys(JsonNode n) {
        var out = new ArrayList<String>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void instanceHasEveryRequiredKey() {
        JsonNode a = tree().get("vrrp_instances").get(0);
        assertThat(keys(a)).contains("name", "state", "interface", "virtual_router_id", "priority", "advert_int",
                "version", "nopreempt", "preempt_delay", "accept", "authentication", "unicast_src_ip", "unicast_peer",
                "virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes", "track_script", "track_interface",
                "track_process", "track_file", "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify",
                "use_vmac", "garp_master_delay", "garp_master_repeat", "garp_master_refresh");
        assertThat(a.get("advert_int").isNumber()).isTrue();
        assertThat(a.get("advert_int").asDouble()).isEqualTo(2.0);
        assertThat(a.get("authentication").get("auth_type").asText()).isEqualTo("PASS");
        assertThat(a.get("authentication").get("auth_pass").asText()).isEqualTo("pw");
        assertThat(keys(a.get("virtual_ipaddress").get(0))).contains("address", "dev", "label", "brd", "scope");
        assertThat(a.get("virtual_ipaddress").get(0).get("address").asText()).isEqualTo("198.18.0.1/24");
        assertThat(a.get("track_script").get(0).get("name").asText()).isEqualTo("chk");
        assertThat(a.get("track_script").get(0).get("weight").asInt()).isEqualTo(5);
        assertThat(tree().get("vrrp_instances").get(1).get("authentication").isNull()).isTrue();
    }

    @Test
    void scriptsGroupsGlobalsAndServers() {
        JsonNode t = tree();
        JsonNode s = t.get("vrrp_scripts").get(0);
        assertThat(keys(s)).contains("name", "script", "interval", "timeout", "weight", "rise", "fall", "user");
        assertThat(s.get("interval").asDouble()).isEqualTo(1.5);
        assertThat(s.get("timeout").asDouble()).isEqualTo(1.5);
        JsonNode g = t.get("vrrp_sync_groups").get(0);
        assertThat(keys(g)).contains("name", "group", "notify_master", "notify_backup", "notify_fault", "notify");
        assertThat(keys(t.get("global_defs"))).contains("router_id", "vrrp_version", "vrrp_strict",
                "enable_script_security", "script_user");
        assertThat(t.has("virtual_server_groups")).isTrue();
        JsonNode vs = t.get("virtual_servers").get(0);
        assertThat(keys(vs)).contains("ip", "port", "fwmark", "group", "protocol", "lb_algo", "lb_kind",
                "persistence_timeout", "delay_loop", "quorum", "hysteresis", "sorry_server", "real_servers");
        assertThat(vs.get("delay_loop").asInt()).isEqualTo(60);
        assertThat(vs.get("sorry_server").get("port").asInt()).isEqualTo(80);
        JsonNode rs = vs.get("real_servers").get(0);
        assertThat(keys(rs)).contains("ip", "port", "weight", "inhibit_on_failure", "checkers");
        JsonNode misc = rs.get("checkers").get(0);
        assertThat(misc.get("type").asText()).isEqualTo("MISC_CHECK");
        assertThat(keys(misc)).contains("connect_ip", "connect_port", "connect_timeout", "retry", "delay_before_retry",
                "misc_path", "misc_timeout", "misc_dynamic");
        assertThat(misc.get("retry").asInt()).isZero();
        JsonNode http = rs.get("checkers").get(1);
        assertThat(http.get("type").asText()).isEqualTo("HTTP_GET");
        assertThat(http.get("delay_before_retry").asInt()).isEqualTo(3);
        assertThat(keys(http.get("urls").get(0))).contains("path", "digest", "status_code");
    }

    @Test
    void durationsKeepMicroseconds() {
        assertThat(ConfigJson.secs(java.time.Duration.ofNanos(2_718_280_000L)).decimalValue().toPlainString())
                .isEqualTo("2.71828");
        assertThat(ConfigJson.secs(java.time.Duration.ofSeconds(5)).toString()).isEqualTo("5");
    }
}
