package io.jkeepalived.check.probe;

import io.jkeepalived.config.model.Checker;
import io.jkeepalived.config.model.CheckerCommon;
import io.jkeepalived.config.model.IpText;
import io.jkeepalived.config.model.TrackFile;
import io.jkeepalived.config.model.Url;
import io.jkeepalived.script.RunAs;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import javax.net.ssl.SSLContext;

/**
 * Turns a checker block of a real server into its probes. HTTP_GET / SSL_GET give one probe per
 * {@code url} in config order (the policy runs them in turn); every other type gives one. A checker
 * that cannot run (a refused script, an unknown track_file, no port) is {@link Made.Disabled} with
 * the reason, which the caller reports once; it counts as neither up nor down.
 */
public final class Probes {

    /** Daemon-wide things probes use. {@code trackFiles} by name; {@code tls} from the SSL block. */
    public record Environment(ScriptLauncher launcher, ScriptPolicy scripts, SSLContext tls,
                              Map<String, TrackFile> trackFiles, PingService ping) {
        public Environment {
            trackFiles = Map.copyOf(trackFiles);
        }
    }

    /** What a checker inherits from its real and virtual server beyond their address and port. */
    public record Inherited(Optional<String> virtualhost, long realServerWeight) {
        public static Inherited none() {
            return new Inherited(Optional.empty(), 1);
        }
    }

    /** The outcome of {@link #create}. */
    public sealed interface Made {
        record Ready(List<Probe> probes) implements Made {
            public Ready {
                probes = List.copyOf(probes);
            }
        }

        record Disabled(String reason) implements Made {}
    }

    private final Environment env;

    public Probes(Environment env) {
        this.env = env;
    }

    /** The probes of {@code checker} on the real server at {@code address}:{@code port} (port 0: none given). */
    public Made create(Checker checker, InetAddress address, int port, Inherited inherited) {
        try {
            return switch (checker) {
                case Checker.TcpCheck c -> one(new TcpProbe(endpoint(c.common(), address, port)));
                case Checker.HttpGet c -> http(c, endpoint(c.common(), address, port), inherited);
                case Checker.SmtpCheck c -> smtp(c, address, port);
                case Checker.DnsCheck c -> one(new DnsProbe(endpoint(c.common(), address, orDefault(port, 53)), c.queryType(), c.name()));
                case Checker.UdpCheck c -> udp(c, endpoint(c.common(), address, port));
                case Checker.PingCheck c -> one(new PingProbe(env.ping(), endpoint(c.common(), address, orDefault(port, 1))));
                case Checker.MiscCheck c -> misc(c);
                case Checker.FileCheck c -> file(c, inherited);
                case Checker.BfdCheck c -> new Made.Disabled("BFD_CHECK " + c.name() + " is not a probe: BFD is not implemented");
            };
        } catch (Unusable e) {
            return new Made.Disabled(checker.type() + ": " + e.getMessage());
        }
    }

    private static Made one(Probe p) {
        return new Made.Ready(List.of(p));
    }

    private static int orDefault(int port, int dflt) {
        return port == 0 ? dflt : port;
    }

    static Endpoint endpoint(CheckerCommon c, InetAddress rs, int rsPort) throws Unusable {
        InetAddress to = c.connectIp().isPresent() ? literal(c.connectIp().get()) : rs;
        int port = c.connectPort().orElse(rsPort);
        if (port == 0) {
            throw new Unusable("no port to connect to (give connect_port)");
        }
        Optional<InetSocketAddress> from = Optional.empty();
        if (c.bindto().isPresent() || c.bindPort().isPresent()) {
            InetAddress src = c.bindto().isPresent() ? literal(c.bindto().get()) : wildcard(to);
            from = Optional.of(new InetSocketAddress(src, c.bindPort().orElse(0)));
        }
        return new Endpoint(new InetSocketAddress(to, port), from, c.bindIf(), c.fwmark());
    }

