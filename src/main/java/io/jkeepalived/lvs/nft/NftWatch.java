package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.KernelBackend;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkParser;
import io.jkeepalived.os.Errno;
import io.jkeepalived.os.Linux;
import io.jkeepalived.os.NetlinkSocket;
import io.jkeepalived.os.OsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Tells when someone else changes our table: a netlink socket subscribed to nf_tables notifications
 * (NFNLGRP_NFTABLES), read by the backend's user on its own thread ({@link KernelBackend.PolledWatch}):
 * the kernel's thread waits in poll(2) on this socket as well as on its queue, so the watch costs no
 * thread of its own, and no wake-ups while nothing changes. Every notification names the table it
 * concerns and carries the port id of the socket whose transaction caused it; a datagram with a
 * notification of our table from any socket other than this process's own (libnftables',
 * {@link NftNetlink}'s) is news, so {@code nft flush ruleset} or a hand edit is repaired at once rather
 * than at the next poll. Lost notifications (the socket overran) count as news.
 */
final class NftWatch implements KernelBackend.PolledWatch, AutoCloseable {

    /** Room for the notifications of our own largest transactions (one per map element), read or not. */
    private static final int RECEIVE_BUFFER = 8 << 20;
    /**
     * At most this many datagrams per {@link #drain}: a flood (someone else's huge transaction) is
     * read over several turns of the caller's loop, so its other work is not held up for the length
     * of it; the socket stays readable meanwhile.
     */
    private static final int DRAIN_MAX = 1024;

    private final NetlinkSocket socket;
    private final Set<Integer> ownPorts;
    private final AtomicLong signals = new AtomicLong();
    /** Guarded by this: someone subscribed (and the socket is a member of the group but during {@link #unheard}). */
    private boolean subscribed;
    /** Guarded by this: the socket failed, or could not join the group again; nothing more to tell. */
    private boolean broken;

    private NftWatch(NetlinkSocket socket, Set<Integer> ownPorts) {
        this.socket = socket;
        this.ownPorts = ownPorts;
    }

    /**
     * Opens the socket in the calling thread's network namespace, not yet subscribed; {@code ownPorts}
     * are the port ids of this process's nf_tables sockets there (see {@link #ownPorts()}), whose
     * changes are not reported.
     */
    static NftWatch open(Set<Integer> ownPorts) throws OsException {
        NetlinkSocket s = NetlinkSocket.open(Linux.NETLINK_NETFILTER, 0);
        s.enlargeForBatches(RECEIVE_BUFFER);
        return new NftWatch(s, Set.copyOf(ownPorts));
    }

    /**
     * Joins the notification group; false when subscribed already or the subscription failed. Only
     * then: while anyone listens, the kernel builds a notification for every change, ours included
     * (a few microseconds per map element).
     */
    synchronized boolean subscribe() {
        if (subscribed || broken) return false;
        try {
            socket.joinGroup(NftMessages.NFNLGRP_NFTABLES);
        } catch (OsException e) {
            return false;
        }
        subscribed = true;
        return true;
    }

    @Override
    public int fd() {
        return socket.fd();
    }

    @Override
    public synchronized boolean listening() {
        return subscribed && !broken;
    }

    /**
     * Runs {@code own} (one of our transactions) unsubscribed: with no listener left, the kernel builds
     * no notification of it (a thousand map elements would cost it, and our reader, milliseconds).
     * A change someone else commits meanwhile goes unseen here; the periodic reconcile repairs it.
     */
    <T> T unheard(java.util.function.Supplier<T> own) {
        boolean left = false;
        synchronized (this) {
            if (subscribed && !broken) {
                try {
                    socket.leaveGroup(NftMessages.NFNLGRP_NFTABLES);
                    left = true;
                } catch (OsException e) {
                    // then the notifications come, and their port ids tell they are ours
                }
            }
        }
        try {
            return own.get();
        } finally {
            if (left) {
                try {
                    socket.joinGroup(NftMessages.NFNLGRP_NFTABLES);
                } catch (OsException e) {
                    synchronized (this) {
                        broken = true; // cannot listen any more: stop claiming to
                    }
                }
            }
        }
    }

    /** How many {@linkplain #drain drains} told of a change so far. */
    long signals() {
        return signals.get();
    }

    /**
     * Reads what the socket holds, without waiting: true when a datagram carried a change of our
     * table by someone else, or the socket overran (ENOBUFS: notifications were dropped, one of them
     * may have been such a change). Once one is found, the rest are read without being parsed: one
     * read-back answers them all. A socket that fails otherwise is broken: true, so the table is read
     * back once more, and {@link #listening()} turns false.
     */
    @Override
    public synchronized boolean drain() {
        if (broken) return false;
        boolean news = false;
        for (int i = 0; i < DRAIN_MAX; i++) {
            try {
                Optional<ByteBuffer> d = socket.receive(0);
                if (d.isEmpty()) break;
                news = news || NetlinkParser.parse(d.get()).messages().stream().anyMatch(m -> foreign(m, ownPorts));
            } catch (OsException e) {
                if (e.errno() != Errno.ENOBUFS) {
                    broken = true; // the socket is gone: nothing more to watch
                    news = true;
                    break;
                }
                news = true;
            }
        }
        if (news) signals.incrementAndGet();
        return news;
    }

    /** Pure: a notification about our table ({@code inet jkeepalived}) from a socket not in {@code ownPorts}. */
    static boolean foreign(NetlinkMessage m, Set<Integer> ownPorts) {
        if (ownPorts.contains(m.portId())) return false;
        if (m.type() >>> 8 != NftMessages.NFNL_SUBSYS_NFTABLES || (m.type() & 0xff) == NftMessages.NFT_MSG_NEWGEN) return false;
        if (m.body().limit() < 4 || Byte.toUnsignedInt(m.body().get(0)) != NftMessages.NFPROTO_INET) return false;
        // every object's message has its table's name as attribute 1 (NFTA_TABLE_NAME, NFTA_CHAIN_TABLE, ...)
        boolean ours = m.attributes(4).string(1).filter(NftMessages.TABLE::equals).isPresent();
        return ours;
    }

    /**
     * The port ids of this process's NETLINK_NETFILTER sockets in the calling thread's network
     * namespace: {@code /proc/thread-self/net/netlink} lists the namespace's sockets with port id and
     * inode, {@code /proc/self/fd} our sockets' inodes. Empty when /proc cannot tell.
     */
    static Set<Integer> ownPorts() {
        Set<Long> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) inodes.add(Long.parseLong(link.substring(8, link.length() - 1)));
                } catch (IOException | NumberFormatException e) {
                    // closed meanwhile, or not a socket
                }
            });
            return ports(Files.readAllLines(Path.of("/proc/thread-self/net/netlink")), inodes);
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** Pure: from the lines of /proc/net/netlink, the port ids of NETLINK_NETFILTER sockets among {@code inodes}. */
    static Set<Integer> ports(List<String> netlink, Set<Long> inodes) {
        Set<Integer> out = new HashSet<>();
        for (String line : netlink) {
            String[] f = line.trim().split("\\s+");
            // sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode
            if (f.length < 10 || !f[1].equals(String.valueOf(Linux.NETLINK_NETFILTER))) continue;
            try {
                if (inodes.contains(Long.parseLong(f[9]))) out.add(Integer.parseUnsignedInt(f[2]));
            } catch (NumberFormatException e) {
                // the header line
            }
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (this) {
            broken = true;
        }
        socket.close();
    }
}
