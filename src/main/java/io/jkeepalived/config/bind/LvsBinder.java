package io.jkeepalived.config.bind;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.Checker;
import io.jkeepalived.config.model.LvsTunnel;
import io.jkeepalived.config.model.RealServer;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.model.SorryServer;
import io.jkeepalived.config.model.SslContext;
import io.jkeepalived.config.model.VirtualServer;
import io.jkeepalived.config.model.VirtualServerGroup;
import io.jkeepalived.config.tree.Node;
import io.jkeepalived.config.tree.Token;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** virtual_server_group, virtual_server, real_server and SSL blocks (behaviour §1.8). */
final class LvsBinder {
    private LvsBinder() {}

    static final Set<String> SCHEDULERS =
            Set.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr", "sed", "nq", "twos");

    static final class V {
        final SourcePos pos;
        Optional<InetAddress> ip = Optional.empty();
        Optional<Integer> port = Optional.empty(), retry = Optional.empty();
        Optional<Long> fwmark = Optional.empty();
        Optional<String> group = Optional.empty(), granularity = Optional.empty(), vhost = Optional.empty(),
                family = Optional.empty(), lbAlgo = Optional.empty();
        String protocol = "TCP", lbKind = "NAT";
        boolean lbKindSet;
        boolean protocolSet;
        Optional<Duration> persistence = Optional.empty(), delayBeforeRetry = Optional.empty(), warmup = Optional.empty();
        Duration delayLoop = Duration.ofSeconds(60), connectTimeout = Duration.ofSeconds(5);
        boolean inhibit, alpha, omega, sorryInhibit, haSuspend;
        int quorum = 1, hysteresis;
        Optional<Script> quorumUp = Optional.empty(), quorumDown = Optional.empty();
        Optional<SorryServer> sorry = Optional.empty();
        Optional<Boolean> smtpAlert = Optional.empty();
        Optional<String> sorryMethod = Optional.empty(), pe = Optional.empty();
        Optional<LvsTunnel> tunnel = Optional.empty();
        boolean ops;
        final List<String> flags = new ArrayList<>();
        final List<RealServer> reals = new ArrayList<>();
        /** Whether a real server has its own lvs_method (fixRealServerPorts may then have work). */
        boolean realMethods;

        V(SourcePos pos) {
            this.pos = pos;
        }

        VirtualServer build(Ctx c) {
            // keepalived 2.2.7 -t reports both defaults as config errors
            if (lbAlgo.isEmpty()) c.error(pos, "virtual_server has no lb_algo/lvs_sched; using wlc");
            if (!lbKindSet) c.error(pos, "virtual_server has no lb_kind/lvs_method; using NAT");
            if (protocolSet && fwmark.isPresent()) {
                c.error(pos, "virtual_server fwmark " + fwmark.get() + ": protocol is ignored for fwmark services");
            }
            if (!protocolSet && fwmark.isEmpty()) {
                c.error(pos, "virtual_server has no protocol; using TCP", "keepalived 2.2.7 reports this and defaults to UDP;"
                        + " set 'protocol TCP' or 'protocol UDP' explicitly");
            }
            if (port.isEmpty() && ip.isPresent() && persistence.isEmpty()) {
                c.error(pos, "virtual_server " + io.jkeepalived.config.model.IpText.of(ip.get()) + " has no port; a port may be omitted"
                        + " only for persistent services");
            }
            long total = reals.stream().mapToLong(RealServer::weight).sum();
            if (quorum > total) {
                c.error(pos, "quorum " + quorum + " exceeds the total weight " + total + " of the real servers; reduced to "
                        + total);
                quorum = (int) total;
            }
            if (hysteresis >= quorum) {
                c.error(pos, "hysteresis " + hysteresis + " is not below quorum " + quorum);
            }
            String sched = lbAlgo.orElse("wlc");
            for (String f : flags) {
                if (f.startsWith("sh-") && !sched.equals("sh") || f.startsWith("mh-") && !sched.equals("mh")) {
                    c.warning(pos, "'" + f + "' means something only to the " + f.substring(0, 2) + " scheduler;"
                            + " with " + sched + " it sets scheduler flag " + (f.endsWith("fallback") ? 1 : 2));
                }
            }
            if (ops && !protocol.equals("UDP") && fwmark.isEmpty()) {
                c.warning(pos, "'ops' (one-packet scheduling) only affects UDP services");
            }
            return new VirtualServer(ip, port, fwmark, group, protocol, sched, lbKind, persistence,
                    granularity, delayLoop, connectTimeout, retry, delayBeforeRetry, warmup, inhibit, alpha, omega,
                    quorum, hysteresis, quorumUp, quorumDown, sorry, sorryInhibit, haSuspend, vhost, family, smtpAlert,
                    sorryMethod, tunnel, ops, flags, pe, reals);
        }
    }

