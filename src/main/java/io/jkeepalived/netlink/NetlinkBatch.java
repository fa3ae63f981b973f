package io.jkeepalived.netlink;

import io.jkeepalived.os.NetlinkSocket;
import io.jkeepalived.os.OsException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Requests to the kernel over one netlink socket, many per {@code sendmsg}: each request carries
 * NLM_F_ACK and its own sequence number, so every request gets its own ack or errno back, matched by
 * sequence number, whatever else in the datagram failed (the kernel processes the messages of a
 * datagram one after another and does not stop at an error). Blocking: use a platform thread.
 * Not thread-safe.
 *
 * <p>A datagram holds at most {@link #MAX_PER_DATAGRAM} requests and {@link #MAX_DATAGRAM} bytes,
 * and its acks are read before the next one is sent, so the acks queued at any time stay far below
 * the socket's receive buffer (which {@link NetlinkSocket#enlargeForBatches} raises): a dropped ack
 * would leave a request without an answer.
 */
public final class NetlinkBatch implements AutoCloseable {

    public static final int MAX_PER_DATAGRAM = 256;
    public static final int MAX_DATAGRAM = 32 * 1024;
    private static final int REPLY_TIMEOUT_MILLIS = 5000;
    private static final int ETIMEDOUT = 110;

    private final NetlinkSocket socket;
    private int seq = (int) (System.nanoTime() & 0x3fffffff);
    private long datagramsSent;

    public NetlinkBatch(NetlinkSocket socket) {
        this.socket = socket;
        socket.enlargeForBatches(4 << 20);
    }

    /** Datagrams sent so far (requests and dumps): the number of {@code sendmsg} calls. */
    public long datagramsSent() {
        return datagramsSent;
    }

    /**
     * Sends every request (built with NLM_F_ACK) and returns, in the same order, the kernel's
     * answer to each: errno 0 for an ack. Throws only when the socket fails or the kernel stays
     * silent; then the caller cannot know which requests were applied.
     */
    public List<NetlinkError> executeAll(List<NetlinkWriter> requests) throws OsException {
        NetlinkError[] answers = new NetlinkError[requests.size()];
        int from = 0;
        while (from < requests.size()) {
            if (seq > 0x70000000) seq = 0; // sequence numbers of one datagram never wrap
            int firstSeq = seq + 1;
            var datagram = new ByteArrayBuilder();
            int to = from;
            while (to < requests.size() && to - from < MAX_PER_DATAGRAM) {
                ByteBuffer m = requests.get(to).finish(nextSeq(), socket.portId());
                if (to > from && datagram.size() + m.remaining() > MAX_DATAGRAM) {
                    seq--;
                    break;
                }
                datagram.add(m);
                to++;
            }
            send(datagram.toBuffer(), "batch of " + (to - from));
            int pending = to - from;
            while (pending > 0) {
                for (NetlinkMessage m : receive("batch of " + (to - from))) {
                    int i = from + (m.seq() - firstSeq);
                    if (i < from || i >= to || answers[i] != null) {
                        continue;
                    }
                    Optional<NetlinkError> e = NetlinkError.parse(m);
                    if (e.isPresent()) {
                        answers[i] = e.get();
                        pending--;
                    }
                }
            }
            from = to;
        }
        return Arrays.asList(answers);
    }

    /** One acked request; a reply message other than the ack (a GET's answer) is returned with it. */
    public Reply execute(NetlinkWriter request) throws OsException {
        int s = nextSeq();
        send(request.finish(s, socket.portId()), "request");
        List<NetlinkMessage> data = new ArrayList<>();
        while (true) {
            for (NetlinkMessage m : receive("request")) {
                if (m.seq() != s) continue;
                Optional<NetlinkError> e = NetlinkError.parse(m);
                if (e.isPresent()) return new Reply(e.get(), data);
                data.add(copy(m));
            }
        }
    }

    /** What {@link #execute} got: the ack (or errno) and the messages before it. */
    public record Reply(NetlinkError ack, List<NetlinkMessage> messages) {}

    /**
     * A dump (request built with NLM_F_DUMP): every message up to NLMSG_DONE, bodies copied so
     * they outlive the socket's buffer. A negative answer comes back as its errno.
     */
    public DumpResult dump(NetlinkWriter request) throws OsException {
        int s = nextSeq();
        send(request.finish(s, socket.portId()), "dump");
        List<NetlinkMessage> out = new ArrayList<>();
        while (true) {
            for (NetlinkMessage m : receive("dump")) {
                if (m.seq() != s) continue;
                if (m.type() == NetlinkMessage.NLMSG_DONE) return new DumpResult(0, out);
                Optional<NetlinkError> e = NetlinkError.parse(m);
                if (e.isPresent()) {
                    if (!e.get().isAck()) return new DumpResult(e.get().errno(), out);
                    continue;
                }
                out.add(copy(m));
            }
        }
    }

    /** A dump's messages, or the errno that ended it (0: complete). */
    public record DumpResult(int errno, List<NetlinkMessage> messages) {}

    private void send(ByteBuffer datagram, String what) throws OsException {
        socket.send(datagram, what);
        datagramsSent++;
    }

    private List<NetlinkMessage> receive(String what) throws OsException {
        var datagram = socket.receive(REPLY_TIMEOUT_MILLIS)
                .orElseThrow(() -> new OsException(what + " (no reply from the kernel)", ETIMEDOUT));
        return NetlinkParser.parse(datagram).messages();
    }

    private static NetlinkMessage copy(NetlinkMessage m) {
        ByteBuffer body = ByteBuffer.allocate(m.body().remaining()).put(m.body().duplicate()).flip()
                .order(ByteOrder.nativeOrder());
        return new NetlinkMessage(m.type(), m.flags(), m.seq(), m.portId(), body.asReadOnlyBuffer().order(ByteOrder.nativeOrder()));
    }

    private int nextSeq() {
        seq = (seq + 1) & 0x7fffffff;
        return seq;
    }

    @Override
    public void close() {
        socket.close();
    }

    /** Concatenates finished messages into one datagram. */
    private static final class ByteArrayBuilder {
        private byte[] bytes = new byte[4096];
        private int size;

        int size() {
            return size;
        }

        void add(ByteBuffer m) {
            int n = m.remaining();
            if (size + n > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            m.duplicate().get(bytes, size, n);
            size += n;
        }

        ByteBuffer toBuffer() {
            return ByteBuffer.wrap(bytes, 0, size).order(ByteOrder.nativeOrder());
        }
    }
}
