package io.jkeepalived.track;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ProcessEventSource} fed by the kernel's proc connector, as keepalived does: fork, exec,
 * comm and exit events, no polling. It subscribes <em>before</em> the initial {@code /proc} scan,
 * so nothing that happens during the scan is lost (an event for a process already seen only
 * causes a harmless re-read). Reads run on one platform thread, since netlink reads are blocking
 * native calls that would pin a virtual thread. If the channel fails, the failure is logged and
 * events stop; the daemon may then fall back to {@link ProcScanSource}.
 */
public final class ProcConnectorSource implements ProcessEventSource {

    private static final Logger LOG = LoggerFactory.getLogger(ProcConnectorSource.class);

    private final ProcConnectorChannel channel;
    private final ProcFs proc;
    private volatile boolean closed;
    private Optional<Thread> reader = Optional.empty();

    public ProcConnectorSource(ProcConnectorChannel channel, ProcFs proc) {
        this.channel = channel;
        this.proc = proc;
    }

    @Override
    public void start(ProcessEventListener listener) {
        try {
            channel.send(ProcEventCodec.subscription(true, channel.portId()));
        } catch (IOException e) {
            LOG.warn("proc connector subscription failed: {}", e.getMessage());
        }
        reader = Optional.of(Thread.ofPlatform().daemon(true).name("jk-proc-events").start(() -> read(listener)));
        proc.pids().forEach(listener::onChange);
        listener.onInitialScanDone();
    }

    private void read(ProcessEventListener listener) {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        while (!closed) {
            buf.clear();
            try {
                channel.receive(buf);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("proc connector read failed, process events stop: {}", e.getMessage());
                }
                return;
            }
            buf.flip();
            for (ProcEvent ev : ProcEventCodec.decode(buf)) {
                switch (ev) {
                    case ProcEvent.Fork f -> listener.onChange(f.childTgid());
                    case ProcEvent.Exec x -> listener.onChange(x.tgid());
                    case ProcEvent.Comm c -> listener.onChange(c.tgid());
                    case ProcEvent.Exit x -> listener.onExit(x.tgid());
                    case ProcEvent.Ack a -> {
                        if (a.err() != 0) {
                            LOG.warn("proc connector refused the subscription: error {}", a.err());
                        }
                    }
                    case ProcEvent.Ignored i -> { }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.send(ProcEventCodec.subscription(false, channel.portId()));
        } catch (IOException e) {
            // closing anyway
        }
        channel.close();
        reader.ifPresent(Thread::interrupt);
    }
}
