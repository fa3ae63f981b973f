package io.jkeepalived.config.bind;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.IgnoredKeyword;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.tree.Node;
import io.jkeepalived.config.tree.Token;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Binding state shared by every block binder: the diagnostics sink, the list of recognised but
 * unimplemented keywords, and the argument parsers. Each parser reports its own problem at the
 * offending token and returns empty, so a binder never needs to know how a value failed.
 */
final class Ctx {
    final Diagnostics diag;
    final List<IgnoredKeyword> ignored = new ArrayList<>();
    final io.jkeepalived.config.HostView host;
    boolean missingInterface;
    boolean runnableScripts;
    /** The host's answer per interface name: 1,000 instances usually name a handful of interfaces. */
    private final java.util.Map<String, Boolean> interfaces = new java.util.HashMap<>();

    Ctx(Diagnostics diag, io.jkeepalived.config.HostView host) {
        this.diag = diag;
        this.host = host;
    }

    /** Reports an interface the host does not have (keepalived -t treats this as fatal). */
    void requireInterface(String name, SourcePos pos, String what) {
        if (!interfaces.computeIfAbsent(name, host::interfaceExists)) {
            missingInterface = true;
            error(pos, "interface " + name + " for " + what + " doesn't exist",
                    "an error here as with keepalived -t (exit 5), and keepalived 2.2.7 stops on it at start and"
                            + " on reload; the jkeepalived daemon instead runs the instance in FAULT until the"
                            + " interface appears, and keeps the others running");
        }
    }

    /** Whether a script's command can run here; notes it for the script-security check. */
    boolean runnable(Script s) {
        boolean ok = !s.argv().isEmpty() && host.executableExists(s.argv().getFirst());
        if (ok) runnableScripts = true;
        return ok;
    }

    void error(SourcePos pos, String message) {
        diag.error(pos, message);
    }

    void error(SourcePos pos, String message, String hint) {
        diag.error(pos, message, hint);
    }

    void warning(SourcePos pos, String message) {
        diag.warning(pos, message);
    }

    void warning(SourcePos pos, String message, String hint) {
        diag.warning(pos, message, hint);
    }

    /** The argument at {@code i}, or an error naming the keyword when it is missing. */
    Optional<Token> arg(Node n, int i) {
        if (i < n.args().size()) return Optional.of(n.args().get(i));
        error(n.pos(), "'" + n.name() + "' needs " + (i == 0 ? "an argument" : "at least " + (i + 1) + " arguments"));
        return Optional.empty();
    }

    Optional<String> word(Node n) {
        return arg(n, 0).map(Token::text);
    }

    /** All arguments joined by spaces (for free-text values such as names with spaces). */
    Optional<String> text(Node n) {
        if (n.args().isEmpty()) return word(n);
        return Optional.of(String.join(" ", n.args().stream().map(Token::text).toList()));
    }

    Optional<Long> integer(Node n, int i, long lo, long hi) {
        // if-else, not flatMap with a capturing lambda: these run for nearly every statement of a reload
        Optional<Token> t = arg(n, i);
        return t.isEmpty() ? Optional.empty() : integer(n.name(), t.get(), lo, hi);
    }

    Optional<Integer> int32(Node n, long lo, long hi) {
        return integer(n, 0, lo, hi).map(Long::intValue);
    }

    Optional<Long> integer(String what, Token t, long lo, long hi) {
        OptionalLong v = parse(what, t, lo, hi);
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }

    /** The integer in {@code t} within [lo, hi], or empty after reporting why not. */
    private OptionalLong parse(String what, Token t, long lo, long hi) {
        long v;
        try {
            String s = t.text();
            v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            error(t.pos(), what + " '" + t.text() + "' is not a valid integer");
            return OptionalLong.empty();
        }
        if (v < lo || v > hi) {
            error(t.pos(), what + " " + v + " is out of range " + lo + ".." + hi);
            return OptionalLong.empty();
        }
        return OptionalLong.of(v);
    }

    /** A {@code <TIMER>}: decimal seconds with microsecond resolution, within [lo, hi] seconds. */
    Optional<Duration> timer(Node n, int i, double lo, double hi) {
        Optional<Token> t = arg(n, i);
        return t.isEmpty() ? Optional.empty() : timer(n.name(), t.get(), lo, hi);
    }

    /** A timer keepalived wants strictly positive: 0.000001..4294.967295 s. */
    static Optional<Duration> positive(Node n, Ctx c) {
        return c.timer(n, 0, 0.000001, 4294.967295);
    }

    Optional<Duration> timer(Node n) {
        return timer(n, 0, 0, Integer.MAX_VALUE);
    }

