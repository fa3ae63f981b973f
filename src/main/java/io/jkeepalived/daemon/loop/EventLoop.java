package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.kernel.AdvertSink;
import io.jkeepalived.daemon.kernel.VrrpSockets;
import io.jkeepalived.daemon.log.PacketLog;
import io.jkeepalived.daemon.log.VrrpLog;

import io.jkeepalived.netlink.LinkMonitor;
import io.jkeepalived.netlink.NetlinkEvent;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.PollSet;
import io.jkeepalived.os.ReceivedPacket;
import io.jkeepalived.os.SignalFd;
import io.jkeepalived.os.WakeUpFd;
import io.jkeepalived.vrrp.engine.Action;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.VirtualRouter;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import io.jkeepalived.vrrp.engine.VrrpState;
import io.jkeepalived.vrrp.wire.RejectReason;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one platform thread that runs everything VRRP: {@code poll} over the VRRP sockets, the
 * rtnetlink monitor, the wake-up eventfd and the signalfd, with the timeout set by the engine's
 * next deadline. Other threads never touch engine state: they {@link #post} a task and wake the
 * loop. Every engine call collects actions into one reused list, executed right after in order.
 */
public final class EventLoop {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    private static final long MAX_WAIT_NANOS = 1_000_000_000L;
    private static final int BURST = 64;

    private final VrrpEngine engine;
    private final VrrpSockets sockets;
    private final ActionExecutor executor;
    private final Optional<LinkMonitor> monitor;
    private final LinkWatcher links;
    private final TrackerHub trackers;
    private final WakeUpFd wake;
    private final Optional<SignalFd> signals;
    private final IntConsumer onSignal;
    private final java.util.function.Consumer<NetlinkEvent> interfaces;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final List<Action> actions = new ArrayList<>();
    private final MemorySegment packet = Arena.ofAuto().allocate(4096);
    private final AdvertSink sink = new AdvertSink() {
        @Override
        public void accept(String instance, Event.AdvertReceived advert) {
            advert(instance, advert);
        }

        @Override
        public void rejected(String instance, RejectReason reason, io.jkeepalived.vrrp.engine.IpAddr source) {
            splitBrain.ifPresent(m -> m.advertRejected(instance, reason, source, now));
        }
    };
    private Optional<SplitBrainMonitor> splitBrain = Optional.empty();
    private List<io.jkeepalived.os.PacketSocket> claimSockets = List.of();
    private int claimGeneration = -1;
    private int claimBase;

    private volatile boolean running = true;
    private PollSet poll;
    private List<VrrpSockets.Channel> polled = List.of();
    private int monitorSlot = -1;
    private int wakeSlot;
    private int signalSlot = -1;
    private long now;

    public EventLoop(VrrpEngine engine, VrrpSockets sockets, ActionExecutor executor, Optional<LinkMonitor> monitor,
              LinkWatcher links, TrackerHub trackers, WakeUpFd wake, Optional<SignalFd> signals, IntConsumer onSignal,
              java.util.function.Consumer<NetlinkEvent> interfaces) {
        this.engine = engine;
        this.sockets = sockets;
        this.executor = executor;
        this.monitor = monitor;
        this.links = links;
        this.trackers = trackers;
        this.wake = wake;
        this.signals = signals;
        this.onSignal = onSignal;
        this.interfaces = interfaces;
    }

    /**
     * Before {@link #run}: the split-brain watch, whose receive sockets join the poll set and whose
     * probes and clearing times join the timeout.
     */
    public void splitBrain(SplitBrainMonitor monitor) {
        splitBrain = Optional.of(monitor);
    }

    /** Thread-safe: runs {@code task} on the loop thread soon. */
    public void post(Runnable task) {
        queue.add(task);
        wake.signal();
    }

    /** Thread-safe: feeds one engine event to one instance on the loop thread. */
    public void post(String instance, Event event) {
        post(() -> handle(instance, event));
    }

    /**
     * Thread-safe: runs {@code task} on the loop thread (within one loop iteration) and completes
     * with its result. For status, metrics and dumps, which must read loop-owned state.
     */
    public <T> java.util.concurrent.CompletableFuture<T> call(java.util.function.Supplier<T> task) {
        var result = new java.util.concurrent.CompletableFuture<T>();
        post(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Loop thread: asks the loop to stop after the current iteration. */
    public void stop() {
        running = false;
    }

    /** Loop thread only: feeds an event to an instance now and performs the actions. */
    public void handle(String instance, Event event) {
        engine.handle(instance, event, System.nanoTime(), actions::add);
        flush();
    }

    /**
     * Loop thread only: a reload. The engine diffs and emits every action, performed here at once;
     * the routers it created are started by {@link #startInstance} once their sockets are open.
     */
    public VrrpEngine.Reload applyToEngine(java.util.List<io.jkeepalived.vrrp.engine.RouterSpec> specs,
                                    java.util.List<io.jkeepalived.vrrp.engine.SyncGroupSpec> groups,
                                    java.util.Set<String> restart) {
        VrrpEngine.Reload r = engine.apply(specs, groups, restart, System.nanoTime(), actions::add);
        flush();
        return r;
    }

    /** Loop thread only: a router created by a reload leaves INIT. */
    public void startInstance(String instance) {
        engine.start(instance, System.nanoTime(), actions::add);
        flush();
    }

    /** Runs until {@link #stop()}, then shuts the engine down gracefully (priority 0, VIPs released). */
    public void run() throws OsException {
        // Tracker results that are already in (a process scan at start) count before the first state.
        runPosted();
        now = System.nanoTime();
        engine.handleAll(new Event.Startup(), now, actions::add);
        flush();
        try {
            while (running) {
                rebuildPollIfNeeded();
                now = System.nanoTime();
                long next = engine.nextDeadlineNanos();
                if (splitBrain.isPresent()) {
                    next = Math.min(next, splitBrain.get().nextDeadlineNanos());
                }
                long timeout = next == VirtualRouter.NEVER ? MAX_WAIT_NANOS
                        : Math.min(MAX_WAIT_NANOS, Math.max(0, next - now));
                int ready = poll.pollNanos(timeout);
                if (ready > 0) {
                    readReady();
                }
                runPosted();
                now = System.nanoTime();
                engine.tick(now, actions::add);
                flush();
                if (splitBrain.isPresent()) {
                    splitBrain.get().tick(now);
                }
                PacketLog.flush(now);
            }
        } finally {
            shutdownEngine();
            if (poll != null) {
                poll.close();
            }
        }
    }

    private void runPosted() {
        Runnable task;
        while ((task = queue.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("internal error in a posted task: {}", e.toString(), e);
            }
        }
    }

    private void shutdownEngine() {
        executor.stopping();
        engine.handleAll(new Event.Shutdown(), System.nanoTime(), actions::add);
        flush();
    }

    private void rebuildPollIfNeeded() {
        List<VrrpSockets.Channel> current = sockets.all();
        int generation = splitBrain.map(SplitBrainMonitor::generation).orElse(0);
        if (poll != null && current.equals(polled) && generation == claimGeneration) {
            return;
        }
        if (poll != null) {
            poll.close();
        }
        poll = new PollSet();
        for (VrrpSockets.Channel c : current) {
            poll.add(c.socket.fd());
        }
        polled = current;
        claimBase = current.size();
        claimSockets = splitBrain.map(SplitBrainMonitor::sockets).orElse(List.of());
        claimSockets.forEach(s -> poll.add(s.fd()));
        claimGeneration = generation;
        monitorSlot = monitor.map(m -> poll.add(m.fd())).orElse(-1);
        wakeSlot = poll.add(wake.fd());
        signalSlot = signals.map(s -> poll.add(s.fd())).orElse(-1);
    }

    private void readReady() {
        for (int slot = 0; slot < polled.size(); slot++) {
            if (poll.isReady(slot)) {
                receive(polled.get(slot));
            }
        }
        // after the adverts: a new master's advert is handled (we go BACKUP) before its GARPs are
        for (int i = 0; i < claimSockets.size(); i++) {
            if (poll.isReady(claimBase + i)) {
                splitBrain.get().receive(claimSockets.get(i), System.nanoTime());
            }
        }
        if (monitorSlot >= 0 && poll.isReady(monitorSlot)) {
            readMonitor();
        }
        if (poll.isReady(wakeSlot)) {
            wake.drain();
        }
        if (signalSlot >= 0 && poll.isReady(signalSlot)) {
            OptionalInt s;
            while ((s = signals.get().read()).isPresent()) {
                onSignal.accept(s.getAsInt());
            }
        }
    }

    private void receive(VrrpSockets.Channel c) {
        for (int n = 0; n < BURST; n++) {
            Optional<ReceivedPacket> got;
            try {
                got = c.socket.receive(packet);
            } catch (OsException e) {
                if (PacketLog.admit(PacketLog.Reason.RECEIVE_ERROR, c.key.ifname(), System.nanoTime())) {
                    LOG.warn("VRRP receive on {}: {}", c.key.ifname(), e.getMessage());
                }
                return;
            }
            if (got.isEmpty()) {
                return;
            }
            ReceivedPacket p = got.get();
            now = System.nanoTime();
            Optional<RejectReason> dropped = c.key.ipv6()
                    ? c.dispatcher.dispatchIpv6(packet, p.offset(), p.length(), p.source(), p.destination(),
                            p.hopLimit(), sink)
                    : c.dispatcher.dispatchIpv4(packet, 0, p.offset() + p.length(), sink); // with its IP header
            if (dropped.isPresent() && PacketLog.admit(PacketLog.Reason.PACKET_DROPPED, c.key.ifname(), now)) {
                LOG.debug("advert from {} on {} dropped: {}", p.source().getHostAddress(), c.key.ifname(),
                        dropped.get());
            }
        }
    }

    private void advert(String instance, Event.AdvertReceived a) {
        if (a.priority() == 0 && engine.router(instance).filter(r -> r.state() == VrrpState.BACKUP).isPresent()
                && PacketLog.admit(PacketLog.Reason.PRIORITY_ZERO_ADVERT, instance, now)) {
            VrrpLog.detail("({}) Backup received priority 0 advertisement", instance);
        }
        engine.handle(instance, a, now, actions::add);
        flush();
        if (splitBrain.isPresent()) {
            splitBrain.get().advertAccepted(instance, a.source(), now);
        }
    }

    private void readMonitor() {
        List<NetlinkEvent> events;
        try {
            events = monitor.get().read();
        } catch (OsException e) {
            LOG.warn("netlink monitor: {}", e.getMessage());
            return;
        }
        long at = System.nanoTime();
        for (NetlinkEvent e : events) {
            links.onEvent(e);
            interfaces.accept(e);
            switch (e) {
                case NetlinkEvent.LinkChanged c -> trackers.onLink(c.name(), c.up(), c.running(), at);
                case NetlinkEvent.LinkRemoved r -> {
                    trackers.onLinkRemoved(r.name(), at);
                }
                default -> { }
            }
        }
    }

    private void flush() {
        // Executing an action never feeds the engine, so the list cannot grow while we walk it.
        for (int i = 0; i < actions.size(); i++) {
            try {
                executor.queue(actions.get(i));
            } catch (RuntimeException e) {
                // A bug of ours in one action must not take VRRP down: log it and go on with the rest.
                LOG.error("internal error performing {}: {}", actions.get(i), e.toString(), e);
            }
        }
        try {
            executor.sendQueued();
        } catch (RuntimeException e) {
            LOG.error("internal error sending adverts: {}", e.toString(), e);
        }
        actions.clear();
    }
}
