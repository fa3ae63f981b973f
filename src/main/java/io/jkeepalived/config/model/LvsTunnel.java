package io.jkeepalived.config.model;

/**
 * The tunnel options of {@code lvs_method TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]}.
 *
 * @param type     {@code ipip}, {@code gue} or {@code gre}
 * @param port     the GUE UDP port, 0 otherwise
 * @param checksum {@code nocsum}, {@code csum} or {@code remcsum}
 */
public record LvsTunnel(String type, int port, String checksum) {

    public static final LvsTunnel IPIP = new LvsTunnel("ipip", 0, "nocsum");
}
