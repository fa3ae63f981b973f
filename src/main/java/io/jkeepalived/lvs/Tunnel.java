package io.jkeepalived.lvs;

/**
 * How a {@link ForwardMethod#TUN} destination is encapsulated ({@code lvs_method TUN type gue port
 * 6080 csum}). Other methods carry {@link #DEFAULT}, which is also what the kernel reports for them.
 *
 * @param port the GUE destination UDP port; 0 for IPIP and GRE
 */
public record Tunnel(Type type, int port, Checksum checksum) {

    public static final Tunnel DEFAULT = new Tunnel(Type.IPIP, 0, Checksum.NOCSUM);

    public enum Type {
        IPIP, GUE, GRE;

        /** keepalived's and ipvsadm's spelling. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Outer-header checksums for GUE and GRE. */
    public enum Checksum {
        NOCSUM, CSUM, REMCSUM;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
