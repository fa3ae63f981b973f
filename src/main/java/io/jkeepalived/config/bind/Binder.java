package io.jkeepalived.config.bind;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.model.BfdInstance;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.SslContext;
import io.jkeepalived.config.model.StaticConfig;
import io.jkeepalived.config.model.SyncGroup;
import io.jkeepalived.config.model.TrackFile;
import io.jkeepalived.config.model.TrackProcess;
import io.jkeepalived.config.model.VirtualIp;
import io.jkeepalived.config.model.VirtualRoute;
import io.jkeepalived.config.model.VirtualRule;
import io.jkeepalived.config.model.VirtualServer;
import io.jkeepalived.config.model.VirtualServerGroup;
import io.jkeepalived.config.model.VrrpInstance;
import io.jkeepalived.config.model.VrrpScript;
import io.jkeepalived.config.tree.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds a block tree to the typed {@link Keepalived} record. Every problem becomes a diagnostic;
 * binding never throws on bad input and always returns a config (possibly with parts dropped), as
 * keepalived runs with what it could read.
 */
public final class Binder {
    private Binder() {}

    /** Everything collected at the top level before cross-checks and defaults. */
    static final class Root {
        final GlobalDefsBinder.G globals = new GlobalDefsBinder.G();
        final List<TrackerBinders.S> scripts = new ArrayList<>();
        final List<TrackerBinders.F> files = new ArrayList<>();
        final List<TrackerBinders.P> processes = new ArrayList<>();
        final List<BfdInstance> bfds = new ArrayList<>();
        final List<SyncGroupBinder.Y> groups = new ArrayList<>();
        final List<VrrpInstanceBinder.I> instances = new ArrayList<>();
        final List<VirtualIp> staticAddresses = new ArrayList<>();
        final List<VirtualRoute> staticRoutes = new ArrayList<>();
        final List<VirtualRule> staticRules = new ArrayList<>();
        Optional<SslContext> ssl = Optional.empty();
        final List<VirtualServerGroup> vsGroups = new ArrayList<>();
        final List<VirtualServer> servers = new ArrayList<>();
        final List<io.jkeepalived.config.SourcePos> serverPos = new ArrayList<>();
        /**
         * The indexes in {@link #servers} of those whose block named a script (quorum_up/down,
         * notify_up/down, misc_path): the host check of checker scripts needs to look at these only.
         */
        final java.util.BitSet serversWithScripts = new java.util.BitSet();
    }

    private static Optional<String> name(Node n, Ctx c) {
        if (n.args().isEmpty()) {
            c.error(n.pos(), "'" + n.name() + "' needs a name");
            return Optional.empty();
        }
        return Optional.of(n.args().getFirst().text());
    }

    static final KeywordTable<Root> ROOT = new KeywordTable<Root>("the top level")
            .block("global_defs", (n, r, c) -> {
                for (Node child : n.children()) {
                    if (Binder.TOP_LEVEL_GLOBALS.contains(child.name())) c.unimplemented("global_defs", child);
                    else GlobalDefsBinder.TABLE.bind(child, r.globals, c);
                }
            })
            .block("vrrp_script", (n, r, c) -> name(n, c).ifPresent(s -> {
                var b = new TrackerBinders.S(s, n.pos());
                TrackerBinders.SCRIPT.bindAll(n, b, c);
                r.scripts.add(b);
            }))
            .block("track_file", (n, r, c) -> name(n, c).ifPresent(s -> {
                var b = new TrackerBinders.F(s, n.pos());
                TrackerBinders.FILE.bindAll(n, b, c);
                r.files.add(b);
            }))
            .legacy("vrrp_track_file", "track_file")
            .block("vrrp_track_process", (n, r, c) -> name(n, c).ifPresent(s -> {
                var b = new TrackerBinders.P(s, n.pos());
                TrackerBinders.PROCESS.bindAll(n, b, c);
                r.processes.add(b);
            }))
            .block("bfd_instance", (n, r, c) -> { })
            .block("vrrp_sync_group", (n, r, c) -> name(n, c).ifPresent(s -> {
                var b = new SyncGroupBinder.Y(s, n.pos());
                SyncGroupBinder.TABLE.bindAll(n, b, c);
                r.groups.add(b);
            }))
            .block("vrrp_instance", (n, r, c) -> name(n, c).ifPresent(s -> {
                var b = new VrrpInstanceBinder.I(s, n.pos());
                VrrpInstanceBinder.TABLE.bindAll(n, b, c);
                r.instances.add(b);
            }))
            .block("static_ipaddress", (n, r, c) -> n.children().forEach(
                    l -> AddressLines.vip(l, c, true).ifPresent(r.staticAddresses::add)))
            .block("static_routes", (n, r, c) -> n.children().forEach(
                    l -> AddressLines.route(l, c).ifPresent(r.staticRoutes::add)))
            .block("static_rules", (n, r, c) -> n.children().forEach(
                    l -> AddressLines.rule(l, c).ifPresent(r.staticRules::add)))
            .block("SSL", (n, r, c) -> r.ssl = Optional.of(LvsBinder.ssl(n, c)))
            .block("virtual_server_group", (n, r, c) -> name(n, c).ifPresent(s -> r.vsGroups.add(LvsBinder.group(s, n, c))))
            .block("virtual_server", (n, r, c) -> {
                int scripts = c.scripts.size();
                LvsBinder.virtualServer(n, c).ifPresent(v -> {
                    if (c.scripts.size() > scripts) r.serversWithScripts.set(r.servers.size());
                    r.servers.add(v);
                    r.serverPos.add(n.pos());
                });
            })
            .line("net_namespace_ipvs", (n, r, c) -> GlobalDefsBinder.TABLE.bind(n, r.globals, c))
            .recognised("net_namespace", "namespace_with_ipsets", "instance", "use_pid_dir",
                    "linkbeat_use_polling", "linkbeat_interfaces", "interface_up_down_delays", "track_group",
                    "garp_group");

