package io.jkeepalived.lvs.ipvs;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code lvs_sync_daemon INTERFACE INSTANCE [id N] [maxlen N] [port N] [ttl N] [group ADDR]}: the
 * kernel's connection-sync thread, master or backup.
 */
public record SyncDaemon(Role role, String interfaceName, int syncId, OptionalInt maxLength,
                         Optional<InetAddress> group, OptionalInt port, OptionalInt ttl) {

    public enum Role { MASTER, BACKUP }
}
