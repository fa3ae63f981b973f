package io.jkeepalived.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event-driven source over a fake channel and a fake /proc. */
class ProcConnectorSourceTest {

    @TempDir
    Path proc;

    private static final class FakeChannel implements ProcConnectorChannel {
        final LinkedBlockingQueue<ByteBuffer> inbound = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<ByteBuffer> sent = new LinkedBlockingQueue<>();
        volatile boolean closed;

        @Override
        public int portId() {
            return 4242;
        }

        @Override
        public void send(ByteBuffer message) {
            sent.add(message);
        }

        @Override
        public void receive(ByteBuffer into) throws IOException {
            try {
                into.put(inbound.take());
            } catch (InterruptedException e) {
                throw new IOException("closed");
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private void spawn(long pid, String comm) throws IOException {
        Path d = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(d.resolve("stat"), pid + " (" + comm + ") S 1 1 1");
    }

    @Test
    void forkAndExitEventsDriveTheQuorum() throws Exception {
        spawn(500, "nginx");
        FakeChannel ch = new FakeChannel();
        EventQueue sink = new EventQueue();
        ProcFs fs = new ProcFs(proc);
        try (ThreadScheduler sched = new ThreadScheduler("jk-test-cn");
             ProcessTracker t = new ProcessTracker(List.of(ProcessSpec.of("ng", "nginx").withQuorum(2, 2)), fs,
                     new ProcConnectorSource(ch, fs), sched, sink)) {
            t.start();
            assertThat(ch.sent.take().getInt(36)).isEqualTo(ProcEventCodec.PROC_CN_MCAST_LISTEN);
            assertThat(((TrackerEvent.ProcessQuorum) sink.next(Duration.ofSeconds(5))).state()).isEqualTo(TrackState.DOWN);
            spawn(501, "nginx");
            ch.inbound.add(ProcEventCodecTest.message(0x1, 500, 500, 501, 501));
            TrackerEvent.ProcessQuorum up = (TrackerEvent.ProcessQuorum) sink.next(Duration.ofSeconds(5));
            assertThat(up.state()).isEqualTo(TrackState.UP);
            assertThat(up.count()).isEqualTo(2);
            ch.inbound.add(ProcEventCodecTest.message(0x80000000L, 500, 500, 0, 15));
            assertThat(((TrackerEvent.ProcessQuorum) sink.next(Duration.ofSeconds(5))).state()).isEqualTo(TrackState.DOWN);
        }
        assertThat(ch.closed).isTrue();
    }
}
