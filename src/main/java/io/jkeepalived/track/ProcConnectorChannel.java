package io.jkeepalived.track;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What {@link ProcConnectorSource} needs from the OS layer: a {@code NETLINK_CONNECTOR} datagram
 * socket bound to multicast group {@code CN_IDX_PROC} (needs {@code CAP_NET_ADMIN}).
 * {@link NetlinkProcConnectorChannel} is the real one, on {@code io.jkeepalived.os.NetlinkSocket};
 * tests substitute a fake.
 */
public interface ProcConnectorChannel extends AutoCloseable {

    /** Our netlink port id (nl_pid), put in the subscription header. */
    int portId();

    void send(ByteBuffer message) throws IOException;

    /** Blocks until one datagram arrives; fills {@code into} from its position. */
    void receive(ByteBuffer into) throws IOException;

    @Override
    void close();
}
