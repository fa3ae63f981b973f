package io.jkeepalived.lvs;

import io.jkeepalived.config.model.IpText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The services this daemon created in the kernel, remembered in a small file under /run so that a
 * daemon restarted after a crash still knows which services are its own (and removes the ones its
 * new configuration no longer has) and which belong to someone else. One service per line:
 * {@code TCP 198.18.0.1 80} or {@code FWM 5 inet6}. Written atomically (temporary file, rename).
 */
public final class OwnedServices {

    private final Optional<Path> file;
    private final Set<ServiceKey> keys = new LinkedHashSet<>();

    private OwnedServices(Optional<Path> file) {
        this.file = file;
    }

    /** Reads {@code file} if it exists; unreadable lines are skipped (the reconciler treats them as foreign). */
    public static OwnedServices at(Path file) {
        OwnedServices o = new OwnedServices(Optional.of(file));
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) parse(line).ifPresent(o.keys::add);
            }
        } catch (IOException e) {
            // a missing or unreadable file means we own nothing yet
        }
        return o;
    }

    /** Kept in memory only (tests, and daemons whose /run is not writable). */
    public static OwnedServices inMemory() {
        return new OwnedServices(Optional.empty());
    }

    public Set<ServiceKey> keys() {
        return Set.copyOf(keys);
    }

    public boolean contains(ServiceKey k) {
        return keys.contains(k);
    }

    /** Records a change; the file is rewritten only when the set changed. */
    public void set(ServiceKey k, boolean owned) {
        if (owned ? keys.add(k) : keys.remove(k)) save();
    }

    private void save() {
        if (file.isEmpty()) return;
        Path f = file.get();
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            List<String> lines = new ArrayList<>();
            keys.forEach(k -> lines.add(format(k)));
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // ownership stays known in memory; only a restart after a crash would lose it
        }
    }

    static String format(ServiceKey k) {
        return switch (k) {
            case ServiceKey.Addr a -> a.protocol() + " " + IpText.of(a.vip()) + " " + a.port();
            case ServiceKey.Fwmark f -> "FWM " + f.mark() + (f.inet6() ? " inet6" : " inet");
        };
    }

    static Optional<ServiceKey> parse(String line) {
        String[] w = line.trim().split(" ");
        try {
            if (w.length == 3 && w[0].equals("FWM")) {
                return Optional.of(new ServiceKey.Fwmark(Long.parseLong(w[1]), w[2].equals("inet6")));
            }
            if (w.length == 3 && w[1].matches("[0-9a-fA-F:.]+")) {
                return Optional.of(new ServiceKey.Addr(ServiceKey.Protocol.valueOf(w[0]), InetAddress.getByName(w[1]),
                        Integer.parseInt(w[2])));
            }
        } catch (IllegalArgumentException | UnknownHostException e) {
            // fall through: not ours to interpret
        }
        return Optional.empty();
    }
}