    private Made http(Checker.HttpGet c, Endpoint e, Inherited inh) throws Unusable {
        HttpVersion version = HttpVersion.of(c.httpProtocol().orElse("1.0"));
        int defaultPort = c.ssl() ? 443 : 80;
        List<Probe> out = new ArrayList<>();
        for (Url u : c.urls()) {
            Optional<String> vhost = u.virtualhost().or(c::virtualhost).or(inh::virtualhost);
            String host = vhost.orElseGet(() -> literalHost(e.remote().getAddress()));
            int port = e.remote().getPort();
            String hostHeader = port == defaultPort ? host : host + ":" + port;
            Optional<String> sni = c.ssl() && c.enableSni() ? c.sniName().or(() -> vhost) : Optional.empty();
            HttpTarget t = new HttpTarget(e, u.path(), hostHeader, version,
                    c.ssl() ? Optional.of(env.tls()) : Optional.empty(), sni);
            try {
                out.add(new HttpProbe(t, HttpExpectation.of(u)));
            } catch (PatternSyntaxException ex) {
                throw new Unusable("url " + u.path() + ": bad regex: " + ex.getDescription());
            }
        }
        return new Made.Ready(out);
    }

    private static Made smtp(Checker.SmtpCheck c, InetAddress address, int port) throws Unusable {
        List<Endpoint> hosts = new ArrayList<>();
        if (c.hosts().isEmpty()) {
            hosts.add(endpoint(c.common(), address, orDefault(port, 25)));
        }
        for (CheckerCommon h : c.hosts()) {
            hosts.add(endpoint(h, address, orDefault(port, 25)));
        }
        return one(new SmtpProbe(hosts, c.heloName()));
    }

    private static Made udp(Checker.UdpCheck c, Endpoint e) throws Unusable {
        Optional<byte[]> payload = Optional.empty();
        if (c.payload().isPresent()) {
            payload = Optional.of(HexPattern.parse(c.payload().get(), false)
                    .orElseThrow(() -> new Unusable("payload is not hex: " + c.payload().get())).value());
        }
        UdpProbe.ReplyRule rule = new UdpProbe.ReplyRule.NotRequired();
        if (c.requireReply().isPresent()) {
            String text = c.requireReply().get();
            Optional<HexPattern> p = text.isBlank() ? Optional.empty() : Optional.of(HexPattern.parse(text, true)
                    .orElseThrow(() -> new Unusable("require_reply is not hex: " + text)));
            rule = new UdpProbe.ReplyRule.Required(p, c.minReplyLength(), c.maxReplyLength());
        }
        return one(new UdpProbe(e, payload, rule));
    }

    private Made misc(Checker.MiscCheck c) {
        Optional<RunAs> runAs = c.miscPath().user().map(u -> new RunAs(u, c.miscPath().group()));
        return switch (env.scripts().admit("MISC_CHECK", c.miscPath().command(), c.miscPath().argv(), runAs)) {
            case ScriptPolicy.Admitted a -> one(new MiscProbe(env.launcher(), a.argv(), a.identity(), c.miscTimeout(),
                    c.miscDynamic()));
            case ScriptPolicy.Refused r -> new Made.Disabled(r.reason());
        };
    }

    private Made file(Checker.FileCheck c, Inherited inh) throws Unusable {
        TrackFile tf = env.trackFiles().get(c.trackFile());
        if (tf == null) {
            throw new Unusable("track_file " + c.trackFile() + " not found");
        }
        // the checker's own weight wins; without one (or with 0) the track_file's applies
        boolean own = c.weight().isPresent() && c.weight().get() != 0;
        int weight = own ? c.weight().get() : tf.weight();
        boolean reverse = own ? c.reverse() : tf.weightReverse();
        return one(new FileProbe(Path.of(tf.file()), weight, reverse, inh.realServerWeight()));
    }

    private static InetAddress literal(String ip) throws Unusable {
        try {
            return InetAddress.ofLiteral(ip);
        } catch (IllegalArgumentException e) {
            throw new Unusable("not an IP address: " + ip);
        }
    }

    private static InetAddress wildcard(InetAddress like) {
        return new InetSocketAddress(like instanceof Inet6Address ? "::" : "0.0.0.0", 0).getAddress();
    }

    /** The Host header's address: IPv6 compressed, in brackets, without a scope (inet_ntop's form). */
    private static String literalHost(InetAddress a) {
        String h = IpText.of(a);
        return a instanceof Inet6Address ? "[" + h + "]" : h;
    }

    /** A checker that cannot be turned into a probe. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message, null, false, false);
        }
    }
}
