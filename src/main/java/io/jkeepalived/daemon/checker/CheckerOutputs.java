package io.jkeepalived.daemon.checker;

import io.jkeepalived.check.engine.CheckAction;
import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.Script;
import io.jkeepalived.daemon.log.LogRateLimiter;
import io.jkeepalived.notify.NotifyFifo;
import io.jkeepalived.notify.SmtpClient;
import io.jkeepalived.notify.SmtpSettings;
import io.jkeepalived.script.RunAs;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the checker engine asks for beyond probes and the table: notify_up/notify_down and
 * quorum_up/quorum_down scripts (configured argv, admitted by the script policy and started on
 * their own platform thread "jk-check-notify", never waited for), FIFO lines on lvs_notify_fifo
 * and notify_fifo, alert mails, and logs: transitions as they happen, failed attempts
 * ({@code log_all_failures}) rate-limited per checker. Checker thread only, except where noted.
 */
final class CheckerOutputs implements AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger("Keepalived_healthcheckers");
    /** Per checker: the first 3 failed-attempt lines in a minute are written, the rest counted. */
    private static final long FAILURE_WINDOW = Duration.ofSeconds(60).toNanos();

    private final ScriptLauncher launcher;
    private final Optional<Consumer<String>> sharedNotifyFifo;
    private final ExecutorService scripts = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("jk-check-notify").daemon(true).factory());
    private final LogRateLimiter<String> failures = new LogRateLimiter<>(3, FAILURE_WINDOW);
    private volatile ScriptPolicy policy;
    private Optional<SmtpClient> mail = Optional.empty();
    private String routerId = "";
    private List<NotifyFifo> fifos = List.of();
    private FifoSettings fifoSettings;

    /** The FIFO settings a reload compares, to reopen only when they changed. */
    private record FifoSettings(Optional<Script> lvs, Optional<Script> lvsScript, Optional<Script> general,
                                Optional<Script> generalScript) {}

    /**
     * @param sharedNotifyFifo where notify_fifo lines go when the VRRP side owns that FIFO; empty:
     *                         this side opens notify_fifo itself (-C, no VRRP)
     */
    CheckerOutputs(ScriptLauncher launcher, ScriptPolicy policy, Optional<Consumer<String>> sharedNotifyFifo) {
        this.launcher = launcher;
        this.policy = policy;
        this.sharedNotifyFifo = sharedNotifyFifo;
    }

    /** Checker thread (long-lived: a FIFO script's parent-death signal is tied to it): start or reload. */
    void configure(Keepalived config, ScriptPolicy newPolicy) {
        policy = newPolicy;
        GlobalDefs g = config.globalDefs();
        routerId = g.routerId().orElseGet(CheckerOutputs::hostName);
        mail = mailClient(g);
        FifoSettings want = new FifoSettings(g.lvsNotifyFifo(), g.lvsNotifyFifoScript(),
                sharedNotifyFifo.isPresent() ? Optional.empty() : g.notifyFifo(),
                sharedNotifyFifo.isPresent() ? Optional.empty() : g.notifyFifoScript());
        if (!want.equals(fifoSettings)) {
            fifos.forEach(NotifyFifo::close);
            List<NotifyFifo> opened = new ArrayList<>();
            open(want.lvs(), want.lvsScript(), opened);
            open(want.general(), want.generalScript(), opened);
            fifos = List.copyOf(opened);
            fifoSettings = want;
        }
    }

    private void open(Optional<Script> fifo, Optional<Script> script, List<NotifyFifo> out) {
        if (fifo.isEmpty()) return;
        switch (NotifyFifo.open(Path.of(fifo.get().argv().getFirst()), script.map(Script::argv), Optional.empty(),
                launcher)) {
            case NotifyFifo.Ready r -> out.add(r.fifo());
            case NotifyFifo.Failed f -> LOG.error("notify fifo {}: {}", fifo.get().command(), f.reason());
        }
    }

    /** Performs one action that is neither a probe nor a table change; false if it is one of those. */
    boolean perform(CheckAction action, long now) {
        switch (action) {
            case CheckAction.RunScript r -> run(r);
            case CheckAction.WriteFifo w -> {
                String line = w.line().endsWith("\n") ? w.line() : w.line() + "\n";
                fifos.forEach(f -> f.write(line));
                sharedNotifyFifo.ifPresent(s -> s.accept(line));
            }
            case CheckAction.SmtpAlert m -> mail.ifPresent(c -> c.send(m.mail(routerId)));
            case CheckAction.LogTransition t -> LOG.info("{}", t.transition());
            case CheckAction.ProbeFailed f -> {
                if (failures.admit(f.checker(), now, CheckerOutputs::suppressed)) {
                    LOG.info("{}: attempt {} failed: {}{}", f.checker(), f.attempt(), f.reason(),
                            f.detail().isEmpty() ? "" : " (" + f.detail() + ")");
                }
            }
            case CheckAction.StallChanged s -> {
                if (s.stalled()) {
                    LOG.warn("{} has not reported for its stall bound: stalled (the systemd watchdog stops)",
                            s.checker());
                } else {
                    LOG.info("{} reports again: no longer stalled", s.checker());
                }
            }
            case CheckAction.ProbeDue d -> {
                return false;
            }
            case CheckAction.CancelProbe c -> {
                return false;
            }
            case CheckAction.TableChange c -> {
                return false;
            }
        }
        return true;
    }

    /** About once a second: summaries of rate-limited lines whose window ended. */
    void tick(long now) {
        failures.expire(now, CheckerOutputs::suppressed);
    }

    private static void suppressed(String checker, long count, long windowNanos) {
        LOG.info("{}: {} more failed attempts in the last {} s not logged", checker, count,
                Duration.ofNanos(windowNanos).toSeconds());
    }

    private void run(CheckAction.RunScript r) {
        Script s = r.script();
        Optional<RunAs> as = s.user().map(u -> s.group().map(g -> RunAs.of(u, g)).orElseGet(() -> RunAs.user(u)));
        String kind = r.kind().name().toLowerCase(java.util.Locale.ROOT);
        ScriptPolicy p = policy;
        scripts.execute(() -> {
            switch (p.admit(kind, r.subject(), s.argv(), as)) {
                case ScriptPolicy.Refused no -> LOG.warn(no.reason());
                case ScriptPolicy.Admitted ok -> {
                    if (launcher.start(ok.argv(), ok.identity()) instanceof ScriptLauncher.LaunchFailed f) {
                        LOG.warn("{} script for {} failed to start: {}", kind, r.subject(), f.reason());
                    }
                }
            }
        });
    }

    /** Waits (bounded) until the scripts queued so far have started and the FIFOs have drained. */
    void drain(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            scripts.submit(() -> { }).get(limit.toNanos(), TimeUnit.NANOSECONDS);
            for (NotifyFifo f : fifos) {
                f.flush(Math.max(1, deadline - System.nanoTime()));
            }
        } catch (Exception e) {
            LOG.warn("checker notifies not finished after {} ms", limit.toMillis());
        }
    }

    @Override
    public void close() {
        scripts.shutdown();
        fifos.forEach(NotifyFifo::close);
        fifos = List.of();
    }

    private static Optional<SmtpClient> mailClient(GlobalDefs g) {
        if (g.smtpServer().isEmpty() || g.notificationEmail().isEmpty()) return Optional.empty();
        String host = hostName();
        return Optional.of(new SmtpClient(new SmtpSettings(g.smtpServer().get(), g.smtpPort(), g.smtpConnectTimeout(),
                g.smtpHeloName().orElse(host), g.notificationEmailFrom().orElse("keepalived@" + host),
                g.notificationEmail())));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
