package io.jkeepalived.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Kernel parameters through /proc/sys. Keys use dots as {@code sysctl} does
 * ({@code net.ipv4.conf.vrrp.1.arp_ignore}): an interface name containing dots is passed separately
 * to {@link #interfaceKey}. The file is opened on the calling thread, so a thread moved into a
 * network namespace reads and writes that namespace's net.* values.
 */
public final class Sysctl {

    private static final Path ROOT = Path.of("/proc/sys");
    private static final int EIO = 5;

    private Sysctl() {
    }

    /** {@code net.ipv4.conf.IFNAME.NAME} (family 4) or {@code net.ipv6.conf.IFNAME.NAME} as a path. */
    public static Path interfaceKey(int family, String ifname, String name) {
        return ROOT.resolve(family == 6 ? "net/ipv6/conf" : "net/ipv4/conf").resolve(ifname).resolve(name);
    }

    public static void write(Path key, String value) throws OsException {
        try {
            Files.writeString(key, value + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new OsException("write " + key + " = " + value, errno(e));
        }
    }

    public static String read(Path key) throws OsException {
        try {
            return Files.readString(key, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new OsException("read " + key, errno(e));
        }
    }

    /**
     * The settings keepalived makes for a VMAC so that the macvlan, not its parent, answers ARP for
     * the VIPs: on the VMAC {@code accept_local=1 arp_ignore=1 rp_filter=0}; on the parent
     * {@code arp_ignore=1 arp_filter=1}.
     */
    public static void configureVmac(String vmac, String parent) throws OsException {
        write(interfaceKey(4, vmac, "accept_local"), "1");
        write(interfaceKey(4, vmac, "arp_ignore"), "1");
        write(interfaceKey(4, vmac, "rp_filter"), "0");
        write(interfaceKey(4, parent, "arp_ignore"), "1");
        write(interfaceKey(4, parent, "arp_filter"), "1");
    }

    private static int errno(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> Errno.ENOENT;
            case AccessDeniedException a -> Errno.EACCES;
            default -> EIO;
        };
    }
}
