package io.jkeepalived.daemon.checker;

import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.status.LvsStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The daemon's handle on the health checker (keepalived's checker process): runs when asked
 * for (not with {@code -P}) and only once the configuration has virtual servers, at start or
 * after a reload that brings the first ones. Thread-safe; every call returns at once except
 * {@link #close()}, which waits briefly for the omega notifiers.
 */
public final class CheckerSubsystem implements AutoCloseable {

    private final boolean requested;
    private final ScriptLauncher launcher;
    private final Function<Keepalived, ScriptPolicy> policies;
    private final Optional<Consumer<String>> sharedNotifyFifo;
    private final LvsSettings lvs;
    private Optional<CheckerService> service = Optional.empty();

    private CheckerSubsystem(boolean requested, ScriptLauncher launcher, Function<Keepalived, ScriptPolicy> policies,
                             Optional<Consumer<String>> sharedNotifyFifo, LvsSettings lvs) {
        this.requested = requested;
        this.lvs = lvs;
        this.launcher = launcher;
        this.policies = policies;
        this.sharedNotifyFifo = sharedNotifyFifo;
    }

    /**
     * Call from a long-lived thread of the daemon's network namespace (the checker's threads
     * inherit it).
     *
     * @param requested        false with {@code -P}: nothing ever runs
     * @param policies         the script policy a configuration calls for
     * @param sharedNotifyFifo where notify_fifo lines go when the VRRP side owns that FIFO; empty
     *                         when the checker runs alone and opens it itself
     * @param lvs              the kernel backend and where ownership is remembered
     */
    public static CheckerSubsystem start(boolean requested, Keepalived config, ScriptLauncher launcher,
                                         Function<Keepalived, ScriptPolicy> policies,
                                         Optional<Consumer<String>> sharedNotifyFifo, LvsSettings lvs) {
        CheckerSubsystem c = new CheckerSubsystem(requested, launcher, policies, sharedNotifyFifo, lvs);
        c.reload(config);
        return c;
    }

    /** A configuration applied by a reload: the checker follows it, starting if it now has work. */
    public synchronized void reload(Keepalived config) {
        if (service.isPresent()) {
            service.get().reload(config);
        } else if (requested && !config.virtualServers().isEmpty()) {
            service = Optional.of(CheckerService.start(config, launcher, policies, sharedNotifyFifo, lvs));
        }
    }

    /** The last snapshot of virtual and real servers ({@link #refresh} first); empty while the checker does not run. */
    public synchronized Optional<LvsStatus> snapshot() {
        return service.flatMap(CheckerService::snapshot);
    }

    /**
     * Completes once {@link #snapshot} is fresh (taken after this call); at once when the checker
     * does not run or its thread is stuck. Completed on the checker's thread: chain only cheap work.
     */
    public synchronized CompletableFuture<Void> refresh() {
        return service.map(CheckerService::refresh)
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    /** False while a checker is stalled or the checker thread is stuck: the systemd watchdog must not be fed. */
    public synchronized boolean healthy() {
        return service.map(CheckerService::healthy).orElse(true);
    }

    @Override
    public synchronized void close() {
        service.ifPresent(s -> s.stop(Duration.ofSeconds(2)));
        service = Optional.empty();
    }
}
