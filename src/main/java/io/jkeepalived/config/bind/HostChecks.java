package io.jkeepalived.config.bind;

import io.jkeepalived.config.model.Notify;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.model.VrrpScript;
import java.util.List;
import java.util.Optional;

/** The checks keepalived -t makes against the machine: interfaces exist, scripts can run. */
final class HostChecks {
    private HostChecks() {}

    static void interfaces(Binder.Root r, Ctx c) {
        for (var i : r.instances) {
            String who = "vrrp_instance " + i.name;
            i.iface.ifPresent(name -> c.requireInterface(name, i.ifacePos, who));
            for (int k = 0; k < i.vips.size(); k++) {
                var pos = i.vipPos.get(k);
                i.vips.get(k).dev().ifPresent(d -> c.requireInterface(d, pos, "ip address " + "in " + who));
            }
            i.refs.removeIf(p -> {
                if (!p.kind().equals("track_interface")) return false;
                if (i.iface.isPresent() && i.iface.get().equals(p.ref().name())) {
                    c.error(p.pos(), "(" + i.name + ") ignoring track_interface " + p.ref().name() + " since it is the"
                            + " instance's own interface");
                    return true;
                }
                c.requireInterface(p.ref().name(), p.pos(), "tracking in " + who);
                return false;
            });
        }
    }

    /**
     * Script users, as keepalived -t checks them: a script_user that does not exist is an error; with
     * enable_script_security, a script without its own user needs the default user keepalived_script.
     */
    static void users(Binder.Root r, Ctx c) {
        var g = r.globals;
        g.scriptUser.ifPresent(u -> {
            if (!c.host.userExists(u.command())) {
                c.error(g.scriptUserPos, "script_user " + u.command() + " does not exist; error setting global script uid/gid");
            }
        });
        if (g.scriptUser.isEmpty() && g.scriptSecurity && !c.host.userExists("keepalived_script")) {
            c.scripts.stream().filter(p -> p.script().user().isEmpty()).findFirst().ifPresent(p ->
                    c.error(p.pos(), "unable to set default user keepalived_script for script '" + p.script().command()
                            + "'", "create the user keepalived_script, or set script_user"));
        }
    }

    /** A vrrp_script whose command cannot be found is reported; keepalived disables it. */
    static void scripts(Binder.Root r, List<VrrpScript> scripts, Ctx c) {
        // keepalived checks vrrp_scripts only when its VRRP process runs, i.e. some vrrp_instance exists
        // (tracked or not: differential runs against 2.2.7 showed both)
        for (var b : r.scripts) {
            if (r.instances.isEmpty()) break;
            scripts.stream().filter(s -> s.name().equals(b.name)).findFirst().ifPresent(s -> {
                if (!c.runnable(s.script())) {
                    c.error(b.pos, "vrrp_script " + s.name() + ": '" + s.script().argv().stream().findFirst().orElse("")
                            + "' not found or not executable; the script is disabled");
                }
            });
        }
        // only the virtual servers whose blocks named scripts: a reload of 10,000 real servers without
        // any walked them all, in loops the JIT has not compiled yet on a daemon's first reloads
        for (int k = r.serversWithScripts.nextSetBit(0); k >= 0; k = r.serversWithScripts.nextSetBit(k + 1)) {
            var v = r.servers.get(k);
            var pos = r.serverPos.get(k);
            checkerScript(v.quorumUp(), pos, c);
            checkerScript(v.quorumDown(), pos, c);
            for (var rs : v.realServers()) {
                checkerScript(rs.notifyUp(), pos, c);
                checkerScript(rs.notifyDown(), pos, c);
                for (var ch : rs.checkers()) {
                    if (ch instanceof io.jkeepalived.config.model.Checker.MiscCheck m) checkerScript(Optional.of(m.miscPath()), pos, c);
                }
            }
        }
        for (var i : r.instances) {
            notify(i.notify.build(), i.pos, c);
            i.notifySplitBrain.filter(s -> !c.runnable(s)).ifPresent(s -> c.warning(i.pos,
                    "notify_split_brain script '" + s.command() + "' not found or not executable"));
        }
        for (var g : r.groups) notify(g.notify.build(), g.pos, c);
    }

    private static void checkerScript(Optional<Script> s, io.jkeepalived.config.SourcePos pos, Ctx c) {
        if (s.isPresent() && !c.runnable(s.get())) {
            c.warning(pos, "checker script '" + s.get().command() + "' not found or not executable");
        }
    }

    private static void notify(Notify n, io.jkeepalived.config.SourcePos pos, Ctx c) {
        // a loop, not a stream: once per instance, cold, during -t
        for (Optional<Script> s : List.of(n.master(), n.backup(), n.fault(), n.stop(), n.any(), n.masterRxLowerPri())) {
            if (s.isPresent() && !c.runnable(s.get())) {
                c.warning(pos, "notify script '" + s.get().command() + "' not found or not executable");
            }
        }
    }
}
