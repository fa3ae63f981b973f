package io.jkeepalived.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcEventCodecTest {

    /** nlmsghdr + cn_msg + proc_event header, then {@code data}; host byte order, as the kernel sends. */
    static ByteBuffer message(long what, int... data) {
        return message(what, null, data);
    }

    static ByteBuffer message(long what, byte[] tail, int... data) {
        int dataLen = data.length * 4 + (tail == null ? 0 : tail.length);
        int total = 16 + 20 + 16 + dataLen;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.nativeOrder());
        b.putInt(total).putShort((short) 3).putShort((short) 0).putInt(7).putInt(0); // nlmsghdr, NLMSG_DONE
        b.putInt(1).putInt(1).putInt(7).putInt(0).putShort((short) (16 + dataLen)).putShort((short) 0); // cn_msg CN_IDX_PROC
        b.putInt((int) what).putInt(0).putLong(123456789L); // what, cpu, timestamp
        for (int d : data) {
            b.putInt(d);
        }
        if (tail != null) {
            b.put(tail);
        }
        return b.flip();
    }

    @Test
    void subscriptionIsNlmsgCnMsgAndListenOp() {
        ByteBuffer b = ProcEventCodec.subscription(true, 42).order(ByteOrder.nativeOrder());
        assertThat(b.remaining()).isEqualTo(40);
        assertThat(b.getInt(0)).isEqualTo(40);          // nlmsg_len
        assertThat(b.getShort(4)).isEqualTo((short) 3); // NLMSG_DONE
        assertThat(b.getInt(12)).isEqualTo(42);         // nlmsg_pid
        assertThat(b.getInt(16)).isEqualTo(1);          // CN_IDX_PROC
        assertThat(b.getInt(20)).isEqualTo(1);          // CN_VAL_PROC
        assertThat(b.getShort(32)).isEqualTo((short) 4); // cn_msg len
        assertThat(b.getInt(36)).isEqualTo(1);          // PROC_CN_MCAST_LISTEN
        assertThat(ProcEventCodec.subscription(false, 42).order(ByteOrder.nativeOrder()).getInt(36)).isEqualTo(2);
    }

    @Test
    void decodesForkExecCommExitAndAck() {
        assertThat(ProcEventCodec.decode(message(0x1, 100, 100, 200, 200))).containsExactly(new ProcEvent.Fork(100, 200));
        assertThat(ProcEventCodec.decode(message(0x1, 100, 100, 201, 200))).containsExactly(new ProcEvent.Ignored(1)); // thread
        assertThat(ProcEventCodec.decode(message(0x2, 200, 200))).containsExactly(new ProcEvent.Exec(200));
        byte[] comm = new byte[16];
        byte[] name = "haproxy".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, comm, 0, name.length);
        assertThat(ProcEventCodec.decode(message(0x200, comm, 200, 200))).containsExactly(new ProcEvent.Comm(200, "haproxy"));
        assertThat(ProcEventCodec.decode(message(0x80000000L, 200, 200, 0, 17, 1, 1))).containsExactly(new ProcEvent.Exit(200, 0));
        assertThat(ProcEventCodec.decode(message(0, 0))).containsExactly(new ProcEvent.Ack(0));
    }

    @Test
    void garbageIsSkippedNotThrown() {
        assertThat(ProcEventCodec.decode(ByteBuffer.wrap(new byte[]{1, 2, 3}))).isEmpty();
        ByteBuffer lying = message(0x2, 5, 5);
        lying.order(ByteOrder.nativeOrder()).putInt(0, 9999); // length beyond the datagram
        assertThat(ProcEventCodec.decode(lying)).isEmpty();
        ByteBuffer foreign = message(0x2, 5, 5);
        foreign.order(ByteOrder.nativeOrder()).putInt(16, 9); // another connector index
        assertThat(ProcEventCodec.decode(foreign)).isEmpty();
    }
}