    Optional<Duration> timer(String what, Token t, double lo, double hi) {
        long fast = simpleMicros(t.text());
        if (fast >= 0 && fast >= lo * 1_000_000 && fast <= hi * 1_000_000) {
            return Optional.of(Duration.ofNanos(fast * 1000));
        }
        BigDecimal secs;
        try {
            secs = new BigDecimal(t.text());
        } catch (NumberFormatException e) {
            error(t.pos(), what + " '" + t.text() + "' is not a valid number of seconds");
            return Optional.empty();
        }
        if (secs.compareTo(BigDecimal.valueOf(lo)) < 0 || secs.compareTo(BigDecimal.valueOf(hi)) > 0) {
            error(t.pos(), what + " " + t.text() + " is out of range " + fmt(lo) + ".." + fmt(hi));
            return Optional.empty();
        }
        long micros = secs.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return Optional.of(Duration.ofNanos(micros * 1000));
    }

    /** {@code D+[.D{1,6}]} as microseconds without BigDecimal (the common case); -1 for anything else. */
    private static long simpleMicros(String s) {
        int n = s.length();
        if (n == 0 || n > 15) return -1;
        long whole = 0;
        int i = 0;
        for (; i < n && s.charAt(i) != '.'; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') return -1;
            whole = whole * 10 + (ch - '0');
        }
        if (i == 0) return -1;
        long frac = 0;
        int digits = 0;
        if (i < n) {
            for (i++; i < n; i++, digits++) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9' || digits == 6) return -1;
                frac = frac * 10 + (ch - '0');
            }
            if (digits == 0) return -1;
        }
        for (; digits < 6; digits++) frac *= 10;
        return whole * 1_000_000 + frac;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** {@code <BOOL>}: a bare keyword means true. */
    Optional<Boolean> bool(Node n) {
        if (n.args().isEmpty()) return Optional.of(true);
        Token t = n.args().getFirst();
        return switch (t.text().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> Optional.of(true);
            case "off", "false", "no" -> Optional.of(false);
            default -> {
                error(t.pos(), n.name() + " '" + t.text() + "' is not a boolean (on|off|true|false|yes|no)");
                yield Optional.empty();
            }
        };
    }

    Optional<InetAddress> ip(Node n, int i) {
        Optional<Token> t = arg(n, i);
        return t.isEmpty() ? Optional.empty() : ip(n.name(), t.get());
    }

    Optional<InetAddress> ip(String what, Token t) {
        Optional<InetAddress> a = Addresses.parse(t.text());
        if (a.isEmpty()) {
            error(t.pos(), what + " '" + t.text() + "' is not a valid IP address");
        }
        return a;
    }

    Optional<Integer> port(String what, Token t) {
        // no Long on the way: every real server line has a port, and ports are past the boxes' cache
        OptionalLong v = parse(what, t, 0, 65535);
        return v.isPresent() ? Optional.of((int) v.getAsLong()) : Optional.empty();
    }

    /** A script that will run, where it was configured (for the host checks). */
    record PlacedScript(Script script, SourcePos pos) {}

    final List<PlacedScript> scripts = new ArrayList<>();

    /** A script string: one token or a quoted command line, optionally followed by user [[:]group]. */
    Optional<Script> script(Node n) {
        Optional<Script> s = userSpec(n);
        s.ifPresent(v -> scripts.add(new PlacedScript(v, n.pos())));
        return s;
    }

    /** Applies a separate {@code user} line to an already-parsed script, keeping its position. */
    Script withUser(Script s, Script userSpec) {
        var updated = new Script(s.command(), s.argv(), Optional.of(userSpec.command()), userSpec.user());
        scripts.replaceAll(p -> p.script() == s ? new PlacedScript(updated, p.pos()) : p);
        return updated;
    }

    /** The same syntax for values that are not run: script_user, FIFO paths. */
    Optional<Script> userSpec(Node n) {
        if (n.args().isEmpty()) {
            error(n.pos(), "'" + n.name() + "' needs a value");
            return Optional.empty();
        }
        return Optional.of(Scripts.parse(n.args()));
    }

    void unimplemented(String block, Node n) {
        warning(n.pos(), "'" + n.name() + "' is recognised but not implemented by jkeepalived yet; ignored");
        ignored.add(new IgnoredKeyword(block, n.name(), n.args().stream().map(Token::text).toList()));
    }

    /** Every word of a block's children, flattened: {@code group { A B \n C }} gives A, B, C. */
    List<Token> words(Node block) {
        var out = new ArrayList<Token>();
        for (Node c : block.children()) {
            if (c.block()) {
                error(c.pos(), "unexpected block '" + c.name() + " { }' inside " + block.name() + "; ignored");
                continue;
            }
            out.add(c.keyword());
            out.addAll(c.args());
        }
        if (out.isEmpty()) warnEmpty(block);
        return out;
    }

    private void warnEmpty(Node block) {
        // keepalived 2.2.7 -t counts an empty notification_email / group block as a config error
        error(block.pos(), "empty " + block.name() + " block");
    }
}
