package io.jkeepalived.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A ping from the client to a VIP every 50 ms ({@code ping -D} prints the wall-clock time of each
 * reply), so a test can measure the longest gap in replies across a failover.
 */
public final class Pinger implements AutoCloseable {

    /** Seconds between echo requests. */
    public static final double INTERVAL_SECONDS = 0.05;
    private static final Pattern REPLY = Pattern.compile("^\\[(\\d+\\.\\d+)\\] \\d+ bytes from .*icmp_seq=(\\d+)");

    private final Process process;
    private final LineLog log;

    private Pinger(Process process, LineLog log) {
        this.process = process;
        this.log = log;
    }

    /** Starts pinging {@code target} (IPv4 or IPv6) from {@code from}. */
    public static Pinger start(NetNs from, String target) {
        var p = from.start(Map.of(), "ping", target.contains(":") ? "-6" : "-4", "-n", "-D", "-i",
                Double.toString(INTERVAL_SECONDS), "-W", "1", target);
        return new Pinger(p, LineLog.follow("ping-" + target, p.getInputStream()));
    }

    /** Waits for a reply read after {@code mark}. */
    public void awaitReply(int mark, Duration timeout) {
        log.await(mark, REPLY.pattern(), timeout);
    }

    public int mark() {
        return log.mark();
    }

    /** Wall-clock seconds of every reply read after {@code mark}, in order. */
    public List<Double> replyTimes(int mark) {
        var out = new ArrayList<Double>();
        for (var l : log.matching(mark, REPLY.pattern())) {
            var m = REPLY.matcher(l.text());
            if (m.find()) {
                out.add(Double.parseDouble(m.group(1)));
            }
        }
        return out;
    }

    /** The longest time between two consecutive replies read after {@code mark}, in seconds. */
    public double longestGapSeconds(int mark) {
        var times = replyTimes(mark);
        double gap = 0;
        for (int i = 1; i < times.size(); i++) {
            gap = Math.max(gap, times.get(i) - times.get(i - 1));
        }
        return gap;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
