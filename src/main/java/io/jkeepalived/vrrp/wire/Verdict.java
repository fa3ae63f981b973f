package io.jkeepalived.vrrp.wire;


/**
 * The outcome of validating an advertisement. Every instance is cached, so validation allocates nothing; the
 * accepted packet's fields stay readable on the {@link AdvertView} that was validated.
 */
public sealed interface Verdict permits Verdict.Accepted, Verdict.Rejected {

    /** The packet is valid for the router; {@code warnings} is a bitset of {@link AdvertWarning}. */
    record Accepted(int warnings) implements Verdict {
        private static final Accepted[] CACHE = new Accepted[1 << AdvertWarning.values().length];

        static {
            for (int i = 0; i < CACHE.length; i++) {
                CACHE[i] = new Accepted(i);
            }
        }

        static Accepted of(int warnings) {
            return CACHE[warnings];
        }

        public boolean has(AdvertWarning warning) {
            return (warnings & warning.bit()) != 0;
        }
    }

    /** The packet is dropped for {@code reason}. */
    record Rejected(RejectReason reason) implements Verdict {
    }
}
