package io.jkeepalived.lvs.ipvs;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * {@code lvs_sync_daemon INTERFACE [[inst] VRRP_INSTANCE] [id N] [maxlen N] [port N] [ttl N] [group IP]}
 * as written: the daemon runs as IPVS's master sync thread while {@code instance} is MASTER and as
 * the backup thread otherwise. Without {@code id} the sync id is the instance's VRID.
 */
public record SyncDaemonSpec(String interfaceName, String instance, OptionalInt syncId, OptionalInt maxLength,
                             OptionalInt port, OptionalInt ttl, Optional<InetAddress> group) {

    /** The words after the keyword; empty (with the reason given to {@code problems}) when unusable. */
    public static Optional<SyncDaemonSpec> parse(List<String> words, Consumer<String> problems) {
        if (words.isEmpty()) {
            problems.accept("lvs_sync_daemon: no interface given; the sync daemon is not started");
            return Optional.empty();
        }
        int i = 1;
        if (i < words.size() && words.get(i).equals("inst")) i++;
        if (i >= words.size() || KEYS.contains(words.get(i))) {
            problems.accept("lvs_sync_daemon: no VRRP instance given; the sync daemon is not started");
            return Optional.empty();
        }
        String instance = words.get(i++);
        int[] v = {-1, -1, -1, -1};
        Optional<InetAddress> group = Optional.empty();
        for (; i + 1 < words.size(); i += 2) {
            String key = words.get(i);
            String value = words.get(i + 1);
            int slot = KEYS.indexOf(key);
            if (slot == 4) {
                try {
                    group = Optional.of(InetAddress.ofLiteral(value));
                } catch (IllegalArgumentException e) {
                    problems.accept("lvs_sync_daemon: group " + value + " is not an address; ignored");
                }
            } else if (slot >= 0 && value.matches("[0-9]{1,9}") && Integer.parseInt(value) <= MAX[slot]) {
                v[slot] = Integer.parseInt(value);
            } else {
                problems.accept("lvs_sync_daemon: '" + key + " " + value + "' ignored");
            }
        }
        if (i < words.size()) problems.accept("lvs_sync_daemon: '" + words.get(i) + "' ignored");
        return Optional.of(new SyncDaemonSpec(words.getFirst(), instance, opt(v[0]), opt(v[1]), opt(v[2]), opt(v[3]),
                group));
    }

    /** The kernel request for {@code role}; {@code vrid} stands in for a missing id. */
    public SyncDaemon daemon(SyncDaemon.Role role, int vrid) {
        return new SyncDaemon(role, interfaceName, syncId.orElse(vrid), maxLength, group, port, ttl);
    }

    private static final List<String> KEYS = List.of("id", "maxlen", "port", "ttl", "group");
    private static final int[] MAX = {255, 65507, 65535, 255};

    private static OptionalInt opt(int v) {
        return v < 0 ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
