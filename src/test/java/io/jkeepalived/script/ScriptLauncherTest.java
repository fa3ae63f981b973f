package io.jkeepalived.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes started the way the daemon starts every script. */
class ScriptLauncherTest {

    @TempDir
    Path dir;

    private final ScriptLauncher launcher = ScriptLauncher.system();

    @AfterEach
    void tearDown() {
        launcher.close();
    }

    private RunningScript sh(String body) {
        return ((ScriptLauncher.Started) launcher.start(List.of("/bin/sh", "-c", body), Optional.empty())).script();
    }

    @Test
    void scriptsGetTheDaemonsEnvironmentLessTheLaunchersJvmSetting() {
        var daemon = java.util.Map.of("PATH", "/usr/bin:/bin", "_JAVA_SR_SIGNUM", "40", "MALLOC_ARENA_MAX", "2");
        assertThat(ScriptLauncher.scriptEnvironment(daemon))
                .isEqualTo(java.util.Map.of("PATH", "/usr/bin:/bin", "MALLOC_ARENA_MAX", "2"));
        var plain = java.util.Map.of("PATH", "/bin");
        assertThat(ScriptLauncher.scriptEnvironment(plain)).isSameAs(plain);
    }

    @Test
    void exitCodeAndMergedOutput() throws Exception {
        RunningScript rs = sh("echo out; echo err >&2; exit 3");
        assertThat(rs.exit().get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(rs.output().tail()).isEqualTo("out\nerr\n");
        assertThat(rs.output().finished()).isDone();
        assertThat(rs.isAlive()).isFalse();
        assertThat(launcher.liveCount()).isZero();
    }

    @Test
    void deathBySignalIs128PlusTheSignal() throws Exception {
        assertThat(sh("kill -KILL $$").exit().get(10, TimeUnit.SECONDS)).isEqualTo(128 + 9);
    }

    @Test
    void aChattyScriptKeepsOnlyItsTail() throws Exception {
        RunningScript rs = sh("head -c 1000000 /dev/zero | tr '\\0' x; echo; echo END");
        assertThat(rs.exit().get(20, TimeUnit.SECONDS)).isZero();
        assertThat(rs.output().totalBytes()).isEqualTo(1_000_000 + 1 + 4);
        assertThat(rs.output().tail()).hasSize(4096).endsWith("x\nEND\n");
        assertThat(rs.output().lastLine(80)).isEqualTo("END");
    }

    @Test
    void aScriptPrintingInTinyWritesIsReadAtMostOncePerPause() throws Exception {
        // 20,000 writes of two bytes: read per write, that would be thousands of wake-ups
        long before = launcher.outputReads();
        long t0 = System.nanoTime();
        RunningScript rs = sh("i=0; while [ $i -lt 20000 ]; do echo x; i=$((i + 1)); done; echo END");
        assertThat(rs.exit().get(30, TimeUnit.SECONDS)).isZero();
        long elapsedNanos = System.nanoTime() - t0;
        long reads = launcher.outputReads() - before;
        assertThat(rs.output().totalBytes()).isEqualTo(20_000 * 2 + 4);
        assertThat(rs.output().lastLine(80)).isEqualTo("END");
        assertThat(reads).isLessThanOrEqualTo(elapsedNanos / ScriptSupervisor.OUTPUT_PAUSE_NANOS + 2);
    }

    @Test
    void stdinIsDevNullAndNoOtherDescriptorIsInherited() throws Exception {
        RunningScript rs = sh("readlink /proc/$$/fd/0; ls /proc/$$/fd");
        assertThat(rs.exit().get(10, TimeUnit.SECONDS)).isZero();
        assertThat(rs.output().tail()).isEqualTo("/dev/null\n0\n1\n2\n");
    }

    @Test
    void theDaemonsEnvironmentIsPassed() throws Exception {
        RunningScript rs = sh("printf %s \"$PATH\"");
        assertThat(rs.exit().get(10, TimeUnit.SECONDS)).isZero();
        assertThat(rs.output().tail()).isEqualTo(System.getenv("PATH"));
    }

    @Test
    void theRunEndsWithTheScriptAndItsOutputUpToThen() throws Exception {
        RunningScript rs = sh("/bin/sleep 100 & echo last words; exit 5");
        try {
            assertThat(rs.exit().get(10, TimeUnit.SECONDS)).isEqualTo(5);
            assertThat(rs.output().lastLine(80)).isEqualTo("last words");
            assertThat(rs.output().finished()).isDone();
        } finally {
            long sleeper = groupMembers(rs.pid()).getFirst();
            rs.killTree(); // the group outlives its leader: the signal still reaches the sleep
            assertThat(ProcessHandle.of(sleeper).orElseThrow().onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        }
    }

    @Test
    void terminateTreeReachesWhatTheScriptOrphanedInItsGroup() throws Exception {
        // the subshell exits at once: its sleep is no descendant of the script, only in its group
        RunningScript rs = sh("(/bin/sleep 100 &); echo started; exec /bin/sleep 100");
        awaitOutput(rs, "started");
        List<Long> members = groupMembers(rs.pid());
        assertThat(members).hasSize(2);
        long orphan = members.stream().filter(p -> p != rs.pid()).findFirst().orElseThrow();
        rs.terminateTree();
        assertThat(rs.exit().get(10, TimeUnit.SECONDS)).isEqualTo(128 + 15);
        assertThat(ProcessHandle.of(orphan).map(h -> h.onExit().join().isAlive()).orElse(false)).isFalse();
    }

    @Test
    void terminateTreeReachesDescendantsThatLeftTheGroup() throws Exception {
        // setsid puts the shell and its sleep in a session (and group) of their own: only the walk
        // down the script's process tree finds them
        RunningScript rs = sh("setsid /bin/sh -c '/bin/sleep 100 & wait' & echo started; wait");
        awaitOutput(rs, "started");
        List<ProcessHandle> away = awaitDescendants(rs.pid(), 2);
        assertThat(away).allSatisfy(h -> assertThat(groupOf(h.pid())).isNotEqualTo(rs.pid()));
        rs.terminateTree();
        assertThat(rs.exit().get(10, TimeUnit.SECONDS)).isEqualTo(128 + 15);
        for (ProcessHandle h : away) {
            assertThat(h.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        }
    }

    @Test
    void killTreeEndsAScriptThatIgnoresSigterm() throws Exception {
        RunningScript rs = sh("trap '' TERM; echo armed; while :; do sleep 1; done");
        awaitOutput(rs, "armed");
        rs.terminateTree();
        assertThat(rs.exit().completeOnTimeout(-1, 300, TimeUnit.MILLISECONDS).get()).isEqualTo(-1);
        rs.killTree();
        assertThat(rs.exit().get(10, TimeUnit.SECONDS)).isEqualTo(128 + 9);
    }

    @Test
    void aMissingProgramFailsToLaunch() {
        ScriptLauncher.Launch l = launcher.start(List.of(dir.resolve("no-such-script").toString()), Optional.empty());
        assertThat(l).isInstanceOfSatisfying(ScriptLauncher.LaunchFailed.class,
                f -> assertThat(f.reason()).contains("no-such-script").contains("ENOENT"));
        assertThat(launcher.start(List.of("no-such-program-in-path"), Optional.empty()))
                .isInstanceOf(ScriptLauncher.LaunchFailed.class);
    }

    @Test
    void anUnexecutableProgramFailsToLaunchWithTheExecError() throws IOException {
        Path junk = dir.resolve("junk");
        Files.writeString(junk, "\u0001\u0002 not a program");
        Files.setPosixFilePermissions(junk, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ScriptLauncher direct = new ScriptLauncher(Optional.empty(), ScriptLauncher.currentUid())) {
            assertThat(direct.start(List.of(junk.toString()), Optional.empty()))
                    .isInstanceOfSatisfying(ScriptLauncher.LaunchFailed.class,
                            f -> assertThat(f.reason()).contains("ENOEXEC"));
        }
    }

    @Test
    void aClosedLauncherStartsNothing() {
        launcher.close();
        assertThat(launcher.start(List.of("/bin/true"), Optional.empty())).isInstanceOf(ScriptLauncher.LaunchFailed.class);
    }

    private static void awaitOutput(RunningScript rs, String line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!rs.output().tail().contains(line) && System.nanoTime() < deadline) {
            Thread.sleep(5); // output has no event of its own until the run ends
        }
        assertThat(rs.output().tail()).contains(line);
    }

    /** The JDK's own walk of the tree, until it holds {@code n} processes. */
    private static List<ProcessHandle> awaitDescendants(long pid, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<ProcessHandle> found = List.of();
        while (System.nanoTime() < deadline) {
            found = ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of());
            if (found.size() >= n) {
                return found;
            }
            Thread.sleep(5); // a fork has no event a test can wait on
        }
        assertThat(found).hasSize(n);
        return found;
    }

    private static long groupOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
    }

    /** PIDs whose process group is {@code pgid}, from /proc. */
    private static List<Long> groupMembers(long pgid) throws IOException {
        try (var s = Files.list(Path.of("/proc"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .filter(n -> {
                        try {
                            String stat = Files.readString(Path.of("/proc", n, "stat"));
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            return Long.parseLong(f[2]) == pgid && !f[0].equals("Z");
                        } catch (IOException gone) {
                            return false;
                        }
                    }).map(Long::parseLong).toList();
        }
    }
}