    static Optional<String> lvsMethod(Node n, Ctx c) {
        return c.word(n).flatMap(m -> {
            // case-sensitive, as keepalived 2.2.7 is
            if (Set.of("NAT", "DR", "TUN").contains(m)) return Optional.of(m);
            c.error(n.args().getFirst().pos(), n.name() + " '" + m + "' must be NAT, DR or TUN");
            return Optional.empty();
        });
    }

    /** {@code lvs_method} with, for TUN, its tunnel options (empty when none were written). */
    record Method(String kind, Optional<LvsTunnel> tunnel) {}

    static Optional<Method> method(Node n, Ctx c) {
        return lvsMethod(n, c).flatMap(m -> {
            if (m.equals("TUN")) return tunnel(n, c).map(t -> new Method(m, t));
            if (n.args().size() > 1) {
                c.error(n.args().get(1).pos(), n.name() + " " + m + " takes no options; '" + n.args().get(1).text() + "' ignored");
            }
            return Optional.of(new Method(m, Optional.empty()));
        });
    }

    private static final Set<String> TUN_TYPES = Set.of("ipip", "gue", "gre");
    private static final Set<String> CHECKSUMS = Set.of("nocsum", "csum", "remcsum");

    /** {@code TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]}; empty when they are wrong (reported). */
    private static Optional<Optional<LvsTunnel>> tunnel(Node n, Ctx c) {
        List<Token> a = n.args();
        String type = "ipip", csum = "nocsum";
        int port = 0, i = 1;
        if (i < a.size() && a.get(i).text().equals("type")) {
            if (i + 1 >= a.size() || !TUN_TYPES.contains(a.get(i + 1).text())) {
                c.error(a.get(i).pos(), "lvs_method TUN type must be ipip, gue or gre");
                return Optional.empty();
            }
            type = a.get(i + 1).text();
            i += 2;
            if (type.equals("gue")) {
                if (i + 1 >= a.size() || !a.get(i).text().equals("port")) {
                    c.error(a.get(i - 1).pos(), "lvs_method TUN type gue needs 'port N'");
                    return Optional.empty();
                }
                Optional<Long> p = c.integer("tunnel port", a.get(i + 1), 1, 65535);
                if (p.isEmpty()) return Optional.empty();
                port = p.get().intValue();
                i += 2;
            }
        }
        if (i < a.size() && CHECKSUMS.contains(a.get(i).text())) {
            csum = a.get(i).text();
            boolean ok = csum.equals("nocsum") || type.equals("gue") || type.equals("gre") && csum.equals("csum");
            if (!ok) {
                c.error(a.get(i).pos(), "checksum option '" + csum + "' does not apply to a " + type + " tunnel",
                        "csum needs type gue or gre; remcsum needs type gue");
                return Optional.empty();
            }
            i++;
        }
        if (i < a.size()) {
            c.error(a.get(i).pos(), "unexpected '" + a.get(i).text() + "' after lvs_method TUN",
                    "TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]");
            return Optional.empty();
        }
        return Optional.of(i > 1 ? Optional.of(new LvsTunnel(type, port, csum)) : Optional.empty());
    }

    static Optional<SorryServer> ipPort(Node n, Ctx c) {
        Optional<Integer> port = n.args().size() > 1 ? c.port(n.name() + " port", n.args().get(1)) : Optional.empty();
        return c.ip(n, 0).map(a -> new SorryServer(a, port));
    }

