package io.jkeepalived.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real three-level tree of processes, walked both ways. */
class ProcessTreeTest {

    @Test
    void findsTheSameProcessesAsTheJdksWalkOfTheWholeMachine() throws Exception {
        Process root = new ProcessBuilder("/bin/sh", "-c",
                "/bin/sh -c '/bin/sleep 100 & /bin/sleep 100 & wait' & /bin/sleep 100 & wait").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<Long> jdk = List.of();
            while (jdk.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5); // a fork has no event a test can wait on
                jdk = pids(root.toHandle().descendants().toList());
            }
            assertThat(jdk).hasSize(4);
            assertThat(pids(ProcessTree.descendants(root.toHandle()))).containsExactlyInAnyOrderElementsOf(jdk);
            // the inner shell is a child, its two sleeps grandchildren: children come first
            assertThat(pids(ProcessTree.descendants(root.toHandle())).subList(0, 2))
                    .containsExactlyInAnyOrderElementsOf(pids(root.toHandle().children().toList()));
        } finally {
            root.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            root.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatIsGoneHasNone() throws Exception {
        Process p = new ProcessBuilder("/bin/true").start();
        ProcessHandle h = p.toHandle();
        p.waitFor();
        assertThat(ProcessTree.descendants(h)).isEmpty();
    }

    private static List<Long> pids(List<ProcessHandle> handles) {
        return handles.stream().map(ProcessHandle::pid).toList();
    }
}
