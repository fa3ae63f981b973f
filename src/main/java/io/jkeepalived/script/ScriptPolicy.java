package io.jkeepalived.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, once per configured script at startup or reload, whether and as whom it runs:
 * {@code user}/{@code script_user} resolution, the {@code keepalived_script} default, and
 * {@code enable_script_security}.
 *
 * <p>With security enabled, a script that would run as root and whose path could be changed by a
 * non-root user is refused (keepalived logs "Disabling ... due to insecure"; a refused
 * {@code vrrp_script} counts as neither up nor down). Without it, everything runs and
 * {@link #startupWarnings} carries keepalived's "SECURITY VIOLATION" line.
 */
public final class ScriptPolicy {

    /** The verdict on one script. */
    public sealed interface Admission permits Admitted, Refused {}

    /** Runs as {@code identity} (empty: the daemon's own user). */
    public record Admitted(List<String> argv, Optional<PosixIdentity> identity) implements Admission {}

    public record Refused(String reason) implements Admission {}

    private final UserDb users;
    private final ScriptSecurity security;
    private final Optional<RunAs> scriptUser;
    private final boolean securityEnabled;
    private final int ownUid;

    public ScriptPolicy(UserDb users, ScriptSecurity security, Optional<RunAs> scriptUser,
                        boolean securityEnabled, int ownUid) {
        this.users = users;
        this.security = security;
        this.scriptUser = scriptUser;
        this.securityEnabled = securityEnabled;
        this.ownUid = ownUid;
    }

    /**
     * @param kind     for messages: "track script", "notify script", ...
     * @param name     the script's config name (or the command for notify scripts)
     * @param runAs    the script's own {@code user U [G]}; empty: the global default
     */
    public Admission admit(String kind, String name, List<String> argv, Optional<RunAs> runAs) {
        if (argv.isEmpty()) {
            return new Refused(kind + " " + name + ": empty command");
        }
        Optional<RunAs> who = runAs.isPresent() ? runAs : ScriptUser.defaultRunAs(scriptUser, users);
        Optional<PosixIdentity> identity = Optional.empty();
        if (who.isPresent()) {
            identity = users.resolve(who.get());
            if (identity.isEmpty()) {
                return new Refused(kind + " " + name + ": unknown user/group " + who.get().describe());
            }
        }
        boolean asRoot = identity.map(PosixIdentity::isRoot).orElse(ownUid == 0);
        if (securityEnabled && asRoot) {
            ScriptSecurity.Verdict v = security.check(argv.getFirst());
            if (v instanceof ScriptSecurity.Insecure) {
                return new Refused(ScriptSecurity.disabledMessage(kind, name));
            }
        }
        Optional<PosixIdentity> effective = identity.filter(id -> id.uid() != ownUid);
        return new Admitted(argv, effective);
    }

    /** keepalived's startup warnings for a config that has {@code anyScripts}. */
    public List<String> startupWarnings(boolean anyScripts) {
        List<String> out = new ArrayList<>();
        if (!anyScripts) {
            return out;
        }
        if (scriptUser.isEmpty() && !users.userExists(ScriptUser.DEFAULT_USER)) {
            out.add(ScriptUser.MISSING_DEFAULT_WARNING);
        }
        if (!securityEnabled) {
            out.add(ScriptSecurity.NOT_ENABLED_WARNING);
        }
        return out;
    }
}
