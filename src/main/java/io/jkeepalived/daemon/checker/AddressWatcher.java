package io.jkeepalived.daemon.checker;

import io.jkeepalived.netlink.InterfaceAddress;
import io.jkeepalived.netlink.LinkMonitor;
import io.jkeepalived.netlink.NetlinkEvent;
import io.jkeepalived.netlink.RtNetlink;
import io.jkeepalived.os.OsException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Which addresses are on this host, for {@code ha_suspend}: a virtual server's checkers run only
 * while its address is here. Like keepalived's checker process, this follows the kernel (its own
 * rtnetlink monitor on the platform thread "jk-check-addr"), not the VRRP engine, so it also works
 * with {@code -C} and sees addresses others add. An address counts present while any interface
 * holds it; only changes are reported. The blocking netlink reads stay on this platform thread.
 */
final class AddressWatcher implements AutoCloseable {

    private final BiConsumer<InetAddress, Boolean> sink;
    private final Map<InetAddress, Set<Integer>> holders = new HashMap<>();
    private final LinkMonitor monitor;
    private final Thread thread;
    private volatile boolean running = true;

    private AddressWatcher(LinkMonitor monitor, BiConsumer<InetAddress, Boolean> sink) {
        this.monitor = monitor;
        this.sink = sink;
        this.thread = Thread.ofPlatform().name("jk-check-addr").daemon(true).unstarted(this::loop);
    }

    /**
     * Opens the monitor, then reports every address present now (on the calling thread, so the
     * engine knows them before its first plan), then follows changes on its own thread.
     */
    static AddressWatcher start(BiConsumer<InetAddress, Boolean> sink) throws OsException {
        AddressWatcher w = new AddressWatcher(LinkMonitor.open(), sink);
        try {
            w.resync();
        } catch (OsException e) {
            w.monitor.close();
            throw e;
        }
        w.thread.start();
        return w;
    }

    private void loop() {
        while (running) {
            try {
                for (NetlinkEvent e : monitor.read(1000)) {
                    switch (e) {
                        case NetlinkEvent.AddressAdded a -> add(a.address());
                        case NetlinkEvent.AddressRemoved r -> remove(r.address());
                        case NetlinkEvent.Resync r -> resync();
                        default -> { }
                    }
                }
            } catch (OsException e) {
                if (!running) return;
                CheckerOutputs.LOG.warn("address monitor for ha_suspend: {}", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void add(InterfaceAddress a) {
        Set<Integer> on = holders.computeIfAbsent(a.address(), k -> new HashSet<>());
        if (on.add(a.ifindex()) && on.size() == 1) sink.accept(a.address(), true);
    }

    private void remove(InterfaceAddress a) {
        Set<Integer> on = holders.get(a.address());
        if (on != null && on.remove(a.ifindex()) && on.isEmpty()) {
            holders.remove(a.address());
            sink.accept(a.address(), false);
        }
    }

    /** After start or a lost notification: the dump is the truth. */
    private void resync() throws OsException {
        List<InterfaceAddress> now;
        try (RtNetlink rtnl = RtNetlink.open()) {
            now = rtnl.addresses();
        }
        Map<InetAddress, Set<Integer>> fresh = new HashMap<>();
        now.forEach(a -> fresh.computeIfAbsent(a.address(), k -> new HashSet<>()).add(a.ifindex()));
        for (InetAddress gone : Set.copyOf(holders.keySet())) {
            if (!fresh.containsKey(gone)) {
                holders.remove(gone);
                sink.accept(gone, false);
            }
        }
        fresh.forEach((addr, on) -> {
            if (holders.put(addr, on) == null) sink.accept(addr, true);
        });
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        monitor.close();
    }
}
