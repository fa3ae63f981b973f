package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.plan.ConfigAdapterTest;
import io.jkeepalived.daemon.plan.DaemonPlan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.script.ScriptLauncher;
import io.jkeepalived.script.ScriptPolicy;
import io.jkeepalived.script.ScriptSecurity;
import io.jkeepalived.script.UserDb;
import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.TrackerStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Trackers across a reload, with real script processes: kept, restarted, replayed by name. */
class TrackerHubReloadTest {

    record Posted(String instance, Event event) {}

    private static final String BASE = """
            vrrp_script chk {
              script "/bin/true"
              interval 1
              weight 10
            }
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              virtual_ipaddress { 198.18.0.100 }
              track_script { chk }
            }
            """;

    private static final String WITH_VI_2 = BASE + """
            vrrp_instance VI_2 {
              interface eth0
              virtual_router_id 52
              virtual_ipaddress { 198.18.0.101 }
              track_script { chk }
            }
            """;

    private final LinkedBlockingQueue<Posted> posted = new LinkedBlockingQueue<>();

    private static ScriptPolicy policy() {
        return new ScriptPolicy(UserDb.system(), ScriptSecurity.system(), Optional.empty(), false,
                ScriptLauncher.currentUid());
    }

    private Posted next(Duration within) throws InterruptedException {
        Posted p = posted.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(p).as("an event within " + within).isNotNull();
        return p;
    }

    @Test
    void anUnchangedScriptKeepsRunningAndANewInstanceLearnsItsLastResult() throws Exception {
        Keepalived first = ConfigAdapterTest.config(BASE);
        try (ScriptLauncher launcher = ScriptLauncher.system();
             TrackerHub hub = new TrackerHub(ConfigAdapterTest.plan(BASE), (i, e) -> posted.add(new Posted(i, e)))) {
            hub.start(first, launcher, policy());
            assertThat(next(Duration.ofSeconds(10)))
                    .isEqualTo(new Posted("VI_1", new Event.TrackerChanged("script:chk", TrackerStatus.UP)));

            DaemonPlan plan = ConfigAdapterTest.plan(WITH_VI_2);
            hub.reload(ConfigAdapterTest.config(WITH_VI_2), plan.instances(), List.of(), launcher, policy(), false, 0);
            // both instances are told the last result at once; the script was not restarted, so
            // no new transition follows
            assertThat(List.of(next(Duration.ofSeconds(1)), next(Duration.ofSeconds(1)))).containsExactlyInAnyOrder(
                    new Posted("VI_1", new Event.TrackerChanged("script:chk", TrackerStatus.UP)),
                    new Posted("VI_2", new Event.TrackerChanged("script:chk", TrackerStatus.UP)));
            assertThat(posted.poll(2500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aChangedScriptPolicyRestartsEvenUnchangedScripts() throws Exception {
        try (ScriptLauncher launcher = ScriptLauncher.system();
             TrackerHub hub = new TrackerHub(ConfigAdapterTest.plan(BASE), (i, e) -> posted.add(new Posted(i, e)))) {
            hub.start(ConfigAdapterTest.config(BASE), launcher, policy());
            next(Duration.ofSeconds(10));
            hub.reload(ConfigAdapterTest.config(BASE), ConfigAdapterTest.plan(BASE).instances(), List.of(), launcher,
                    policy(), true, 0);
            var up = new Posted("VI_1", new Event.TrackerChanged("script:chk", TrackerStatus.UP));
            assertThat(next(Duration.ofSeconds(1))).as("the replayed last result").isEqualTo(up);
            assertThat(next(Duration.ofSeconds(10))).as("the restarted script's first result").isEqualTo(up);
        }
    }

    @Test
    void aChangedScriptIsRestartedAndItsNewResultsCount() throws Exception {
        String failing = BASE.replace("/bin/true", "/bin/false").replace("interval 1", "interval 1\n  fall 1");
        try (ScriptLauncher launcher = ScriptLauncher.system();
             TrackerHub hub = new TrackerHub(ConfigAdapterTest.plan(BASE), (i, e) -> posted.add(new Posted(i, e)))) {
            hub.start(ConfigAdapterTest.config(BASE), launcher, policy());
            assertThat(next(Duration.ofSeconds(10)).event())
                    .isEqualTo(new Event.TrackerChanged("script:chk", TrackerStatus.UP));
            hub.reload(ConfigAdapterTest.config(failing), ConfigAdapterTest.plan(failing).instances(), List.of(),
                    launcher, policy(), false, 0);
            assertThat(next(Duration.ofSeconds(1)).event()).as("the replayed last result")
                    .isEqualTo(new Event.TrackerChanged("script:chk", TrackerStatus.UP));
            assertThat(next(Duration.ofSeconds(10)).event()).as("the restarted script's first result")
                    .isEqualTo(new Event.TrackerChanged("script:chk", TrackerStatus.DOWN));
        }
    }

    @Test
    void aScriptNoLongerTrackedStopsRunning() throws Exception {
        var runs = java.nio.file.Files.createTempFile("jk-hub", ".runs");
        String counting = BASE.replace("\"/bin/true\"", "\"/bin/sh -c 'echo run >> " + runs + "'\"");
        String untracked = counting.replace("track_script { chk }", "");
        try (ScriptLauncher launcher = ScriptLauncher.system();
             TrackerHub hub = new TrackerHub(ConfigAdapterTest.plan(counting), (i, e) -> posted.add(new Posted(i, e)))) {
            hub.start(ConfigAdapterTest.config(counting), launcher, policy());
            assertThat(next(Duration.ofSeconds(10)).event())
                    .isEqualTo(new Event.TrackerChanged("script:chk", TrackerStatus.UP));
            hub.reload(ConfigAdapterTest.config(untracked), ConfigAdapterTest.plan(untracked).instances(), List.of(),
                    launcher, policy(), false, 0);
            long before = java.nio.file.Files.readAllLines(runs).size();
            // at interval 1 a script still scheduled would have run twice more
            Thread.sleep(2500);
            assertThat(java.nio.file.Files.readAllLines(runs)).hasSizeLessThanOrEqualTo((int) before + 1);
        } finally {
            java.nio.file.Files.deleteIfExists(runs);
        }
    }
}