    static final KeywordTable<V> VS = new KeywordTable<V>("virtual_server")
            .line("lvs_sched", (n, v, c) -> c.word(n).ifPresent(a -> {
                if (SCHEDULERS.contains(a)) v.lbAlgo = Optional.of(a);
                else c.error(n.args().getFirst().pos(), "unknown scheduler '" + a + "'", "one of " + String.join(" ", new java.util.TreeSet<>(SCHEDULERS)));
            }))
            .legacy("lb_algo", "lvs_sched")
            .line("lvs_method", (n, v, c) -> method(n, c).ifPresent(m -> {
                v.lbKind = m.kind();
                v.tunnel = m.tunnel();
                v.lbKindSet = true;
            }))
            .legacy("lb_kind", "lvs_method")
            .line("protocol", (n, v, c) -> c.word(n).ifPresent(p -> {
                String up = p.toUpperCase(Locale.ROOT);
                v.protocolSet = true;
                if (Set.of("TCP", "UDP", "SCTP").contains(up)) v.protocol = up;
                else c.error(n.args().getFirst().pos(), "protocol '" + p + "' must be TCP, UDP or SCTP");
            }))
            .line("persistence_timeout", (n, v, c) -> v.persistence = n.args().isEmpty()
                    ? Optional.of(Duration.ofSeconds(360)) : c.integer(n, 0, 1, 2678400).map(Duration::ofSeconds))
            .line("persistence_granularity", (n, v, c) -> v.granularity = c.word(n))
            .line("persistence_engine", (n, v, c) -> v.pe = c.word(n))
            .line("ops", (n, v, c) -> v.ops = true)
            .line("flag-1", LvsBinder::schedFlag).line("flag-2", LvsBinder::schedFlag)
            .line("flag-3", LvsBinder::schedFlag).line("sh-fallback", LvsBinder::schedFlag)
            .line("sh-port", LvsBinder::schedFlag).line("mh-fallback", LvsBinder::schedFlag)
            .line("mh-port", LvsBinder::schedFlag)
            .recognised("snmp_name")
            .line("sorry_server_lvs_method", (n, v, c) -> v.sorryMethod = lvsMethod(n, c))
            .line("hashed", (n, v, c) -> c.warning(n.pos(), "'hashed' is accepted and ignored"))
            .line("delay_loop", (n, v, c) -> Ctx.positive(n, c).ifPresent(d -> v.delayLoop = d))
            .line("connect_timeout", (n, v, c) -> Ctx.positive(n, c).ifPresent(d -> v.connectTimeout = d))
            .line("retry", (n, v, c) -> v.retry = c.int32(n, 1, Integer.MAX_VALUE)) // checkers may say 0, not VS/RS
            .line("delay_before_retry", (n, v, c) -> v.delayBeforeRetry = c.timer(n))
            .line("warmup", (n, v, c) -> v.warmup = c.timer(n))
            .line("inhibit_on_failure", (n, v, c) -> v.inhibit = c.bool(n).orElse(true))
            .line("alpha", (n, v, c) -> v.alpha = c.bool(n).orElse(true))
            .line("omega", (n, v, c) -> v.omega = c.bool(n).orElse(true))
            .line("quorum", (n, v, c) -> c.int32(n, 1, Integer.MAX_VALUE).ifPresent(q -> v.quorum = q))
            .line("hysteresis", (n, v, c) -> c.int32(n, 0, Integer.MAX_VALUE).ifPresent(h -> v.hysteresis = h))
            .line("quorum_up", (n, v, c) -> v.quorumUp = c.script(n))
            .line("quorum_down", (n, v, c) -> v.quorumDown = c.script(n))
            .line("sorry_server", (n, v, c) -> v.sorry = ipPort(n, c))
            .line("sorry_server_inhibit", (n, v, c) -> v.sorryInhibit = c.bool(n).orElse(true))
            .line("ha_suspend", (n, v, c) -> v.haSuspend = true)
            .line("virtualhost", (n, v, c) -> v.vhost = c.word(n))
            .line("smtp_alert", (n, v, c) -> v.smtpAlert = c.bool(n))
            .line("ip_family", (n, v, c) -> c.word(n).ifPresent(f -> {
                if (f.equals("inet") || f.equals("inet6")) v.family = Optional.of(f);
                else c.error(n.args().getFirst().pos(), "ip_family '" + f + "' must be inet or inet6");
            }))
            .line("weight", (n, v, c) -> c.int32(n, 1, Integer.MAX_VALUE))
            .block("real_server", (n, v, c) -> {
                Optional<RealServer> rs = realServer(n, c);
                if (rs.isPresent()) {
                    v.reals.add(rs.get());
                    v.realMethods |= rs.get().lvsMethod().isPresent();
                }
            });

    private static void schedFlag(Node n, V v, Ctx c) {
        if (!v.flags.contains(n.name())) v.flags.add(n.name());
    }

