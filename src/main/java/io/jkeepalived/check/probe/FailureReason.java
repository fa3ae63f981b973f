package io.jkeepalived.check.probe;

/** Why a probe failed: counted per reason and shown in {@code status}. */
public enum FailureReason {
    /** The connection was refused (RST) or the port is closed (ICMP port unreachable). */
    REFUSED,
    /** The deadline passed before the probe finished. */
    TIMEOUT,
    /** No route, host unreachable, network down, or a local bind failure. */
    UNREACHABLE,
    /** Any other I/O error (reset mid-reply, broken pipe). */
    IO_ERROR,
    /** The reply is not the protocol spoken (not HTTP, not SMTP, a malformed DNS reply). */
    PROTOCOL_ERROR,
    /** Headers or body larger than the checker accepts. */
    TOO_LARGE,
    /** TLS handshake or certificate failure. */
    TLS_FAILURE,
    /** HTTP status outside the accepted ranges, or an SMTP reply code that is not 2xx/3xx. */
    BAD_STATUS,
    /** The MD5 of the HTTP body differs from {@code digest}. */
    DIGEST_MISMATCH,
    /** {@code regex} did not match, or {@code regex_no_match} did. */
    REGEX_MISMATCH,
    /** A DNS reply with another ID, or a non-zero RCODE. */
    DNS_ERROR,
    /** A UDP reply that does not match {@code require_reply} or its length bounds. */
    REPLY_MISMATCH,
    /** A MISC_CHECK script exited with a failing status or could not start. */
    SCRIPT_FAILED,
    /** A MISC_CHECK script ran past {@code misc_timeout} and was killed. */
    SCRIPT_TIMEOUT,
    /** A FILE_CHECK file says the server is down. */
    FILE_DOWN
}
