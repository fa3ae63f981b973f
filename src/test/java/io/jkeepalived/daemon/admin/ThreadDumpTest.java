package io.jkeepalived.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadDumpTest {

    @Test
    void eachThreadByIdWithItsStateAndFrames() throws Exception {
        Thread parked = Thread.ofPlatform().name("jk-parked").daemon().start(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            while (parked.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();
            String dump = ThreadDump.render(Thread.getAllStackTraces());
            assertThat(dump).contains("\"jk-parked\" #" + parked.threadId() + " daemon TIMED_WAITING\n\tat ")
                    .contains("java.lang.Thread.sleep(Thread.java");
            assertThat(dump).contains("io.jkeepalived.daemon.admin.ThreadDumpTest.eachThreadByIdWithItsStateAndFrames(ThreadDumpTest.java");
            Thread me = Thread.currentThread();
            String two = ThreadDump.render(Map.of(parked, new StackTraceElement[0], me, new StackTraceElement[0]));
            assertThat(two.indexOf('"' + (me.threadId() < parked.threadId() ? me.getName() : "jk-parked") + '"')).isZero();
        } finally {
            parked.interrupt();
        }
    }
}
