package io.jkeepalived.daemon.checker;

import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.lvs.KernelBackend;
import io.jkeepalived.lvs.ipvs.IpvsBackend;
import io.jkeepalived.lvs.ipvs.IpvsTimeouts;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbOpText;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.OwnedServices;
import io.jkeepalived.lvs.Reconciler;
import io.jkeepalived.lvs.RecordingLoadBalancer;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.status.LvsStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Keeps the kernel's load-balancer table equal to the desired one; single-threaded, driven by
 * {@link KernelWorker} on a thread of its own.
 *
 * <p>The checker engine's operations change the desired table (a {@link RecordingLoadBalancer})
 * and go to the kernel at once, so a verdict reaches the kernel without waiting for a timer.
 * About once a second {@link #reconcile} reads the kernel back and repairs what differs
 * ({@link Reconciler}): a hand-made {@code ipvsadm -C} or {@code nft flush ruleset}, or an
 * earlier request the kernel refused. A refused service is retried with a doubling backoff (1 s
 * up to 30 s) and logged once per new reason; other services go on. A service with our key that
 * we did not create is foreign: one log line, and it is never touched.
 */
final class KernelSync {
    private static final Logger LOG = CheckerOutputs.LOG;
    private static final long FIRST_RETRY = Duration.ofSeconds(1).toNanos();
    private static final long MAX_RETRY = Duration.ofSeconds(30).toNanos();

    private record Retry(String reason, int attempts, long notBefore) {}

    private final RecordingLoadBalancer desired = RecordingLoadBalancer.tableOnly();
    private final Optional<KernelBackend> kernel;
    private final String noKernelWhy;
    private final OwnedServices owned;
    private final Map<ServiceKey, Retry> retries = new LinkedHashMap<>();
    private final Set<ServiceKey> foreign = new LinkedHashSet<>();
    private Map<ServiceKey, ServiceEntry> lastDump = Map.of();
    private Optional<String> dumpProblem = Optional.empty();
    private long operations;
    private long failures;
    private long repairs;
    /** Bumped whenever what {@link #status} shows may have changed, so an unchanged view is not rebuilt. */
    private long version;
    private LvsStatus.Kernel shown = LvsStatus.Kernel.none("not started");
    private long shownVersion = -1;

    /**
     * @param kernel      the backend, or empty when none could be opened ({@code noKernelWhy} says why)
     * @param owned       the services created by this daemon, also in an earlier life
     */
    KernelSync(Optional<KernelBackend> kernel, String noKernelWhy, OwnedServices owned) {
        this.kernel = kernel;
        this.noKernelWhy = noKernelWhy;
        this.owned = owned;
    }

    boolean hasKernel() {
        return kernel.isPresent();
    }

    /** Has {@code changed} called when someone else changes the kernel's table; false when the backend cannot tell. */
    boolean watch(Runnable changed) {
        return kernel.map(k -> k.watch(changed)).orElse(false);
    }

    /** The backend's watch for the kernel's thread to read itself; empty when the backend offers none. */
    Optional<KernelBackend.PolledWatch> polledWatch() {
        return kernel.flatMap(KernelBackend::polledWatch);
    }

    /** {@code lvs_flush}: every service the backend can see goes, ours or not, before the first table. */
    void flushAll() {
        kernel.ifPresent(k -> {
            if (k.dump() instanceof KernelDump.Read r && !r.table().isEmpty()) {
                List<LbOp> ops = r.table().keySet().stream().<LbOp>map(LbOp.RemoveService::new).toList();
                push(k, ops, System.nanoTime());
                LOG.info("lvs_flush: removed {} service(s) from the {} table", ops.size(), k.name());
            }
        });
    }

    /**
     * Backend-wide settings from {@code global_defs}: {@code lvs_timeouts} (IPVS only). The sync daemon
     * follows a VRRP instance, so the VRRP side runs it ({@code daemon.loop.LvsSyncDaemon}).
     */
    void settings(GlobalDefs g) {
        if (kernel.isEmpty()) return;
        KernelBackend k = kernel.get();
        if (!g.lvsTimeouts().isEmpty()) {
            if (k instanceof IpvsBackend ipvs) {
                IpvsTimeouts.parse(g.lvsTimeouts(), p -> LOG.warn("{}", p)).ifPresent(t -> {
                    if (ipvs.setTimeouts(t) instanceof LbResult.Failed f) {
                        LOG.warn("lvs_timeouts: the kernel refused {}: {}", t, f.reason());
                    }
                });
            } else {
                LOG.warn("lvs_timeouts: ignored, the {} backend has no such timeouts", k.name());
            }
        }
    }

    /** The engine's operations: the desired table follows exactly, the kernel at once where it may. */
    List<LbResult> apply(List<LbOp> ops, long now) {
        List<LbResult> results = desired.applyAll(ops);
        kernel.ifPresent(k -> push(k, ops.stream().filter(op -> writable(op.service(), now)).toList(), now));
        return results;
    }

    /** Reads the kernel back and repairs what differs; called every few hundred milliseconds. */
    void reconcile(long now) {
        if (kernel.isEmpty()) return;
        KernelBackend k = kernel.get();
        switch (k.dump()) {
            case KernelDump.Unreadable u -> {
                if (!dumpProblem.equals(Optional.of(u.reason()))) {
                    LOG.warn("cannot read the {} table: {}; retrying", k.name(), u.reason());
                    version++;
                }
                dumpProblem = Optional.of(u.reason());
                return;
            }
            case KernelDump.Read r -> {
                if (dumpProblem.isPresent() || !r.table().equals(lastDump)) version++;
                dumpProblem = Optional.empty();
                lastDump = r.table();
            }
        }
        Map<ServiceKey, ServiceEntry> want = desired.table();
        for (ServiceKey gone : owned.keys()) {
            if (!lastDump.containsKey(gone) && !want.containsKey(gone)) owned.set(gone, false);
        }
        Reconciler.Plan plan = Reconciler.plan(want, owned.keys(), lastDump);
        for (ServiceKey f : plan.foreign()) noteForeign(f);
        if (foreign.retainAll(plan.foreign())) version++;
        List<LbOp> ops = plan.repairs().stream().filter(op -> writable(op.service(), now)).toList();
        if (ops.isEmpty()) return;
        Set<ServiceKey> touched = new LinkedHashSet<>();
        ops.forEach(op -> touched.add(op.service()));
        Set<ServiceKey> wasFailing = new LinkedHashSet<>(retries.keySet());
        touched.removeAll(wasFailing);
        if (!touched.isEmpty()) {
            LOG.warn("the {} table differs from the desired one for {}: {} repair(s)", k.name(), touched,
                    ops.size());
        }
        repairs += ops.size();
        push(k, ops, now);
    }

    /** Graceful stop: our services leave the kernel (all of them with {@code lvs_flush_on_stop}). */
    void stop(boolean release, boolean flushAll) {
        kernel.ifPresent(k -> {
            if (flushAll) {
                flushAll();
            } else if (release) {
                Map<ServiceKey, ServiceEntry> now = k.dump() instanceof KernelDump.Read r ? r.table() : Map.of();
                List<LbOp> ops = owned.keys().stream().filter(now::containsKey).<LbOp>map(LbOp.RemoveService::new)
                        .toList();
                push(k, ops, System.nanoTime());
                if (!ops.isEmpty()) LOG.info("removed {} service(s) from the {} table", ops.size(), k.name());
            }
            k.close();
        });
    }

    Map<ServiceKey, ServiceEntry> desiredTable() {
        return desired.table();
    }

    /** The kernel's view for {@code status}; rebuilt only when something in it changed. */
    LvsStatus.Kernel status() {
        if (kernel.isEmpty()) return LvsStatus.Kernel.none(noKernelWhy);
        if (shownVersion == version) return shown;
        List<LvsStatus.Refusal> failing = new ArrayList<>();
        retries.forEach((s, r) -> failing.add(new LvsStatus.Refusal(s.toString(), r.reason(), r.attempts())));
        shown = new LvsStatus.Kernel(kernel.get().name(), dumpProblem,
                lastDump.values().stream().map(LvsSnapshots::service).toList(),
                foreign.stream().map(ServiceKey::toString).toList(), failing, operations, failures, repairs);
        shownVersion = version;
        return shown;
    }

    private boolean writable(ServiceKey s, long now) {
        if (foreign.contains(s)) return false;
        Retry r = retries.get(s);
        return r == null || now - r.notBefore() >= 0;
    }

    /**
     * Each {@code AddService} goes alone and first: when it is refused (a foreign service with our
     * key answers EEXIST) the destinations behind it in the batch must not land in someone else's
     * service, so they are dropped; everything between two adds goes in one batch.
     */
    private List<LbResult> send(KernelBackend k, List<LbOp> ops) {
        List<LbResult> results = new ArrayList<>(ops.size());
        Set<ServiceKey> notAdded = new LinkedHashSet<>();
        List<LbOp> batch = new ArrayList<>();
        Runnable flush = () -> {
            if (!batch.isEmpty()) results.addAll(k.applyAll(batch));
            batch.clear();
        };
        for (LbOp op : ops) {
            if (op instanceof LbOp.AddService) {
                flush.run();
                LbResult r = k.apply(op);
                results.add(r);
                if (r instanceof LbResult.Failed) notAdded.add(op.service());
                else notAdded.remove(op.service());
            } else if (notAdded.contains(op.service())) {
                flush.run();
                results.add(SKIPPED);
            } else {
                batch.add(op);
            }
        }
        flush.run();
        return results;
    }

    private static final LbResult SKIPPED = new LbResult.Failed("skipped: the service was not added");

    private void push(KernelBackend k, List<LbOp> ops, long now) {
        if (ops.isEmpty()) return;
        version++;
        List<LbResult> results = send(k, ops);
        Map<ServiceKey, String> refused = new HashMap<>();
        Set<ServiceKey> fine = new LinkedHashSet<>();
        for (int i = 0; i < ops.size(); i++) {
            LbOp op = ops.get(i);
            if (results.get(i) == SKIPPED) continue;
            operations++;
            switch (results.get(i)) {
                case LbResult.Done d -> {
                    fine.add(op.service());
                    if (op instanceof LbOp.AddService) owned.set(op.service(), true);
                    if (op instanceof LbOp.RemoveService) owned.set(op.service(), false);
                }
                case LbResult.Failed f -> {
                    failures++;
                    if (op instanceof LbOp.AddService && f.reason().startsWith("EEXIST") && !owned.contains(op.service())) {
                        noteForeign(op.service());
                    } else if (!(op instanceof LbOp.RemoveService && f.reason().startsWith("ESRCH"))) {
                        refused.putIfAbsent(op.service(), f.reason() + " (" + LbOpText.of(op) + ")");
                    }
                }
            }
        }
        refused.forEach((s, why) -> {
            Retry was = retries.get(s);
            int attempts = was == null ? 1 : was.attempts() + 1;
            long wait = Math.min(MAX_RETRY, FIRST_RETRY << Math.min(attempts - 1, 5));
            if (was == null || !was.reason().equals(why)) {
                LOG.warn("virtual service {}: the {} kernel table refused {}; retrying with backoff", s, k.name(), why);
            }
            retries.put(s, new Retry(why, attempts, now + wait));
        });
        for (ServiceKey s : fine) {
            if (!refused.containsKey(s) && retries.remove(s) != null) {
                LOG.info("virtual service {}: the {} kernel table accepted it again", s, k.name());
            }
        }
    }

    private void noteForeign(ServiceKey s) {
        if (foreign.add(s)) {
            version++;
            LOG.warn("virtual service {}: the kernel already holds a service with this key that jkeepalived did not"
                    + " create; it is left alone", s);
        }
    }
}