    /** Keywords valid both at top level and inside global_defs. */
    private static final java.util.Set<String> TOP_LEVEL_GLOBALS = java.util.Set.of("linkbeat_interfaces",
            "interface_up_down_delays");

    /** The bound config and what the host checks found. */
    public record Bound(Keepalived config, boolean missingInterface, boolean runnableScripts) {}

    public static Bound bind(List<Node> tree, Diagnostics diagnostics, io.jkeepalived.config.HostView host) {
        var s = new Session(diagnostics, host);
        for (Node n : tree) s.accept(n);
        return s.finish();
    }

    /**
     * A binding fed one top-level node at a time, in file order, as the lexer completes them
     * ({@link io.jkeepalived.config.lex.ConfigReader#read(java.nio.file.Path,
     * io.jkeepalived.config.lex.ReaderOptions, Diagnostics, java.util.function.Consumer)}); the same
     * result as {@link #bind} on the whole list.
     */
    public static final class Session {
        private final Ctx c;
        private final Root r = new Root();

        public Session(Diagnostics diagnostics, io.jkeepalived.config.HostView host) {
            this.c = new Ctx(diagnostics, host);
        }

        public void accept(Node n) {
            if (n.name().equals("bfd_instance") && n.block()) {
                c.unimplemented("the top level", n);
                name(n, c).ifPresent(s -> {
                    var b = new TrackerBinders.B(s);
                    TrackerBinders.BFD.bindAll(n, b, c);
                    r.bfds.add(b.build());
                });
                return;
            }
            ROOT.bind(n, r, c);
        }

        /** Cross-checks and defaults, once every node was accepted. */
        public Bound finish() {
            var k = Binder.finish(r, c);
            return new Bound(k, c.missingInterface, c.runnableScripts);
        }
    }

    private static Keepalived finish(Root r, Ctx c) {
        GlobalDefs g = r.globals.build();
        List<VrrpScript> scripts = r.scripts.stream().flatMap(s -> s.build(c).stream()).toList();
        List<TrackFile> files = r.files.stream().flatMap(s -> s.build(c).stream()).toList();
        List<TrackProcess> processes = r.processes.stream().flatMap(s -> s.build(c).stream()).toList();
        CrossChecks.duplicateNames(r, c);
        HostChecks.interfaces(r, c);
        HostChecks.scripts(r, scripts, c);
        HostChecks.users(r, c);
        CrossChecks.resolveTrackers(r, scripts, files, processes, c);
        var instances = new ArrayList<VrrpInstance>();
        for (var i : r.instances) InstanceFinisher.finish(i, g, c).ifPresent(instances::add);
        CrossChecks.vrids(r, instances, c);
        List<SyncGroup> groups = CrossChecks.syncGroups(r, instances, c);
        CrossChecks.virtualServers(r, c);
        return new Keepalived(g, scripts, files, processes, r.bfds, groups, dedupe(instances),
                new StaticConfig(InstanceFinisher.withDev(r.staticAddresses, Optional.of(g.defaultInterface())),
                        r.staticRoutes, r.staticRules), r.ssl, r.vsGroups, r.servers,
                c.ignored);
    }

    /** A second instance with an already-used name is dropped (it was reported by CrossChecks). */
    private static List<VrrpInstance> dedupe(List<VrrpInstance> in) {
        var seen = new java.util.HashSet<String>();
        return in.stream().filter(i -> seen.add(i.name())).toList();
    }
}
