package io.jkeepalived.lvs.ipvs;

import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.KernelBackend;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.netlink.GenericNetlink;
import io.jkeepalived.netlink.NetlinkBatch;
import io.jkeepalived.netlink.NetlinkError;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkWriter;
import io.jkeepalived.os.Errno;
import io.jkeepalived.os.Linux;
import io.jkeepalived.os.NetlinkSocket;
import io.jkeepalived.os.OsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IPVS kernel backend: {@link LbOp}s become IPVS generic netlink requests ({@link IpvsMessages}),
 * sent many per {@code sendmsg} through {@link NetlinkBatch}, each acked on its own.
 *
 * <p>Order and dependencies: the ops of one {@link #applyAll} keep their order, except that a
 * service added by an op whose key no earlier op touches is added first, so that a whole new table
 * costs two round trips (services, then destinations) instead of two per service. A batch is sent
 * before an op that needs a service added in it, and when that add failed (EEXIST: a service of the
 * same key that someone else made) the op is not sent: it fails too, so nothing is ever added to a
 * service that is not ours. Every op gets its own {@link LbResult}; a refused one never affects
 * another service. Blocking: use a platform thread; not thread-safe.
 */
public final class IpvsBackend implements KernelBackend {

    private final Kernel netlink;
    private final int family;

    IpvsBackend(Kernel netlink, int family) {
        this.netlink = netlink;
        this.family = family;
    }

    /** The netlink side, so tests can put a recording fake in the kernel's place. */
    interface Kernel extends AutoCloseable {
        List<NetlinkError> executeAll(List<NetlinkWriter> requests) throws OsException;

        NetlinkBatch.DumpResult dump(NetlinkWriter request) throws OsException;

        long datagramsSent();

        @Override
        void close();

        static Kernel of(NetlinkBatch nl) {
            return new Kernel() {
                public List<NetlinkError> executeAll(List<NetlinkWriter> requests) throws OsException {
                    return nl.executeAll(requests);
                }

                public NetlinkBatch.DumpResult dump(NetlinkWriter request) throws OsException {
                    return nl.dump(request);
                }

                public long datagramsSent() {
                    return nl.datagramsSent();
                }

                public void close() {
                    nl.close();
                }
            };
        }
    }

    /** What {@link #open()} gives: a backend, or why IPVS is not there. */
    public sealed interface Opening {
        record Opened(IpvsBackend backend) implements Opening {}

        /** No IPVS family even after {@code modprobe ip_vs}, or no netlink socket; one line. */
        record Unavailable(String reason) implements Opening {}
    }

    /**
     * Resolves the "IPVS" generic netlink family in the caller's network namespace; when it is not
     * registered, runs {@code modprobe ip_vs} once and asks again.
     */
    public static Opening open() {
        return open(true);
    }

    /** As {@link #open()}; {@code tryModprobe} false never starts a process (tests, hosts without it). */
    public static Opening open(boolean tryModprobe) {
        NetlinkBatch nl;
        try {
            nl = new NetlinkBatch(NetlinkSocket.open(Linux.NETLINK_GENERIC, 0));
        } catch (OsException e) {
            return new Opening.Unavailable("generic netlink socket: " + e.getMessage());
        }
        try {
            Optional<Integer> id = resolve(nl);
            if (id.isEmpty() && tryModprobe) {
                Modprobe.load("ip_vs");
                id = resolve(nl);
            }
            if (id.isEmpty()) {
                nl.close();
                return new Opening.Unavailable("no IPVS in this kernel (generic netlink family \"IPVS\" not found"
                        + (tryModprobe ? " after modprobe ip_vs)" : ")"));
            }
            return new Opening.Opened(new IpvsBackend(Kernel.of(nl), id.get()));
        } catch (OsException e) {
            nl.close();
            return new Opening.Unavailable("resolving the IPVS family: " + e.getMessage());
        }
    }

    private static Optional<Integer> resolve(NetlinkBatch nl) throws OsException {
        NetlinkBatch.Reply r = nl.execute(GenericNetlink.getFamily(Ipvs.FAMILY));
        return r.messages().stream().flatMap(m -> GenericNetlink.familyId(m, Ipvs.FAMILY).stream()).findFirst();
    }

    @Override
    public String name() {
        return "ipvs";
    }

    /** The generic netlink family id the kernel gave IPVS. */
    public int familyId() {
        return family;
    }

    /** {@code sendmsg} calls so far: what batching saves shows here. */
    public long datagramsSent() {
        return netlink.datagramsSent();
    }

    @Override
    public LbResult apply(LbOp op) {
        return applyAll(List.of(op)).getFirst();
    }

    @Override
    public List<LbResult> applyAll(List<LbOp> ops) {
        LbResult[] results = new LbResult[ops.size()];
        Map<ServiceKey, String> failedAdds = new HashMap<>();
        Set<ServiceKey> addedInBatch = new HashSet<>();
        List<Integer> batch = new ArrayList<>();
        for (int i : order(ops)) {
            LbOp op = ops.get(i);
            ServiceKey key = op.service();
            if (!(op instanceof LbOp.AddService) && addedInBatch.contains(key)) {
                send(ops, batch, results, failedAdds);
                addedInBatch.clear();
            }
            String failed = failedAdds.get(key);
            if (failed != null && !(op instanceof LbOp.AddService)) {
                results[i] = new LbResult.Failed("service not added (" + failed + ")");
                continue;
            }
            if (op instanceof LbOp.AddService) {
                failedAdds.remove(key);
                addedInBatch.add(key);
            }
            batch.add(i);
        }
        send(ops, batch, results, failedAdds);
        return Arrays.asList(results);
    }

    /** Op indexes in sending order: first every AddService whose key no earlier op touches, then the rest. */
    private static List<Integer> order(List<LbOp> ops) {
        List<Integer> first = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        Set<ServiceKey> touched = new HashSet<>();
        for (int i = 0; i < ops.size(); i++) {
            LbOp op = ops.get(i);
            if (op instanceof LbOp.AddService && !touched.contains(op.service())) first.add(i);
            else rest.add(i);
            touched.add(op.service());
        }
        first.addAll(rest);
        return first;
    }

    private void send(List<LbOp> ops, List<Integer> batch, LbResult[] results, Map<ServiceKey, String> failedAdds) {
        if (batch.isEmpty()) return;
        List<NetlinkWriter> requests = batch.stream().map(i -> request(ops.get(i))).toList();
        try {
            List<NetlinkError> answers = netlink.executeAll(requests);
            for (int k = 0; k < batch.size(); k++) {
                int i = batch.get(k);
                NetlinkError e = answers.get(k);
                if (e.isAck()) {
                    results[i] = LbResult.DONE;
                } else {
                    String reason = reason(ops.get(i), e);
                    results[i] = new LbResult.Failed(reason);
                    if (ops.get(i) instanceof LbOp.AddService a) failedAdds.put(a.service(), Errno.name(e.errno()));
                }
            }
        } catch (OsException e) {
            LbResult failed = new LbResult.Failed(Errno.name(e.errno()) + " (netlink: " + e.getMessage() + ")");
            for (int i : batch) {
                results[i] = failed;
                if (ops.get(i) instanceof LbOp.AddService a) failedAdds.put(a.service(), Errno.name(e.errno()));
            }
        }
        batch.clear();
    }

    private NetlinkWriter request(LbOp op) {
        return switch (op) {
            case LbOp.AddService a -> IpvsMessages.newService(family, a.spec());
            case LbOp.EditService e -> IpvsMessages.setService(family, e.spec());
            case LbOp.RemoveService r -> IpvsMessages.delService(family, r.service());
            case LbOp.AddDestination a -> IpvsMessages.newDest(family, a.service(), a.destination());
            case LbOp.EditDestination e -> IpvsMessages.setDest(family, e.service(), e.destination());
            case LbOp.RemoveDestination r -> IpvsMessages.delDest(family, r.service(), r.destination());
        };
    }

    /** The errno's name, the kernel's own text when it gave one, and a hint where IPVS's errno is terse. */
    static String reason(LbOp op, NetlinkError e) {
        String name = Errno.name(e.errno());
        if (e.kernelMessage().isPresent()) return name + ": " + e.kernelMessage().get();
        if (e.errno() == Errno.ENOENT && (op instanceof LbOp.AddService || op instanceof LbOp.EditService)) {
            Service s = op instanceof LbOp.AddService a ? a.spec() : ((LbOp.EditService) op).spec();
            return name + ": no scheduler ip_vs_" + s.scheduler()
                    + s.persistenceEngine().map(pe -> " or persistence engine ip_vs_pe_" + pe).orElse("") + " in the kernel";
        }
        return name;
    }

    @Override
    public KernelDump dump() {
        try {
            NetlinkBatch.DumpResult services = netlink.dump(IpvsMessages.getServices(family));
            if (services.errno() != 0) return new KernelDump.Unreadable(Errno.name(services.errno()));
            Map<ServiceKey, ServiceEntry> table = new LinkedHashMap<>();
            for (NetlinkMessage m : services.messages()) {
                Optional<Service> s = IpvsMessages.parseService(m);
                if (s.isEmpty()) continue;
                ServiceKey key = s.get().key();
                NetlinkBatch.DumpResult dests = netlink.dump(IpvsMessages.getDests(family, key));
                if (dests.errno() == Errno.ESRCH) continue; // removed between the two dumps
                if (dests.errno() != 0) return new KernelDump.Unreadable(Errno.name(dests.errno()) + " (destinations of " + key + ")");
                Map<Destination.Key, Destination> ds = new LinkedHashMap<>();
                boolean v6 = IpvsMessages.inet6(key);
                for (NetlinkMessage dm : dests.messages()) {
                    IpvsMessages.parseDest(dm, v6).ifPresent(d -> ds.put(d.key(), d));
                }
                table.put(key, new ServiceEntry(s.get(), ds));
            }
            return new KernelDump.Read(table);
        } catch (OsException e) {
            return new KernelDump.Unreadable(Errno.name(e.errno()));
        }
    }

    /** {@code ipvsadm -C}: every service and destination, ours or not ({@code lvs_flush}). */
    public LbResult flush() {
        return single(IpvsMessages.flush(family));
    }

    /** {@code lvs_timeouts}. */
    public LbResult setTimeouts(IpvsTimeouts t) {
        return single(IpvsMessages.setTimeouts(family, t));
    }

    /** {@code lvs_sync_daemon}: starts the kernel's sync thread. */
    public LbResult startSyncDaemon(SyncDaemon d) {
        return single(IpvsMessages.newDaemon(family, d));
    }

    public LbResult stopSyncDaemon(SyncDaemon.Role role) {
        return single(IpvsMessages.delDaemon(family, role));
    }

    private LbResult single(NetlinkWriter request) {
        try {
            NetlinkError e = netlink.executeAll(List.of(request)).getFirst();
            return e.isAck() ? LbResult.DONE : new LbResult.Failed(Errno.name(e.errno())
                    + e.kernelMessage().map(m -> ": " + m).orElse(""));
        } catch (OsException e) {
            return new LbResult.Failed(Errno.name(e.errno()));
        }
    }

    @Override
    public void close() {
        netlink.close();
    }
}