    static final class R {
        long weight = 1;
        Optional<LvsTunnel> tunnel = Optional.empty();
        Optional<String> method = Optional.empty(), vhost = Optional.empty();
        boolean inhibit;
        Optional<Script> up = Optional.empty(), down = Optional.empty();
        Optional<Long> uth = Optional.empty(), lth = Optional.empty();
        Optional<Boolean> alpha = Optional.empty(), smtpAlert = Optional.empty();
        Optional<Integer> retry = Optional.empty();
        Optional<Duration> dbr = Optional.empty(), warmup = Optional.empty(), ct = Optional.empty(), dl = Optional.empty();
        /** Made at the first checker: most real servers of a big config have none. */
        List<Checker> checkers = List.of();
    }

    static final KeywordTable<R> RS = new KeywordTable<R>("real_server")
            .line("weight", (n, r, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(w -> r.weight = w))
            .line("lvs_method", (n, r, c) -> method(n, c).ifPresent(m -> {
                r.method = Optional.of(m.kind());
                r.tunnel = m.tunnel();
            }))
            .line("inhibit_on_failure", (n, r, c) -> r.inhibit = c.bool(n).orElse(true))
            .line("notify_up", (n, r, c) -> r.up = c.script(n))
            .line("notify_down", (n, r, c) -> r.down = c.script(n))
            .line("uthreshold", (n, r, c) -> r.uth = c.integer(n, 0, 0, 0xffffffffL))
            .line("lthreshold", (n, r, c) -> r.lth = c.integer(n, 0, 0, 0xffffffffL))
            .line("alpha", (n, r, c) -> r.alpha = c.bool(n))
            .line("retry", (n, r, c) -> r.retry = c.int32(n, 1, Integer.MAX_VALUE))
            .legacy("nb_get_retry", "retry")
            .line("delay_before_retry", (n, r, c) -> r.dbr = c.timer(n))
            .line("warmup", (n, r, c) -> r.warmup = c.timer(n))
            .line("connect_timeout", (n, r, c) -> r.ct = Ctx.positive(n, c))
            .line("delay_loop", (n, r, c) -> r.dl = Ctx.positive(n, c))
            .line("smtp_alert", (n, r, c) -> r.smtpAlert = c.bool(n))
            .line("virtualhost", (n, r, c) -> r.vhost = c.word(n))
            .recognised("snmp_name")
            .block("TCP_CHECK", LvsBinder::checker).block("HTTP_GET", LvsBinder::checker)
            .block("SSL_GET", LvsBinder::checker).block("MISC_CHECK", LvsBinder::checker)
            .block("SMTP_CHECK", LvsBinder::checker).block("DNS_CHECK", LvsBinder::checker)
            .block("UDP_CHECK", LvsBinder::checker).block("PING_CHECK", LvsBinder::checker)
            .block("FILE_CHECK", LvsBinder::checker).block("BFD_CHECK", LvsBinder::checker);

    private static void checker(Node n, R r, Ctx c) {
        Optional<Checker> checker = CheckerBinder.bind(n, c);
        if (checker.isPresent()) {
            if (r.checkers.isEmpty()) r.checkers = new ArrayList<>(2); // one or two checkers, usually
            r.checkers.add(checker.get());
        }
    }

    static Optional<RealServer> realServer(Node n, Ctx c) {
        var ip = c.ip(n, 0);
        Optional<Integer> port = n.args().size() > 1 ? c.port("real_server port", n.args().get(1)) : Optional.empty();
        var r = new R();
        RS.bindAll(n, r, c);
        if (ip.isEmpty()) return Optional.empty();
        return Optional.of(new RealServer(ip.get(), port, r.weight, r.method, r.tunnel, r.inhibit, r.up, r.down, r.uth,
                r.lth, r.alpha, r.retry, r.dbr, r.warmup, r.ct, r.dl, r.vhost, r.smtpAlert, r.checkers));
    }

    /** {@code virtual_server IP [PORT] | fwmark N | group NAME}. */
    static Optional<VirtualServer> virtualServer(Node n, Ctx c) {
        var v = new V(n.pos());
        if (n.args().isEmpty()) {
            c.error(n.pos(), "virtual_server needs an address, 'fwmark N' or 'group NAME'");
            return Optional.empty();
        }
        Token first = n.args().getFirst();
        switch (first.text()) {
            case "fwmark" -> {
                v.fwmark = c.integer(n, 1, 1, 0xffffffffL);
                if (v.fwmark.isEmpty()) return Optional.empty();
            }
            case "group" -> {
                v.group = c.arg(n, 1).map(Token::text);
                if (v.group.isEmpty()) return Optional.empty();
            }
            default -> {
                v.ip = c.ip("virtual_server", first);
                if (v.ip.isEmpty()) return Optional.empty();
                if (n.args().size() > 1) v.port = c.port("virtual_server port", n.args().get(1));
            }
        }
        VS.bindAll(n, v, c);
        fixRealServerPorts(v, c);
        return Optional.of(v.build(c));
    }

    /** keepalived's fix-ups, each reported: fwmark services have no ports; DR/TUN cannot change the port. */
    private static void fixRealServerPorts(V v, Ctx c) {
        if (v.fwmark.isEmpty() && (v.port.isEmpty() || v.lbKind.equals("NAT") && !v.realMethods)) {
            return; // nothing below applies to any real server: NAT may change the port
        }
        for (int k = 0; k < v.reals.size(); k++) {
            RealServer r = v.reals.get(k);
            String method = r.lvsMethod().orElse(v.lbKind);
            if (v.fwmark.isPresent() && r.port().isPresent()) {
                // keepalived clears it and carries on (exit 0 under -t): port 0 silently, another with a warning
                if (r.port().get() != 0) {
                    String rs = io.jkeepalived.config.model.IpText.of(r.ip()) + ":" + r.port().get();
                    c.warning(v.pos, "fwmark virtual server " + v.fwmark.get() + ": real server " + rs
                            + " has a port; the port is cleared");
                }
                v.reals.set(k, withPort(r, Optional.empty()));
            } else if (!method.equals("NAT") && v.port.isPresent() && r.port().isPresent()
                    && !v.port.equals(r.port())) {
                String rs = io.jkeepalived.config.model.IpText.of(r.ip()) + ":" + r.port().get();
                c.error(v.pos, "virtual server port " + v.port.get() + " and real server " + rs + " port differ with "
                        + method + "; the real server port is reset to " + v.port.get());
                v.reals.set(k, withPort(r, v.port));
            }
        }
    }

    private static RealServer withPort(RealServer r, Optional<Integer> port) {
        return new RealServer(r.ip(), port, r.weight(), r.lvsMethod(), r.tunnel(), r.inhibitOnFailure(), r.notifyUp(),
                r.notifyDown(), r.uthreshold(), r.lthreshold(), r.alpha(), r.retry(), r.delayBeforeRetry(), r.warmup(),
                r.connectTimeout(), r.delayLoop(), r.virtualhost(), r.smtpAlert(), r.checkers());
    }

    static VirtualServerGroup group(String name, Node n, Ctx c) {
        var entries = new ArrayList<VirtualServerGroup.Entry>();
        for (Node line : n.children()) {
            if (line.name().equals("fwmark")) {
                var mark = c.integer(line, 0, 1, 0xffffffffL);
                Optional<String> fam = line.args().size() > 1 ? Optional.of(line.args().get(1).text()) : Optional.empty();
                mark.ifPresent(m -> entries.add(new VirtualServerGroup.Entry(Optional.empty(), Optional.empty(),
                        Optional.of(m), fam)));
                continue;
            }
            String range = line.name();
            String base = range.split("[-/]", 2)[0];
            if (Addresses.parse(base).isEmpty()) {
                c.error(line.pos(), "virtual_server_group entry '" + range + "' is not an address or range");
                continue;
            }
            Optional<Integer> port = line.args().isEmpty() ? Optional.empty() : c.port("port", line.args().getFirst());
            entries.add(new VirtualServerGroup.Entry(Optional.of(range), port, Optional.empty(), Optional.empty()));
        }
        return new VirtualServerGroup(name, entries);
    }

    static final class L {
        Optional<String> password = Optional.empty(), ca = Optional.empty(), cert = Optional.empty(), key = Optional.empty();
    }

    static final KeywordTable<L> SSL = new KeywordTable<L>("SSL")
            .line("password", (n, l, c) -> l.password = c.word(n))
            .line("ca", (n, l, c) -> l.ca = c.word(n))
            .line("certificate", (n, l, c) -> l.cert = c.word(n))
            .line("key", (n, l, c) -> l.key = c.word(n));

    static SslContext ssl(Node n, Ctx c) {
        var l = new L();
        SSL.bindAll(n, l, c);
        return new SslContext(l.password, l.ca, l.cert, l.key);
    }
}
