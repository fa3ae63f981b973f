package io.jkeepalived.check.engine;

import io.jkeepalived.check.plan.CheckerSpec;
import io.jkeepalived.check.probe.FailureReason;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.notify.AlertMail;
import java.util.List;

/** What the engine asks the daemon to do, in order; the engine performs none of it. */
public sealed interface CheckAction {

    /**
     * Run one probe of {@code spec} at {@code atNanos} (HTTP: its url number {@code urlIndex})
     * with this deadline, then report {@link CheckEvent.ProbeReported} with the same ticket.
     */
    record ProbeDue(long ticket, CheckerSpec spec, int urlIndex, long atNanos, long timeoutNanos)
            implements CheckAction {}

    /** The probe is no longer wanted (reload, ha_suspend, shutdown); a late report is ignored anyway. */
    record CancelProbe(long ticket) implements CheckAction {}

    /** Change the load-balancer table: apply these operations in order. */
    record TableChange(List<LbOp> ops, long atNanos) implements CheckAction {
        public TableChange {
            ops = List.copyOf(ops);
        }
    }

    /** Run {@code notify_up}/{@code notify_down}/{@code quorum_up}/{@code quorum_down}: configured argv only. */
    record RunScript(ScriptKind kind, String subject, Script script) implements CheckAction {}

    /** Write this line (with its newline) to {@code lvs_notify_fifo} / {@code notify_fifo}. */
    record WriteFifo(String line) implements CheckAction {}

    /** An alert mail (smtp_alert); the daemon fills in router_id and sends it if mail is configured. */
    record SmtpAlert(boolean realServer, String subject, boolean up, String detail) implements CheckAction {
        public AlertMail mail(String routerId) {
            String state = up ? "UP" : "DOWN";
            return realServer
                    ? new AlertMail("[" + routerId + "] Realserver " + subject + " - " + state,
                            up ? "=> CHECK succeeded on service <=" : "=> CHECK failed on service: " + detail + " <=")
                    : new AlertMail("[" + routerId + "] Virtualserver " + subject + " - " + state,
                            (up ? "=> Gained quorum " : "=> Lost quorum ") + detail + " <=");
        }
    }

    /** A state change, already counted and stamped: log it. */
    record LogTransition(CheckTransition transition) implements CheckAction {}

    /** One failed attempt of a checker that is up, logged only with {@code log_all_failures}. */
    record ProbeFailed(String checker, FailureReason reason, String detail, int attempt, long atNanos)
            implements CheckAction {}

    /** No report for {@code Timing.stallAfter()}, or the first report after that (keepalived #2523). */
    record StallChanged(String checker, boolean stalled, long atNanos) implements CheckAction {}

    enum ScriptKind { NOTIFY_UP, NOTIFY_DOWN, QUORUM_UP, QUORUM_DOWN }
}
