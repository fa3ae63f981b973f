package io.jkeepalived.check.engine;

import io.jkeepalived.check.engine.CheckAction.ScriptKind;
import io.jkeepalived.check.engine.CheckTransition.Kind;
import io.jkeepalived.config.model.IpText;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.notify.FifoLines;
import io.jkeepalived.notify.LvsService;
import java.util.function.Consumer;

/**
 * Every state change passes here, and only here: it is counted, stamped and logged, and its
 * notifiers fire in keepalived's order: script, FIFO line, alert mail. Real-server and quorum
 * scripts get no extra arguments (behaviour §3.11), unlike the VRRP {@code notify} script.
 */
final class Funnel {

    private long sequence;
    private final long[] byKind = new long[Kind.values().length];

    void checker(CheckerPolicy c, long now, Consumer<CheckAction> out) {
        record(Kind.CHECKER, c.spec.describe(), c.up(), c.up() ? "" : c.cause(), now, out);
    }

    void realServer(RealServerState r, String cause, long now, Consumer<CheckAction> out) {
        r.lastChangeAt = now;
        record(Kind.REAL_SERVER, r.name(), r.alive, cause, now, out);
        var script = r.alive ? r.spec.notifyUp() : r.spec.notifyDown();
        script.ifPresent(s -> out.accept(new CheckAction.RunScript(
                r.alive ? ScriptKind.NOTIFY_UP : ScriptKind.NOTIFY_DOWN, r.name(), s)));
        LvsService.Endpoint rs = new LvsService.Endpoint(IpText.of(r.spec.ip()), r.vs.spec.protocolLower(),
                r.spec.port().orElse(servicePort(r.vs)));
        out.accept(new CheckAction.WriteFifo(FifoLines.realServer(rs, r.vs.spec.fifoName(), r.alive)));
        if (r.spec.smtpAlert()) {
            out.accept(new CheckAction.SmtpAlert(true, rs.format() + " of " + r.vs.spec.name(), r.alive, cause));
        }
    }

    void quorum(VirtualServerState vs, long now, Consumer<CheckAction> out) {
        vs.lastChangeAt = now;
        String cause = vs.quorumText();
        record(Kind.QUORUM, vs.spec.name(), vs.quorumUp, cause, now, out);
        var script = vs.quorumUp ? vs.spec.quorumUp() : vs.spec.quorumDown();
        script.ifPresent(s -> out.accept(new CheckAction.RunScript(
                vs.quorumUp ? ScriptKind.QUORUM_UP : ScriptKind.QUORUM_DOWN, vs.spec.name(), s)));
        out.accept(new CheckAction.WriteFifo(FifoLines.virtualServer(vs.spec.fifoName(), vs.quorumUp)));
        if (vs.spec.smtpAlert()) {
            out.accept(new CheckAction.SmtpAlert(false, vs.spec.name(), vs.quorumUp, cause));
        }
    }

    private void record(Kind kind, String subject, boolean up, String cause, long now, Consumer<CheckAction> out) {
        byKind[kind.ordinal()]++;
        out.accept(new CheckAction.LogTransition(new CheckTransition(kind, subject, up, cause, now, ++sequence)));
    }

    private static int servicePort(VirtualServerState vs) {
        return vs.spec.services().isEmpty() || !(vs.spec.services().getFirst().key() instanceof ServiceKey.Addr a)
                ? 0 : a.port();
    }

    long transitions(Kind kind) {
        return byKind[kind.ordinal()];
    }
}
