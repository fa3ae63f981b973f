package io.jkeepalived.config.model;

/** VRRPv2 {@code authentication}: type PASS or AH, and the password truncated to 8 bytes. */
public record Authentication(AuthType authType, String authPass) {
    public enum AuthType {
        PASS,
        AH
    }
}
