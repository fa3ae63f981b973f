package io.jkeepalived.lvs.nft;

import io.jkeepalived.netlink.NetlinkError;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkParser;
import io.jkeepalived.netlink.NetlinkWriter;
import io.jkeepalived.os.Errno;
import io.jkeepalived.os.Linux;
import io.jkeepalived.os.NetlinkSocket;
import io.jkeepalived.os.OsException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Map element changes sent to nf_tables over our own netlink socket ({@link NftMessages}), one
 * transaction per call, waiting for the kernel's ack of every message. This skips libnftables'
 * parser and its cache (which re-reads every chain and set of the table before each command
 * buffer): a thousand elements cost the kernel about a millisecond, libnftables ten more.
 * The socket lives in the network namespace of the thread that opens it. Blocking; not thread-safe.
 */
final class NftNetlink implements NftBackend.ElementChannel {

    private static final int REPLY_TIMEOUT_MILLIS = 5000;
    /** The largest transaction: a full Maglev slot table and a thousand destinations fit many times. */
    private static final int SEND_BUFFER = 4 << 20;

    private final NetlinkSocket socket;
    private int seq = (int) (System.nanoTime() & 0x3fffffff);

    private NftNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    static NftNetlink open() throws OsException {
        NetlinkSocket s = NetlinkSocket.open(Linux.NETLINK_NETFILTER, 0);
        s.enlargeForBatches(1 << 20);
        s.enlargeSendBuffer(SEND_BUFFER);
        return new NftNetlink(s);
    }

    /** Our socket's port id: notifications of our own transactions carry it. */
    int portId() {
        return socket.portId();
    }

    @Override
    public Optional<String> commit(List<NftStep.Elements> steps) {
        List<NetlinkWriter> changes = NftMessages.changes(steps);
        if (changes.isEmpty()) return Optional.empty();
        if (seq > 0x70000000) seq = 0;
        int first = seq + 1;
        int last = first + changes.size() + 1; // batch end
        seq = last;
        ByteBuffer datagram = NftMessages.batch(changes, first, socket.portId());
        try {
            socket.send(datagram, "nf_tables transaction");
            int pending = changes.size();
            Optional<String> refusal = Optional.empty();
            // the kernel queues every answer before sendmsg returns; the timeout only guards a lost one
            while (pending > 0) {
                ByteBuffer reply = socket.receive(refusal.isPresent() ? 0 : REPLY_TIMEOUT_MILLIS).orElse(null);
                if (reply == null) {
                    return refusal.isPresent() ? refusal : Optional.of("ETIMEDOUT: no ack from nf_tables");
                }
                for (NetlinkMessage m : NetlinkParser.parse(reply).messages()) {
                    if (m.seq() < first || m.seq() > last) continue;
                    Optional<NetlinkError> e = NetlinkError.parse(m);
                    if (e.isEmpty()) continue;
                    if (!e.get().isAck() && refusal.isEmpty()) refusal = Optional.of(describe(e.get(), m.seq() - first, steps));
                    if (m.seq() == first || m.seq() == last) return refusal; // the batch itself failed: nothing else comes
                    pending--;
                }
            }
            return refusal;
        } catch (OsException e) {
            return Optional.of(Errno.name(e.errno()) + ": " + e.getMessage());
        }
    }

    @Override
    public java.util.OptionalLong generation() {
        if (seq > 0x70000000) seq = 0;
        int asked = ++seq;
        try {
            socket.send(NftMessages.getGeneration(asked, socket.portId()), "nf_tables generation request");
            while (true) {
                ByteBuffer reply = socket.receive(REPLY_TIMEOUT_MILLIS).orElse(null);
                if (reply == null) return java.util.OptionalLong.empty();
                for (NetlinkMessage m : NetlinkParser.parse(reply).messages()) {
                    if (m.seq() != asked) continue;
                    if (NetlinkError.parse(m).isPresent()) return java.util.OptionalLong.empty();
                    return NftMessages.generation(m);
                }
            }
        } catch (OsException e) {
            return java.util.OptionalLong.empty();
        }
    }

    private static String describe(NetlinkError e, int index, List<NftStep.Elements> steps) {
        String where = index == 0 ? "the batch" : "message " + index + " of the transaction (map " + mapOf(index, steps) + ")";
        return Errno.describe(e.errno()) + ": nf_tables refused " + where + e.kernelMessage().map(t -> " (" + t + ")").orElse("");
    }

    /** The map that message {@code index} (1-based) changes. */
    private static String mapOf(int index, List<NftStep.Elements> steps) {
        int i = 0;
        for (NftStep.Elements s : steps) {
            i += NftMessages.changes(List.of(s)).size();
            if (index <= i) return s.map();
        }
        return "?";
    }

    @Override
    public void close() {
        socket.close();
    }
}
