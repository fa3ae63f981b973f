package io.jkeepalived.vrrp.splitbrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.wire.RejectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The watch on a virtual clock, interval 2 s. Each row is a timeline of steps {@code MS:INPUT}
 * separated by spaces and the verdicts expected of them, in order ({@code D} detected, {@code C}
 * cleared, {@code .} nothing). Inputs: {@code H}/{@code S}/{@code F}/{@code O} set the role
 * (holding, standby, fenced, off; no verdict), {@code c=MAC} a claim, {@code r=SRC} a rejected
 * advert, {@code v=SRC} a valid advert, {@code t} a tick.
 */
class SplitBrainWatchTest {
    private static final long MS = 1_000_000L;
    private static final long INTERVAL = 2_000 * MS;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one claim is not enough                       | 0:H 1000:c=aa 5000:t 99000:t             | ...
            two consecutive claims confirm                | 0:H 1000:c=aa 3000:c=aa                  | .D
            two answers to one round confirm              | 0:H 1000:c=aa 1001:c=bb                  | .D
            further than two intervals apart: no streak   | 0:H 1000:c=aa 5001:c=aa 9001:c=aa        | ..D
            exactly two intervals apart still consecutive | 0:H 1000:c=aa 5000:c=aa                  | .D
            reported once however much follows           | 0:H 1001:c=a 1002:c=b 1003:c=c 1004:c=d 1005:c=e | .D...
            cleared after three quiet intervals           | 0:H 1001:c=a 1002:c=a 7001:t 7002:t 7003:t | .D.C.
            evidence keeps it open                        | 0:H 1001:c=a 1002:c=a 6000:c=a 11999:t 12000:t | .D..C
            a new episode after clearing                  | 0:H 1001:c=a 1002:c=a 7002:t 8000:c=a 8001:c=a | .DC.D
            off ignores everything                        | 0:O 1:c=a 2:c=b 3:r=x 4:r=x              | ....
            role change breaks the streak                 | 0:H 1001:c=a 1002:S 1003:H 2003:c=a 2004:c=a | ..D
            holding: rejected adverts confirm             | 0:H 0:r=x 1000:r=x                       | .D
            standby: one MAC claiming is the master       | 0:S 1:c=a 2:c=a 3:c=a 4:c=a              | ....
            standby: two MACs claiming in turn            | 0:S 1:c=a 2:c=b 3:c=a                    | ..D
            standby: claims too far apart                 | 0:S 1:c=a 5000:c=b 10000:c=a             | ...
            standby: rejected alone is not evidence       | 0:S 1:r=x 1000:r=x                       | ..
            standby: rejected beside an accepted master   | 0:S 0:v=m 1:r=x 1000:v=m 1001:r=x        | ...D
            standby: the master itself rejected           | 0:S 0:v=m 1:r=m 1000:v=m 1001:r=m        | ....
            fenced: claims keep counting                  | 0:F 1:c=a 2:c=a 3000:c=a 8999:t          | .D..
            fenced: a valid advert clears at once         | 0:F 1:c=a 2:c=a 100:v=m 200:c=a          | .DC.
            holding: a valid advert changes nothing       | 0:H 1001:c=a 1002:c=a 1100:v=m 7002:t    | .D.C
            holding: claims in the first half interval are the old master releasing | 0:H 10:c=a 20:c=b 999:c=a | ...
            holding: claims count from half an interval   | 0:H 999:c=a 1000:c=a 1001:c=b            | ..D
            holding: rejected adverts count at once       | 0:H 10:r=x 20:r=x                        | .D
            taking over again restarts the half interval  | 0:H 5000:S 5001:H 5010:c=a 5020:c=a 6001:c=a 6002:c=a | ...D
            """)
    void timeline(String name, String steps, String expected) {
        var watch = new SplitBrainWatch(INTERVAL);
        StringBuilder got = new StringBuilder();
        for (String step : steps.trim().split("\\s+")) {
            String[] p = step.split(":", 2);
            long now = Long.parseLong(p[0]) * MS;
            String in = p[1];
            Optional<Verdict> v = switch (in.charAt(0)) {
                case 'H' -> role(watch, Role.HOLDING, now);
                case 'S' -> role(watch, Role.STANDBY, now);
                case 'F' -> role(watch, Role.FENCED, now);
                case 'O' -> role(watch, Role.OFF, now);
                case 'c' -> Optional.of(watch.evidence(new Evidence.Claim(EvidenceKind.ARP_REPLY, "198.18.0.100",
                        in.substring(2), Optional.empty()), now));
                case 'r' -> Optional.of(watch.evidence(new Evidence.RejectedAdvert(EvidenceKind.ADVERT_AUTH,
                        in.substring(2)), now));
                case 'v' -> Optional.of(watch.heardAdvert(in.substring(2), now));
                case 't' -> Optional.of(watch.tick(now));
                default -> throw new IllegalArgumentException(step);
            };
            v.ifPresent(verdict -> got.append(switch (verdict) {
                case Verdict.Quiet q -> '.';
                case Verdict.Detected d -> 'D';
                case Verdict.Cleared c -> 'C';
            }));
        }
        assertThat(got.toString()).as(name).isEqualTo(expected.trim());
    }

    private static Optional<Verdict> role(SplitBrainWatch w, Role r, long now) {
        w.role(r, now);
        return Optional.empty();
    }

    @Test
    void episodeNamesTheEvidenceAndCountsEveryPiece() {
        var w = new SplitBrainWatch(INTERVAL);
        w.role(Role.HOLDING, -INTERVAL); // claims count from -INTERVAL / 2
        var first = new Evidence.RejectedAdvert(EvidenceKind.ADVERT_AUTH, "198.18.0.2");
        var second = new Evidence.Claim(EvidenceKind.GRATUITOUS_ARP, "198.18.0.100", "02:00:00:00:00:02",
                Optional.empty());
        assertThat(w.evidence(first, 0)).isEqualTo(Verdict.QUIET);
        var d = (Verdict.Detected) w.evidence(second, 10 * MS);
        assertThat(d.episode().sinceNanos()).isEqualTo(10 * MS);
        assertThat(d.episode().first()).isEqualTo(first);
        assertThat(d.episode().peerMac()).isEqualTo("02:00:00:00:00:02");
        for (int i = 0; i < 1000; i++) {
            assertThat(w.evidence(second, (20 + i) * MS)).isEqualTo(Verdict.QUIET);
        }
        assertThat(w.episode().orElseThrow().pieces()).isEqualTo(1002);
        assertThat(w.counted()).isEqualTo(1002);
        var c = (Verdict.Cleared) w.tick(1019 * MS + 3 * INTERVAL);
        assertThat(c.episode().pieces()).isEqualTo(1002);
        assertThat(w.episode()).isEmpty();
        assertThat(first.describe()).isEqualTo("advert_auth_mismatch from 198.18.0.2");
        assertThat(second.describe()).isEqualTo("gratuitous_arp for 198.18.0.100 from MAC 02:00:00:00:00:02");
    }

    @Test
    void probesEveryIntervalWhileHoldingOrFenced_firstAfterHalfAnInterval() {
        var w = new SplitBrainWatch(INTERVAL);
        assertThat(w.nextDeadlineNanos()).isEqualTo(SplitBrainWatch.NEVER);
        w.role(Role.HOLDING, 10_000 * MS);
        List<Long> rounds = new ArrayList<>();
        for (long t = 10_000; t <= 17_000; t += 100) {
            if (w.probeDue(t * MS)) {
                rounds.add(t);
            }
        }
        assertThat(rounds).containsExactly(11_000L, 13_000L, 15_000L, 17_000L);
        w.role(Role.STANDBY, 17_100 * MS);
        assertThat(w.probeDue(99_000 * MS)).isFalse();
        w.role(Role.FENCED, 100_000 * MS);
        assertThat(w.nextDeadlineNanos()).isEqualTo(101_000 * MS);
        assertThat(w.probeDue(101_000 * MS)).isTrue();
        // a stalled loop: one round, then the schedule restarts from now instead of catching up
        assertThat(w.probeDue(120_000 * MS)).isTrue();
        assertThat(w.probeDue(120_001 * MS)).isFalse();
        assertThat(w.nextDeadlineNanos()).isEqualTo(122_000 * MS);
    }

    @Test
    void deadlineIncludesTheClearingTime() {
        var w = new SplitBrainWatch(INTERVAL);
        w.role(Role.STANDBY, 0);
        w.evidence(new Evidence.Claim(EvidenceKind.GRATUITOUS_ARP, "v", "a", Optional.empty()), 0);
        w.evidence(new Evidence.Claim(EvidenceKind.GRATUITOUS_ARP, "v", "b", Optional.empty()), MS);
        w.evidence(new Evidence.Claim(EvidenceKind.GRATUITOUS_ARP, "v", "a", Optional.empty()), 2 * MS);
        assertThat(w.episode()).isPresent();
        assertThat(w.nextDeadlineNanos()).isEqualTo(2 * MS + 3 * INTERVAL);
    }

    @Test
    void rejectReasonsThatMeanASecondMaster() {
        assertThat(EvidenceKind.of(RejectReason.AUTH_FAILURE)).contains(EvidenceKind.ADVERT_AUTH);
        assertThat(EvidenceKind.of(RejectReason.BAD_TTL)).contains(EvidenceKind.ADVERT_TTL);
        assertThat(EvidenceKind.of(RejectReason.ADDRESS_LIST_MISMATCH)).contains(EvidenceKind.ADVERT_ADDRESSES);
        assertThat(EvidenceKind.of(RejectReason.BAD_CHECKSUM)).isEmpty();
        assertThat(EvidenceKind.of(RejectReason.UNKNOWN_VRID)).isEmpty();
    }
}
