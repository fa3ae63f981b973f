package io.jkeepalived.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptPolicyTest {

    @TempDir
    Path dir;

    private Path script(Path where, String perms) throws Exception {
        Files.createDirectories(where);
        Path s = where.resolve("chk.sh");
        Files.writeString(s, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString(perms));
        return s;
    }

    private static ScriptPolicy policy(boolean enabled) {
        return new ScriptPolicy(UserDb.system(), ScriptSecurity.system(), Optional.of(RunAs.user("root")), enabled, 0);
    }

    @Test
    void rootScriptInAWorldWritableDirectoryIsRefusedWhenSecurityIsEnabled() throws Exception {
        Path open = dir.resolve("open");
        Path s = script(open, "rwxr-xr-x");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        ScriptPolicy.Admission a = policy(true).admit("track script", "chk", List.of(s.toString()), Optional.empty());
        assertThat(a).isEqualTo(new ScriptPolicy.Refused("Disabling track script chk due to insecure"));
        assertThat(policy(false).admit("track script", "chk", List.of(s.toString()), Optional.empty()))
                .isInstanceOf(ScriptPolicy.Admitted.class);
    }

    @Test
    void groupWritableScriptIsInsecure() throws Exception {
        Path s = script(dir.resolve("d"), "rwxrwxr-x");
        assertThat(ScriptSecurity.system().check(s.toString())).isInstanceOf(ScriptSecurity.Insecure.class);
    }

    @Test
    void systemBinariesAreSecureAndPathLookupWorks() {
        // /usr/bin and its parents are root-owned and not group/other writable on any sane system
        assertThat(ScriptSecurity.system().check("true")).isInstanceOf(ScriptSecurity.Secure.class);
        assertThat(ScriptSecurity.system().check("/nonexistent/x")).isInstanceOf(ScriptSecurity.NotFound.class);
    }

    /** System tier: only root creates root-owned files, so elsewhere it would have nothing to check. */
    @Test
    @org.junit.jupiter.api.Tag("system")
    void stickyWorldWritableDirectoryDoesNotMakeARootOwnedScriptInsecure() throws Exception {
        Path sticky = dir.resolve("sticky");
        Path s = script(sticky, "rwxr-xr-x");
        Files.setPosixFilePermissions(sticky, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        // files we create are root-owned only when we run as root; /tmp above us is sticky
        org.junit.jupiter.api.Assumptions.assumeTrue(ScriptLauncher.currentUid() == 0, "needs root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        assertThat(ScriptSecurity.system().check(s.toString())).isInstanceOf(ScriptSecurity.Secure.class);
        Files.setAttribute(sticky, "unix:mode", 0777);
        assertThat(ScriptSecurity.system().check(s.toString())).isInstanceOf(ScriptSecurity.Insecure.class);
    }

    @Test
    void startupWarningsUseKeepalivedsWording() {
        ScriptPolicy noUser = new ScriptPolicy(UserDb.system(), ScriptSecurity.system(), Optional.empty(), false, 0);
        List<String> w = noUser.startupWarnings(true);
        assertThat(w).contains("SECURITY VIOLATION - scripts are being executed but script_security not enabled.");
        if (!UserDb.system().userExists("keepalived_script")) {
            assertThat(w).contains("Script user 'keepalived_script' does not exist");
        }
        assertThat(noUser.startupWarnings(false)).isEmpty();
    }

    @Test
    void unknownUserIsRefused() {
        ScriptPolicy p = new ScriptPolicy(UserDb.system(), ScriptSecurity.system(), Optional.empty(), false, 0);
        assertThat(p.admit("notify script", "n", List.of("/bin/true"), Optional.of(RunAs.user("no-such-user-jk"))))
                .isInstanceOf(ScriptPolicy.Refused.class);
        assertThat(p.admit("notify script", "n", List.of("/bin/true"), Optional.of(RunAs.user("nobody"))))
                .isInstanceOfSatisfying(ScriptPolicy.Admitted.class, a -> assertThat(a.identity().orElseThrow().uid()).isEqualTo(65534));
    }
}
