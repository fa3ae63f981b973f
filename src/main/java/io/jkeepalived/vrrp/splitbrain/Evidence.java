package io.jkeepalived.vrrp.splitbrain;

import java.util.Optional;

/** One piece of evidence that another node holds, or claims, one of an instance's addresses. */
public sealed interface Evidence {

    EvidenceKind kind();

    /** The VIP concerned, as printed; empty when the evidence names none (a rejected advert). */
    Optional<String> vip();

    /** The other node's MAC, when the evidence carries one. */
    Optional<String> mac();

    /** The other node's IP (ARP sender, VRRP source), when known. */
    Optional<String> source();

    /**
     * An ARP or NA frame in which a MAC that is not ours claims a VIP.
     *
     * @param sender the frame's sender protocol address when it is not the VIP itself
     */
    record Claim(EvidenceKind kind, String address, String claimant, Optional<String> sender) implements Evidence {
        @Override
        public Optional<String> vip() {
            return Optional.of(address);
        }

        @Override
        public Optional<String> mac() {
            return Optional.of(claimant);
        }

        @Override
        public Optional<String> source() {
            return sender;
        }
    }

    /** An advert for our VRID that our validator rejected for a reason that means a second master. */
    record RejectedAdvert(EvidenceKind kind, String from) implements Evidence {
        @Override
        public Optional<String> vip() {
            return Optional.empty();
        }

        @Override
        public Optional<String> mac() {
            return Optional.empty();
        }

        @Override
        public Optional<String> source() {
            return Optional.of(from);
        }
    }

    /** One line for logs: kind, VIP, MAC and source as far as known. */
    default String describe() {
        StringBuilder b = new StringBuilder(kind().label());
        vip().ifPresent(v -> b.append(" for ").append(v));
        mac().ifPresent(m -> b.append(" from MAC ").append(m));
        source().ifPresent(s -> b.append(mac().isPresent() ? " (" + s + ")" : " from " + s));
        return b.toString();
    }
}
