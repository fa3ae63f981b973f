package io.jkeepalived.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * tcpdump on one interface of a namespace. In line mode ({@link #lines}) each packet is a line a test
 * can await (ARP, VRRP adverts decoded by tcpdump); in file mode ({@link #pcap}) packets go to a pcap
 * file for {@link Tshark}. Both wait until tcpdump says it is listening, so nothing is missed.
 */
public final class Capture implements AutoCloseable {

    /** A VRRP advertisement as tcpdump printed it; {@code time} is wall-clock seconds. */
    public record Advert(double time, String source, String destination, int version, int vrid, int priority) {}

    /** Capture filter for VRRP over IPv4 and IPv6 (tcpdump's {@code vrrp} keyword is IPv4 only). */
    public static final String VRRP = "ip proto 112 or ip6 proto 112";

    private static final Pattern ADVERT = Pattern.compile(
            "^(\\d+\\.\\d+) .*?(\\S+) > (\\S+): VRRPv(\\d), Advertisement, vrid (\\d+), prio (\\d+)");

    private final Process process;
    private final LineLog log;

    private Capture(Process process, LineLog log) {
        this.process = process;
        this.log = log;
    }

    /** Packets as tcpdump lines ({@code -n -tt -e -l}) matching the capture {@code filter}. */
    public static Capture lines(NetNs ns, String iface, String filter) {
        return start(ns, "tcpdump-" + iface, List.of("tcpdump", "-i", iface, "-n", "-tt", "-e", "-l", "-U", filter));
    }

    /** Packets written to {@code file}. */
    public static Capture pcap(NetNs ns, String iface, String filter, Path file) {
        return start(ns, "tcpdump-" + iface, List.of("tcpdump", "-i", iface, "-n", "-U", "-Z", "root", "-w", file.toString(), filter));
    }

    private static Capture start(NetNs ns, String name, List<String> command) {
        var p = ns.start(Map.of(), command.toArray(String[]::new));
        var capture = new Capture(p, LineLog.follow(name, p.getInputStream()));
        capture.log.await(0, "listening on", Duration.ofSeconds(20));
        return capture;
    }

    public LineLog log() {
        return log;
    }

    public int mark() {
        return log.mark();
    }

    /** Every VRRP advert printed after {@code mark}. */
    public List<Advert> adverts(int mark) {
        var out = new ArrayList<Advert>();
        for (var l : log.matching(mark, "VRRPv")) {
            parse(l.text()).ifPresent(out::add);
        }
        return out;
    }

    /** Waits for an advert after {@code mark} from {@code source} (any priority when {@code priority} < 0). */
    public Advert awaitAdvert(int mark, String source, int priority, Duration timeout) {
        return awaitAdvert(mark, source, -1, priority, timeout);
    }

    /**
     * As {@link #awaitAdvert(int, String, int, Duration)} for one virtual router {@code vrid} (any
     * when < 0): a node running several instances advertises each with the same source address.
     */
    public Advert awaitAdvert(int mark, String source, int vrid, int priority, Duration timeout) {
        var line = log.awaitLine(mark, l -> parse(l).filter(a -> a.source().equals(source)
                        && (vrid < 0 || a.vrid() == vrid) && (priority < 0 || a.priority() == priority)).isPresent(),
                        timeout)
                .orElseThrow(() -> new AssertionError("no advert from " + source + (vrid < 0 ? "" : " for vrid " + vrid)
                        + (priority < 0 ? "" : " with priority " + priority) + " within " + timeout.toMillis()
                        + " ms; captured:\n" + log.tail(20)));
        return parse(line.text()).orElseThrow();
    }

    static Optional<Advert> parse(String line) {
        var m = ADVERT.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Advert(Double.parseDouble(m.group(1)), m.group(2), m.group(3),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))));
    }

    /** Stops tcpdump (SIGTERM flushes the file) and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        log.awaitEnd(Duration.ofSeconds(10));
    }
}
