package io.jkeepalived.check.probe;

import io.jkeepalived.os.IcmpSocket;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.PollSet;
import io.jkeepalived.os.WakeUpFd;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Sends every PING_CHECK echo and matches every reply on one platform thread: the socket calls are
 * FFM downcalls, which would pin a virtual thread's carrier. Probes hand in a request and wait on
 * its future; sockets are shared per (family, bindto, bind_if, fwmark) and told apart by sequence.
 */
public final class PingService {

    /** Which socket an echo leaves from. */
    record SocketKey(boolean ipv6, Optional<InetAddress> source, Optional<String> ifname, Optional<Long> fwmark) {}

    /** One echo; completes normally on the matching reply, exceptionally when it could not be sent. */
    record Request(SocketKey key, InetAddress to, CompletableFuture<Void> done) {}

    private record Open(IcmpSocket socket, int slot, int id, Map<Integer, Request> pending, int[] nextSeq) {}

    private static final class Holder {
        static final PingService SHARED = new PingService();
    }

    private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
    private final Object startLock = new Object();
    private volatile WakeUpFd wake;
    private volatile Exception broken;

    PingService() {
    }

    /** The process-wide service; its thread starts with the first echo. */
    public static PingService shared() {
        return Holder.SHARED;
    }

    CompletableFuture<Void> echo(SocketKey key, InetAddress to) {
        Request r = new Request(key, to, new CompletableFuture<>());
        try {
            WakeUpFd w = started();
            if (broken != null) {
                r.done().completeExceptionally(broken);
                return r.done();
            }
            queue.add(r);
            w.signal();
        } catch (OsException e) {
            r.done().completeExceptionally(e);
        }
        return r.done();
    }

    private WakeUpFd started() throws OsException {
        synchronized (startLock) {
            if (wake == null) {
                WakeUpFd w = WakeUpFd.open();
                Thread.ofPlatform().daemon().name("jk-ping").start(() -> loop(w));
                wake = w;
            }
            return wake;
        }
    }

    private void loop(WakeUpFd w) {
        SecureRandom random = new SecureRandom();
        Map<SocketKey, Open> sockets = new HashMap<>();
        List<Open> bySlot = new ArrayList<>();
        try (PollSet poll = new PollSet()) {
            int wakeSlot = poll.add(w.fd());
            bySlot.add(null);
            while (true) {
                poll.poll(1000);
                if (poll.isReady(wakeSlot)) {
                    w.drain();
                }
                for (Request r = queue.poll(); r != null; r = queue.poll()) {
                    send(r, sockets, bySlot, poll, random);
                }
                for (int slot = 1; slot < bySlot.size(); slot++) {
                    Open o = bySlot.get(slot);
                    if (poll.isReady(slot)) {
                        receive(o);
                    }
                    o.pending().values().removeIf(r -> r.done().isDone()); // timed out and abandoned
                }
            }
        } catch (OsException | RuntimeException e) {
            // the poll set itself failed: fail everything waiting and every later echo
            broken = e;
            queue.forEach(r -> r.done().completeExceptionally(e));
            sockets.values().forEach(o -> o.pending().values().forEach(r -> r.done().completeExceptionally(e)));
        }
    }

    private static void send(Request r, Map<SocketKey, Open> sockets, List<Open> bySlot, PollSet poll,
                             SecureRandom random) {
        if (r.done().isDone()) {
            return;
        }
        try {
            Open o = sockets.get(r.key());
            if (o == null) {
                IcmpSocket s = IcmpSocket.open(r.key().ipv6(), r.key().source(), r.key().ifname(), r.key().fwmark());
                o = new Open(s, poll.add(s.fd()), random.nextInt(0x10000), new HashMap<>(), new int[] {random.nextInt(0x10000)});
                sockets.put(r.key(), o);
                bySlot.add(o);
            }
            int seq = o.nextSeq()[0]++ & 0xffff;
            o.pending().put(seq, r);
            if (!o.socket().send(r.to(), IcmpEcho.request(r.key().ipv6(), o.id(), seq))) {
                o.pending().remove(seq);
                r.done().completeExceptionally(new OsException("sendto(ICMP): socket buffer full", 11));
            }
        } catch (OsException e) {
            r.done().completeExceptionally(e);
        }
    }

    private static void receive(Open o) {
        try {
            for (var m = o.socket().receive(); m.isPresent(); m = o.socket().receive()) {
                boolean v6 = o.socket().ipv6();
                int seq = IcmpEcho.replySeq(v6, m.get().icmp());
                if (seq < 0 || (o.socket().kind() == IcmpSocket.Kind.RAW && IcmpEcho.replyId(m.get().icmp()) != o.id())) {
                    continue;
                }
                Request r = o.pending().get(seq);
                if (r != null && sameHost(r.to(), m.get().from())) {
                    o.pending().remove(seq);
                    r.done().complete(null);
                }
            }
        } catch (OsException e) {
            // an ICMP error queued on the socket; the echo it belongs to times out
        }
    }

    private static boolean sameHost(InetAddress a, InetAddress b) {
        if (a instanceof Inet6Address && b instanceof Inet6Address) {
            return java.util.Arrays.equals(a.getAddress(), b.getAddress());
        }
        return a.equals(b);
    }
}
