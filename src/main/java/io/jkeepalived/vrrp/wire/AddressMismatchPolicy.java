package io.jkeepalived.vrrp.wire;

/** What to do with an advert whose virtual addresses differ from ours (RFC 3768 §7.1 "MAY verify"). */
public enum AddressMismatchPolicy {
    /** keepalived up to 2.3.2, including Debian's 2.2.7 (our interop peer): drop the packet. The default. */
    DROP,
    /** keepalived from 2.3.3 (RFC 9568 work): accept, log and count ({@link AdvertWarning#ADDRESS_LIST_MISMATCH}). */
    WARN
}
