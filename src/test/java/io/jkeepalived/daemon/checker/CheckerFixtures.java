package io.jkeepalived.daemon.checker;

import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.daemon.plan.ConfigAdapterTest;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.script.ScriptSecurity;
import io.jkeepalived.script.UserDb;
import java.nio.file.Path;
import java.util.Optional;

/** A checker daemon's pieces for tests that drive the real checker thread without any network. */
final class CheckerFixtures {
    private CheckerFixtures() {}

    static ScriptPolicy policy(Keepalived config) {
        return new ScriptPolicy(UserDb.system(), ScriptSecurity.system(), Optional.empty(), false,
                ScriptLauncher.currentUid());
    }

    /**
     * One virtual server (198.18.0.1:80, {@code vsLines} added to it) with one real server checked by
     * a FILE_CHECK on {@code flag}: "0" in the file is up, anything else down (weight 0).
     */
    static Keepalived fileChecked(Path flag, String vsLines) {
        return ConfigAdapterTest.config("""
                track_file flag {
                  file %s
                  weight 0
                }
                virtual_server 198.18.0.1 80 {
                  delay_loop 1
                  warmup 0
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  %s
                  real_server 198.18.0.2 80 {
                    FILE_CHECK {
                      track_file flag
                    }
                  }
                }
                """.formatted(flag, vsLines));
    }
}
