package io.jkeepalived.config.bind;

import io.jkeepalived.config.model.Notify;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.model.VrrpScript;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
            for (var p : i.refs) {
                if (p.kind().equals("track_interface")) c.requireInterface(p.ref().name(), p.pos(), "tracking in " + who);
            }
        }
    }

    /** A vrrp_script whose command cannot be found is reported; keepalived disables it. */
    static void scripts(Binder.Root r, List<VrrpScript> scripts, Ctx c) {
        for (var b : r.scripts) {
            scripts.stream().filter(s -> s.name().equals(b.name)).findFirst().ifPresent(s -> {
                if (!c.runnable(s.script())) {
                    c.error(b.pos, "vrrp_script " + s.name() + ": '" + s.script().argv().stream().findFirst().orElse("")
                            + "' not found or not executable; the script is disabled");
                }
            });
        }
        for (int k = 0; k < r.servers.size(); k++) {
            var v = r.servers.get(k);
            var pos = r.serverPos.get(k);
            var checkerScripts = Stream.concat(Stream.of(v.quorumUp(), v.quorumDown()).flatMap(Optional::stream),
                    v.realServers().stream().flatMap(rs -> Stream.concat(
                            Stream.of(rs.notifyUp(), rs.notifyDown()).flatMap(Optional::stream),
                            rs.checkers().stream().flatMap(ch -> ch instanceof io.jkeepalived.config.model.Checker.MiscCheck m
                                    ? Stream.of(m.miscPath()) : Stream.empty()))));
            checkerScripts.forEach(s -> {
                if (!c.runnable(s)) c.warning(pos, "checker script '" + s.command() + "' not found or not executable");
            });
        }
        for (var i : r.instances) notify(i.notify.build(), i.pos, c);
        for (var g : r.groups) notify(g.notify.build(), g.pos, c);
    }

    private static void notify(Notify n, io.jkeepalived.config.SourcePos pos, Ctx c) {
        Stream.of(n.master(), n.backup(), n.fault(), n.stop(), n.any(), n.masterRxLowerPri())
                .flatMap(Optional::stream)
                .forEach((Script s) -> {
                    if (!c.runnable(s)) {
                        c.warning(pos, "notify script '" + s.command() + "' not found or not executable");
                    }
                });
    }
}
