package io.jkeepalived.lvs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.testing.Impl;
import io.jkeepalived.testing.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system on the host, where the kernel has no IPVS, so the daemon falls back to nftables:
 * a jkeepalived pair holds the VIP in front of three health-checked web servers ({@link LvsPairLab});
 * a client's HTTP requests through the VIP show what the kernel does at each step. The steps build on
 * each other, in order: spread, a web server failing and coming back, quorum loss and the sorry
 * server, a hand-made {@code nft flush ruleset}, and the master crashing.
 */
@Tag("system")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LvsPairSystemTest {
    static final Duration SETTLE = Duration.ofSeconds(30);
    static LvsPairLab lab;
    static Node lb1;
    static Node lb2;
    static Path dir;

    @BeforeAll
    static void up() throws Exception {
        lab = new LvsPairLab();
        dir = Files.createTempDirectory("jk-lvp");
        lb1 = Node.startWithChecker(Impl.J, "lb1", lab.lbs.get(0), LvsPairLab.config(1), dir.resolve("lb1"));
        lb2 = Node.startWithChecker(Impl.J, "lb2", lab.lbs.get(1), LvsPairLab.config(2), dir.resolve("lb2"));
        lb1.awaitLastState("FRONT", Node.State.MASTER, SETTLE);
        lb2.awaitLastState("FRONT", Node.State.BACKUP, SETTLE);
    }

    @AfterAll
    static void down() {
        for (AutoCloseable c : new AutoCloseable[] {lb1, lb2, lab}) {
            try {
                if (c != null) c.close();
            } catch (Exception e) {
                // the next one still goes
            }
        }
    }

    /** Sends rounds of 15 requests until one round satisfies {@code done}; returns that round. */
    static List<String> until(Predicate<List<String>> done, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        List<String> round;
        do {
            round = lab.get(15);
            if (done.test(round)) return round;
        } while (System.nanoTime() < end);
        throw new AssertionError("within " + timeout + ", the last round of requests was " + round);
    }

    static Map<String, Long> count(List<String> names) {
        return names.stream().collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
    }

    @Test
    @Order(1)
    void theMasterFallsBackToNftablesAndRoundRobinSpreadsOverTheThree() throws Exception {
        List<String> round = until(r -> count(r).keySet().equals(java.util.Set.of("web1", "web2", "web3")), SETTLE);
        assertThat(count(round).values()).allMatch(c -> c == 5);
        assertThat(lb1.log().lines()).anyMatch(l -> l.text().contains("Load balancer: nftables in the kernel"));
        // the backup programs the same table: it takes traffic the moment it takes the VIP
        assertThat(lab.lbs.get(1).exec("nft", "list", "table", "inet", "jkeepalived"))
                .contains("198.18.1.1", "198.18.1.2", "198.18.1.3");
    }

    @Test
    @Order(2)
    void aFailedWebServerLeavesAndComesBack() throws Exception {
        lab.stop("web2");
        long t0 = System.nanoTime();
        until(r -> !r.contains("web2") && r.stream().noneMatch(n -> n.startsWith("!")), SETTLE);
        double left = (System.nanoTime() - t0) / 1e9;
        // delay_loop 1, connect_timeout 1, retry 0: gone within a few seconds, then never reached
        assertThat(left).isLessThan(10);
        assertThat(lab.get(30)).doesNotContain("web2").allMatch(n -> n.startsWith("web"));
        lab.start("web2");
        until(r -> r.contains("web2"), SETTLE);
    }

    @Test
    @Order(3)
    void quorumLossBringsInTheSorryServerAndRecoveryTakesItOut() throws Exception {
        lab.stop("web1");
        lab.stop("web3");
        until(r -> r.contains("sorry") && !r.contains("web1") && !r.contains("web3"), SETTLE);
        lab.start("web1");
        lab.start("web3");
        List<String> round = until(r -> count(r).keySet().equals(java.util.Set.of("web1", "web2", "web3")), SETTLE);
        assertThat(round).doesNotContain("sorry");
    }

    @Test
    @Order(4)
    void aHandMadeNftFlushRulesetIsRepairedWithinASecond() throws Exception {
        until(r -> r.stream().allMatch(n -> n.startsWith("web")), SETTLE);
        lab.lbs.get(0).exec("nft", "flush", "ruleset");
        long t0 = System.nanoTime();
        // single requests, so the first one the repaired table serves is timed, not a round around it
        while (!lab.get(1, 100).getFirst().startsWith("web")) {
            assertThat(System.nanoTime() - t0).as("repaired within 30 s").isLessThan(SETTLE.toNanos());
        }
        double repaired = (System.nanoTime() - t0) / 1e9;
        until(r -> count(r).keySet().equals(java.util.Set.of("web1", "web2", "web3")), SETTLE);
        System.out.printf("nft flush ruleset repaired after %.3f s%n", repaired);
        lb1.log().lines().stream().filter(l -> l.readNanos() > t0 && l.text().contains("differs"))
                .forEach(l -> System.out.printf("  lb1 logged after %.3f s: %s%n", (l.readNanos() - t0) / 1e9, l.text()));
        // the reconciler reads the table back every 0.5 s; a refused request takes a millisecond
        assertThat(repaired).isLessThan(1.0);
        assertThat(lb1.log().lines()).anyMatch(l -> l.text().contains("differs from the desired one"));
    }

    @Test
    @Order(5)
    void theMasterCrashesAndTheClientsRequestsResumeThroughTheBackup() throws Exception {
        until(r -> r.stream().allMatch(n -> n.startsWith("web")), SETTLE);
        lb1.kill9();
        // a killed daemon leaves its VIPs on the host: pull its cables so only the backup can answer
        lab.lbs.get(0).ip("link", "set", "eth0", "down");
        lab.lbs.get(0).ip("link", "set", "eth1", "down");
        long t0 = System.nanoTime();
        List<String> round = until(r -> count(r).keySet().equals(java.util.Set.of("web1", "web2", "web3")), SETTLE);
        double outage = (System.nanoTime() - t0) / 1e9;
        System.out.printf("requests resumed through the backup after %.3f s%n", outage);
        assertThat(lb2.lastStateIs("FRONT", Node.State.MASTER)).isTrue();
        assertThat(lb2.lastStateIs("BACK", Node.State.MASTER)).isTrue();
        assertThat(round).allMatch(n -> n.startsWith("web"));
        // master down after 3 x advert_int + skew: about 3.6 s, plus the first round that succeeds
        assertThat(outage).isLessThan(10);
    }
}
