package io.jkeepalived.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRateLimiterTest {
    private static final long S = 1_000_000_000L;

    record Summary(String key, long count, long window) {}

    private final List<Summary> summaries = new ArrayList<>();
    private final LogRateLimiter.Summaries<String> sink = (k, n, w) -> summaries.add(new Summary(k, n, w));

    @Test
    void writesTheBurstThenCountsTheRestAndSummarizesWhenTheWindowEnds() {
        var limiter = new LogRateLimiter<String>(3, 5 * S);
        int written = 0;
        // a flood: 1,000 per second for 5 s
        for (int i = 0; i < 5000; i++) {
            if (limiter.admit("VI_1", i * S / 1000, sink)) {
                written++;
            }
        }
        assertThat(written).isEqualTo(3);
        assertThat(summaries).isEmpty();
        limiter.expire(5 * S - 1, sink);
        assertThat(summaries).as("the window is not over yet").isEmpty();
        limiter.expire(5 * S, sink);
        assertThat(summaries).containsExactly(new Summary("VI_1", 4997, 5 * S));
        assertThat(limiter.tracked()).isZero();
    }

    @Test
    void keysHaveTheirOwnWindows() {
        var limiter = new LogRateLimiter<String>(1, S);
        assertThat(limiter.admit("VI_1", 0, sink)).isTrue();
        assertThat(limiter.admit("VI_1", 1, sink)).isFalse();
        assertThat(limiter.admit("VI_2", 2, sink)).as("another instance").isTrue();
        assertThat(limiter.admit("VI_2", 3, sink)).isFalse();
        assertThat(limiter.admit("VI_2", 4, sink)).isFalse();
        limiter.expire(S + 2, sink);
        assertThat(summaries).containsExactlyInAnyOrder(new Summary("VI_1", 1, S), new Summary("VI_2", 2, S));
    }

    @Test
    void aNewOccurrenceAfterTheWindowSummarizesFirstThenOpensTheNextWindow() {
        var limiter = new LogRateLimiter<String>(2, S);
        limiter.admit("k", 0, sink);
        limiter.admit("k", 1, sink);
        limiter.admit("k", 2, sink);
        // no expire() in between (the loop was busy): the late occurrence still reports the old window first
        assertThat(limiter.admit("k", 3 * S, sink)).isTrue();
        assertThat(summaries).containsExactly(new Summary("k", 1, S));
        assertThat(limiter.admit("k", 3 * S + 1, sink)).isTrue();
        assertThat(limiter.admit("k", 3 * S + 2, sink)).isFalse();
    }

    @Test
    void aQuietKeyIsForgottenWithoutASummary() {
        var limiter = new LogRateLimiter<String>(3, S);
        assertThat(limiter.admit("k", 0, sink)).isTrue();
        assertThat(limiter.admit("k", 10, sink)).isTrue();
        limiter.expire(S, sink);
        assertThat(summaries).isEmpty();
        assertThat(limiter.tracked()).isZero();
        assertThat(limiter.admit("k", 2 * S, sink)).isTrue();
    }

    @Test
    void expireBeforeAnyWindowEndsDoesNothingAndTimesMayBeNegative() {
        var limiter = new LogRateLimiter<String>(1, S);
        long t0 = Long.MIN_VALUE + 10; // System.nanoTime() has an arbitrary origin
        limiter.admit("k", t0, sink);
        limiter.admit("k", t0 + 1, sink);
        limiter.expire(t0 + S - 1, sink);
        assertThat(summaries).isEmpty();
        limiter.expire(t0 + S, sink);
        assertThat(summaries).containsExactly(new Summary("k", 1, S));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new LogRateLimiter<String>(0, S)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogRateLimiter<String>(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
