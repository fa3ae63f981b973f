package io.jkeepalived.config.bind;

import static io.jkeepalived.config.bind.Load.config;
import static io.jkeepalived.config.bind.Load.instance;
import static io.jkeepalived.config.bind.Load.messages;
import static io.jkeepalived.config.bind.Load.vi;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GlobalDefsBindingTest {

    @Test
    void keepalivedDefaults() {
        var g = config("global_defs {\n}\n").globalDefs();
        assertThat(g.vrrpVersion()).isEqualTo(2);
        assertThat(g.vrrpMcastGroup4()).isEqualTo("224.0.0.18");
        assertThat(g.vrrpMcastGroup6()).isEqualTo("ff02::12");
        assertThat(g.vrrpGarpMasterDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(g.vrrpGarpMasterRepeat()).isEqualTo(5);
        assertThat(g.vrrpGarpMasterRefreshRepeat()).isEqualTo(1);
        assertThat(g.smtpConnectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(g.smtpPort()).isEqualTo(25);
        assertThat(g.defaultInterface()).isEqualTo("eth0");
        assertThat(g.childWaitTime()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void minGarpChangesOnlyTheValuesStillAtDefault() {
        var g = config("global_defs {\n vrrp_min_garp\n vrrp_garp_master_delay 2\n}\n").globalDefs();
        assertThat(g.vrrpGarpMasterRepeat()).isEqualTo(1);
        assertThat(g.vrrpGarpMasterDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(g.vrrpGarpMasterRefreshRepeat()).isZero();
    }

    @Test
    void instancesInheritGarpGlobalsAndVersion() {
        var i = instance("global_defs {\n vrrp_garp_master_repeat 2\n vrrp_version 3\n}\n" + vi("A", 1), "A");
        assertThat(i.garp().masterRepeat()).isEqualTo(2);
        assertThat(i.version()).isEqualTo(3);
    }

    @Test
    void zeroGarpIntervalIsRejectedAsKeepalived227Does() {
        assertThat(messages("global_defs {\n vrrp_garp_interval 0\n}\n"))
                .anyMatch(m -> m.contains("vrrp_garp_interval 0 is out of range 0.000001..4294.967295"));
    }

    @Test
    void smtpServerWithPortAndEmails() {
        var g = config("global_defs {\n smtp_server 198.18.0.25 2525\n notification_email {\n a@b\n c@d\n }\n}\n")
                .globalDefs();
        assertThat(g.smtpServer()).contains("198.18.0.25");
        assertThat(g.smtpPort()).isEqualTo(2525);
        assertThat(g.notificationEmail()).containsExactly("a@b", "c@d");
    }

    @Test
    void documentedDumpFileNamesAreAcceptedButFlagged() {
        String conf = "global_defs {\n state_file_location /tmp/s\n}\n";
        assertThat(config(conf).globalDefs().stateDumpFile()).contains("/tmp/s");
        assertThat(messages(conf)).anyMatch(m -> m.contains("error: 'state_file_location' is accepted as 'state_dump_file'"));
    }
}
