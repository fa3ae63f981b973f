package io.jkeepalived.config.bind;

import io.jkeepalived.config.model.Checker;
import io.jkeepalived.config.model.CheckerCommon;
import io.jkeepalived.config.model.RegexOption;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.model.Url;
import io.jkeepalived.config.tree.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checker blocks of a real server (behaviour §1.8): one builder, a per-type keyword table. */
final class CheckerBinder {
    private CheckerBinder() {}

    static final Set<String> TYPES = Set.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK",
            "DNS_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK");

    static final class K {
        final String type;
        Optional<String> connectIp = Optional.empty(), bindto = Optional.empty(), bindIf = Optional.empty(),
                httpProtocol = Optional.empty(), virtualhost = Optional.empty(), sniName = Optional.empty(),
                payload = Optional.empty(), requireReply = Optional.empty(), trackFile = Optional.empty(),
                name = Optional.empty();
        Optional<Integer> connectPort = Optional.empty(), bindPort = Optional.empty(), retry = Optional.empty(),
                weight = Optional.empty();
        Optional<Long> fwmark = Optional.empty();
        Optional<Duration> connectTimeout = Optional.empty(), delayBeforeRetry = Optional.empty(),
                warmup = Optional.empty(), delayLoop = Optional.empty(), miscTimeout = Optional.empty();
        boolean alpha, logAllFailures, fastRecovery, enableSni, tlsCompliant, miscDynamic, reverse;
        Optional<Script> miscPath = Optional.empty();
        String heloName = "smtpchecker.keepalived.org", dnsType = "SOA", dnsName = ".";
        int minReply, maxReply = 255;
        final List<Url> urls = new ArrayList<>();
        final List<CheckerCommon> hosts = new ArrayList<>();

        K(String type) {
            this.type = type;
        }

        /** Timing left absent is inherited (real server, virtual server, type default) by the check plan. */
        CheckerCommon common() {
            return new CheckerCommon(connectIp, connectPort, bindto, bindPort, bindIf, fwmark,
                    connectTimeout, retry, delayBeforeRetry, warmup, delayLoop, alpha, logAllFailures);
        }

        Optional<Checker> build(Node n, Ctx c) {
            CheckerCommon cc = common();
            return switch (type) {
                case "TCP_CHECK" -> Optional.of(new Checker.TcpCheck(cc));
                case "HTTP_GET", "SSL_GET" -> urls.isEmpty() ? noUrl(n, c) : Optional.of(new Checker.HttpGet(cc, type.equals("SSL_GET"), urls,
                        httpProtocol, virtualhost, fastRecovery, enableSni, sniName, tlsCompliant));
                case "MISC_CHECK" -> {
                    if (miscPath.isEmpty()) {
                        c.error(n.pos(), "MISC_CHECK has no misc_path; ignored");
                        yield Optional.empty();
                    }
                    yield Optional.of(new Checker.MiscCheck(cc, miscPath.get(), miscTimeout, miscDynamic));
                }
                case "SMTP_CHECK" -> Optional.of(new Checker.SmtpCheck(cc, heloName, hosts));
                case "DNS_CHECK" -> Optional.of(new Checker.DnsCheck(cc, dnsType, dnsName));
                case "UDP_CHECK" -> Optional.of(new Checker.UdpCheck(cc, payload, requireReply, minReply, maxReply));
                case "PING_CHECK" -> Optional.of(new Checker.PingCheck(cc));
                case "FILE_CHECK" -> {
                    if (trackFile.isEmpty()) {
                        c.error(n.pos(), "FILE_CHECK has no track_file; ignored");
                        yield Optional.empty();
                    }
                    yield Optional.of(new Checker.FileCheck(cc, trackFile.get(), weight, reverse));
                }
                case "BFD_CHECK" -> Optional.of(new Checker.BfdCheck(cc, name.orElse("")));
                default -> Optional.empty();
            };
        }
    }

    private static Optional<Checker> noUrl(Node n, Ctx c) {
        // keepalived 2.2.7 -t crashes (SIGSEGV) on this; we report it
        c.error(n.pos(), n.name() + " checker has no url; ignored");
        return Optional.empty();
    }

    private static KeywordTable<K> common(String block) {
        return new KeywordTable<K>(block)
                .line("connect_ip", (n, k, c) -> k.connectIp = c.ip(n, 0).map(a -> io.jkeepalived.config.model.IpText.of(a)))
                .line("connect_port", (n, k, c) -> k.connectPort = c.int32(n, 0, 65535))
                .line("bindto", (n, k, c) -> k.bindto = c.ip(n, 0).map(a -> io.jkeepalived.config.model.IpText.of(a)))
                .line("bind_port", (n, k, c) -> k.bindPort = c.int32(n, 0, 65535))
                .line("bind_if", (n, k, c) -> k.bindIf = c.word(n))
                .line("fwmark", (n, k, c) -> k.fwmark = c.integer(n, 0, 0, 0xffffffffL))
                .line("connect_timeout", (n, k, c) -> k.connectTimeout = Ctx.positive(n, c))
                .line("retry", (n, k, c) -> k.retry = c.int32(n, 0, Integer.MAX_VALUE))
                .line("nb_get_retry", (n, k, c) -> {
                    c.error(n.pos(), "'nb_get_retry' in " + block + " is accepted as 'retry', but keepalived 2.2.7"
                            + " rejects it there (Unknown keyword)", "write 'retry'");
                    k.retry = c.int32(n, 0, Integer.MAX_VALUE);
                })
                .line("delay_before_retry", (n, k, c) -> k.delayBeforeRetry = c.timer(n))
                .line("warmup", (n, k, c) -> k.warmup = c.timer(n))
                .line("delay_loop", (n, k, c) -> k.delayLoop = Ctx.positive(n, c))
                .line("alpha", (n, k, c) -> k.alpha = c.bool(n).orElse(true))
                .line("log_all_failures", (n, k, c) -> k.logAllFailures = c.bool(n).orElse(true));
    }

    static final class U {
        Optional<String> path = Optional.empty(), digest = Optional.empty(), vhost = Optional.empty(),
                regex = Optional.empty();
        final List<Url.StatusRange> codes = new ArrayList<>();
        final Set<RegexOption> regexOptions = EnumSet.noneOf(RegexOption.class);
        boolean noMatch, regexStack;
        long minOffset;
        OptionalLong maxOffset = OptionalLong.empty();

        /** The regex and its companions, or empty (with a warning when companions came without it). */
        Optional<Url.Regex> regex(Node n, Ctx c) {
            if (regex.isEmpty()) {
                if (noMatch || !regexOptions.isEmpty() || minOffset != 0 || maxOffset.isPresent() || regexStack) {
                    c.warning(n.pos(), "url has regex parameters but no regex; they are ignored");
                }
                return Optional.empty();
            }
            if (maxOffset.isPresent() && minOffset > maxOffset.getAsLong()) {
                c.warning(n.pos(), "regex_min_offset " + minOffset + " is beyond regex_max_offset "
                        + maxOffset.getAsLong() + "; both are ignored");
                minOffset = 0;
                maxOffset = OptionalLong.empty();
            }
            int flags = regexOptions.stream().mapToInt(o -> o.javaFlags).reduce(0, (a, b) -> a | b);
            try {
                Pattern.compile(regex.get(), flags);
            } catch (PatternSyntaxException e) {
                c.error(n.pos(), "url regex '" + regex.get() + "' is not a valid (Java) regular expression: "
                        + e.getDescription(), "the checker is disabled; see docs/checkers.md for the dialect");
            }
            return Optional.of(new Url.Regex(regex.get(), noMatch, regexOptions, minOffset, maxOffset));
        }
    }

    private static final KeywordTable<U> URL = new KeywordTable<U>("url")
            .line("path", (n, u, c) -> u.path = c.word(n))
            .line("digest", (n, u, c) -> c.word(n).ifPresent(d -> {
                if (!d.matches("[0-9a-fA-F]{32}")) c.error(n.args().getFirst().pos(), "digest '" + d + "' is not 32 hex characters");
                else u.digest = Optional.of(d.toLowerCase(java.util.Locale.ROOT));
            }))
            .line("status_code", (n, u, c) -> n.args().forEach(t -> {
                String[] parts = t.text().split("-", 2);
                var from = c.integer("status_code", new io.jkeepalived.config.tree.Token(parts[0], t.pos(), false), 100, 999);
                var to = parts.length > 1
                        ? c.integer("status_code", new io.jkeepalived.config.tree.Token(parts[1], t.pos(), false), 100, 999) : from;
                if (from.isPresent() && to.isPresent()) u.codes.add(new Url.StatusRange(from.get().intValue(), to.get().intValue()));
            }))
            .line("virtualhost", (n, u, c) -> u.vhost = c.word(n))
            // one argument, quoted when it has spaces, as keepalived reads it
            .line("regex", (n, u, c) -> {
                if (n.args().size() > 1) c.error(n.args().get(1).pos(), "regex takes one argument; quote a pattern with spaces");
                else u.regex = c.word(n);
            })
            .line("regex_no_match", (n, u, c) -> u.noMatch = true)
            .line("regex_options", (n, u, c) -> n.args().forEach(t -> RegexOption.byKeyword(t.text()).ifPresentOrElse(o -> {
                if (o.support == RegexOption.Support.NONE) {
                    c.warning(t.pos(), "regex option " + t.text() + " has no equivalent in Java's regex engine; ignored");
                } else {
                    u.regexOptions.add(o);
                }
            }, () -> c.warning(t.pos(), "unknown regex option '" + t.text() + "'; ignored"))))
            .line("regex_stack", (n, u, c) -> {
                var start = c.integer(n, 0, 0, Long.MAX_VALUE);
                var max = c.integer(n, 1, 0, Long.MAX_VALUE);
                if (start.isPresent() && max.isPresent() && start.get() > max.get()) {
                    c.error(n.pos(), "regex_stack start " + start.get() + " exceeds max " + max.get());
                }
                u.regexStack = true; // PCRE2 JIT stack sizes: Java's engine has no such stack
            })
            .line("regex_min_offset", (n, u, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> u.minOffset = v))
            .line("regex_max_offset", (n, u, c) -> c.integer(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> u.maxOffset = OptionalLong.of(v)));

    private static final KeywordTable<K> TCP = common("TCP_CHECK");
    private static final KeywordTable<K> PING = common("PING_CHECK");
    private static final KeywordTable<K> HTTP = http("HTTP_GET");
    private static final KeywordTable<K> SSL = http("SSL_GET")
            .line("enable_sni", (n, k, c) -> k.enableSni = c.bool(n).orElse(true))
            .line("sni_name", (n, k, c) -> k.sniName = c.word(n))
            .line("tls_compliant", (n, k, c) -> k.tlsCompliant = c.bool(n).orElse(true));

    private static KeywordTable<K> http(String block) {
        return common(block)
                .legacy("nb_get_retry", "retry", "keepalived 2.2.7 reports it as deprecated")
                .line("http_protocol", (n, k, c) -> c.word(n).ifPresent(p -> {
                    if (Set.of("1.0", "1.0C", "1.0c", "1.1").contains(p)) k.httpProtocol = Optional.of(p);
                    else c.error(n.args().getFirst().pos(), "http_protocol '" + p + "' must be 1.0, 1.0C or 1.1");
                }))
                .line("virtualhost", (n, k, c) -> k.virtualhost = c.word(n))
                .line("fast_recovery", (n, k, c) -> k.fastRecovery = c.bool(n).orElse(true))
                .block("url", (n, k, c) -> {
                    var u = new U();
                    URL.bindAll(n, u, c);
                    if (u.path.isEmpty()) {
                        c.error(n.pos(), "url has no path; ignored");
                        return;
                    }
                    k.urls.add(new Url(u.path.get(), u.digest, u.codes.isEmpty() ? List.of(new Url.StatusRange(200, 299))
                            : u.codes, u.vhost, u.regex(n, c)));
                });
    }

    private static final KeywordTable<K> MISC = new KeywordTable<K>("MISC_CHECK")
            .line("misc_path", (n, k, c) -> k.miscPath = c.script(n))
            .line("misc_timeout", (n, k, c) -> k.miscTimeout = c.timer(n))
            .line("misc_dynamic", (n, k, c) -> k.miscDynamic = true)
            .line("user", (n, k, c) -> c.userSpec(n).ifPresent(u -> k.miscPath = k.miscPath.map(s -> c.withUser(s, u))))
            // the man page: MISC_CHECK takes the common options from alpha onwards
            .line("connect_timeout", (n, k, c) -> k.connectTimeout = Ctx.positive(n, c))
            .line("retry", (n, k, c) -> k.retry = c.int32(n, 0, Integer.MAX_VALUE))
            .line("delay_before_retry", (n, k, c) -> k.delayBeforeRetry = c.timer(n))
            .line("warmup", (n, k, c) -> k.warmup = c.timer(n))
            .line("delay_loop", (n, k, c) -> k.delayLoop = Ctx.positive(n, c))
            .line("alpha", (n, k, c) -> k.alpha = c.bool(n).orElse(true))
            .line("log_all_failures", (n, k, c) -> k.logAllFailures = c.bool(n).orElse(true));

    private static final KeywordTable<K> HOST = common("host");
    private static final KeywordTable<K> SMTP = common("SMTP_CHECK")
            .line("helo_name", (n, k, c) -> c.word(n).ifPresent(h -> k.heloName = h))
            .block("host", (n, k, c) -> {
                var h = new K("SMTP_CHECK");
                HOST.bindAll(n, h, c);
                k.hosts.add(h.common());
            });
    private static final KeywordTable<K> DNS = common("DNS_CHECK")
            .line("type", (n, k, c) -> c.word(n).ifPresent(t -> {
                if (Set.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA").contains(t)) k.dnsType = t;
                else c.error(n.args().getFirst().pos(), "DNS_CHECK type '" + t + "' must be A, NS, CNAME, SOA, MX, TXT or AAAA");
            }))
            .line("name", (n, k, c) -> c.word(n).ifPresent(v -> k.dnsName = v));
    private static final KeywordTable<K> UDP = common("UDP_CHECK")
            // hex strings are free format ("Ab12f 3 456"): every argument counts
            .line("payload", (n, k, c) -> k.payload = hex(n, c, false))
            // without an argument any reply passes (its length still must fit); kept as ""
            .line("require_reply", (n, k, c) -> k.requireReply = n.args().isEmpty() ? Optional.of("") : hex(n, c, true))
            .line("min_reply_length", (n, k, c) -> c.int32(n, 0, 65535).ifPresent(v -> k.minReply = v))
            .line("max_reply_length", (n, k, c) -> c.int32(n, 0, 65535).ifPresent(v -> k.maxReply = v));
    private static final KeywordTable<K> FILE = new KeywordTable<K>("FILE_CHECK")
            .line("track_file", (n, k, c) -> k.trackFile = c.word(n))
            .line("weight", (n, k, c) -> k.weight = TrackerBinders.weight(n, c, -2147483647L, 2147483647L, r -> k.reverse = r));
    private static final KeywordTable<K> BFD = new KeywordTable<K>("BFD_CHECK")
            .line("name", (n, k, c) -> k.name = c.word(n))
            .line("alpha", (n, k, c) -> k.alpha = true);

    private static Optional<String> hex(Node n, Ctx c, boolean wildcards) {
        String text = String.join(" ", n.args().stream().map(io.jkeepalived.config.tree.Token::text).toList());
        if (text.isEmpty()) {
            return c.word(n);
        }
        if (!text.matches(wildcards ? "[0-9a-fA-FxX ]+" : "[0-9a-fA-F ]+")) {
            c.error(n.pos(), n.name() + " '" + text + "' is not a hex string" + (wildcards ? " (X: any nibble)" : ""));
            return Optional.empty();
        }
        return Optional.of(text);
    }

    static KeywordTable<K> table(String type) {
        return switch (type) {
            case "TCP_CHECK" -> TCP;
            case "HTTP_GET" -> HTTP;
            case "SSL_GET" -> SSL;
            case "MISC_CHECK" -> MISC;
            case "SMTP_CHECK" -> SMTP;
            case "DNS_CHECK" -> DNS;
            case "UDP_CHECK" -> UDP;
            case "PING_CHECK" -> PING;
            case "FILE_CHECK" -> FILE;
            default -> BFD;
        };
    }

    static Optional<Checker> bind(Node n, Ctx c) {
        var k = new K(n.name());
        table(n.name()).bindAll(n, k, c);
        return k.build(n, c);
    }
}
