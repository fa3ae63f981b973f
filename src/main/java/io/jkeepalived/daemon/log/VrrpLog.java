package io.jkeepalived.daemon.log;

import io.jkeepalived.vrrp.engine.Transition;
import io.jkeepalived.vrrp.engine.TransitionReason;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP log lines operators grep for, worded exactly as keepalived 2.2.7 writes them (copied
 * from a run of Debian's keepalived in a namespace, see docs/daemon.md). Everything here goes
 * through the asynchronous appender, so calling it from the loop never blocks.
 */
public final class VrrpLog {
    public static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    private static final Pattern FROM = Pattern.compile("from (\\S+) priority (\\d+), ours (\\d+)");

    /** -D: keepalived logs these lines only with --log-detail (checked against a run without -D). */
    private static volatile boolean detail;

    private VrrpLog() {}

    public static void setDetail(boolean on) {
        detail = on;
    }

    public static boolean detailOn() {
        return detail;
    }

    public static void detail(String format, Object... args) {
        if (detail) {
            LOG.info(format, args);
        }
    }

    public static void transition(Transition t) {
        String who = "(" + t.instance() + ") ";
        if (t.to() == VrrpState.MASTER && t.reason() == TransitionReason.MASTER_DOWN_TIMER) {
            detail("{}Receive advertisement timeout", who);
        }
        if ((t.reason() == TransitionReason.HIGHER_PRIORITY_ADVERT
                || t.reason() == TransitionReason.EQUAL_PRIORITY_HIGHER_ADDRESS) && t.from() == VrrpState.MASTER) {
            Matcher m = FROM.matcher(t.detail());
            if (m.find()) {
                LOG.info("{}Master received advert from {} with {} priority {}, ours {}", who, m.group(1),
                        t.reason() == TransitionReason.HIGHER_PRIORITY_ADVERT ? "higher" : "same", m.group(2),
                        m.group(3));
            }
        }
        switch (t.to()) {
            case MASTER, BACKUP, FAULT -> LOG.info("{}Entering {} STATE{}", who, t.to(),
                    t.from() == VrrpState.INIT ? " (init)" : "");
            case STOP, DELETED, INIT -> { }
        }
        LOG.debug("{}{} -> {} ({}{})", who, t.from(), t.to(), t.reason(), t.detail().isEmpty() ? "" : ": " + t.detail());
    }

    public static void message(String instance, String text) {
        LOG.info("({}) {}", instance, text);
    }

    /** An engine message; the one a packet can cause each time goes through {@link PacketLog}. */
    public static void message(io.jkeepalived.vrrp.engine.Action.LogMessage m) {
        if (m.message().equals(io.jkeepalived.vrrp.engine.Action.LogMessage.OWN_ADDRESS_ADVERT)
                && !PacketLog.admit(PacketLog.Reason.OWN_ADDRESS_ADVERT, m.instance(), System.nanoTime())) {
            return;
        }
        message(m.instance(), m.message());
    }

    /** A lower-priority advert, discarded by a BACKUP or answered by a MASTER: one per packet, so rate-limited. */
    public static void lowerPriority(io.jkeepalived.vrrp.engine.Action.LowerPriorityAdvert l) {
        if (PacketLog.admit(PacketLog.Reason.LOWER_PRIORITY_ADVERT, l.instance(), System.nanoTime())) {
            message(l.instance(), l.message());
        }
    }
}
