package io.jkeepalived.status;

import java.util.Map;
import java.util.Optional;

/**
 * One instance's split-brain watch as status shows it.
 *
 * @param watching  the watch runs (split_brain_interval above 0)
 * @param active    an episode is open now
 * @param since     when the open episode was confirmed (ISO-8601), else empty
 * @param evidence  the kind of evidence that confirmed the open (else the last) episode
 * @param peerMac   the other node's MAC as far as known ("unknown" for rejected adverts alone)
 * @param vip       the VIP the evidence names (the instance's first VIP for rejected adverts)
 * @param source    the other node's IP (ARP sender, VRRP source) when known
 * @param episodes  episodes confirmed since start
 * @param evidenceCounts pieces of evidence counted, by kind label
 */
public record SplitBrainView(boolean watching, boolean active, Optional<String> since, Optional<String> evidence,
                             Optional<String> peerMac, Optional<String> vip, Optional<String> source, long episodes,
                             Map<String, Long> evidenceCounts) {
    public SplitBrainView {
        evidenceCounts = Map.copyOf(evidenceCounts);
    }

    public static final SplitBrainView OFF = new SplitBrainView(false, false, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), 0, Map.of());

    public long evidenceTotal() {
        return evidenceCounts.values().stream().mapToLong(Long::longValue).sum();
    }
}
