package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.admin.StatusTaker;
import io.jkeepalived.daemon.kernel.VrrpSockets;
import io.jkeepalived.daemon.plan.ConfigAdapterTest;
import io.jkeepalived.daemon.plan.DaemonPlan;
import io.jkeepalived.daemon.plan.InstancePlan;
import io.jkeepalived.daemon.plan.PlanTable;
import io.jkeepalived.daemon.stats.InstanceCounters;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.os.WakeUpFd;
import io.jkeepalived.status.InstanceStatus;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import java.util.LinkedHashMap;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The loop on a real eventfd and poll (no privileges needed) with a recording kernel: timers drive
 * the engine, other threads reach it only through posted tasks, and stopping is graceful.
 */
class EventLoopTest {

    @Test
    void electsByTimerAnswersStatusAndStopsGracefully() throws Exception {
        DaemonPlan plan = ConfigAdapterTest.plan("""
                vrrp_instance FAST {
                  interface eth0
                  virtual_router_id 60
                  version 3
                  advert_int 0.05
                  virtual_ipaddress { 198.18.0.60/24 }
                }
                """);
        PlanTable plans = new PlanTable();
        Map<String, InstanceCounters> counters = new LinkedHashMap<>();
        plan.instances().forEach(p -> {
            plans.put(p.name(), p);
            counters.put(p.name(), new InstanceCounters());
        });
        var kernel = new ActionExecutorTest.FakeKernel();
        var executor = new ActionExecutor(plans, counters, kernel, NotifyPort.NONE, true);
        VrrpEngine engines = ((VrrpEngine.Build.Ok) VrrpEngine.create(plan.routers(), plan.groups())).engine();
        try (WakeUpFd wake = WakeUpFd.open(); VrrpSockets sockets = new VrrpSockets()) {
            var holder = new CompletableFuture<EventLoop>();
            LinkWatcher links = new LinkWatcher(plans, (n, e) -> holder.join().handle(n, e));
            TrackerHub trackers = new TrackerHub(plan, (n, e) -> holder.join().post(n, e));
            EventLoop loop = new EventLoop(engines, sockets, executor, Optional.empty(), links, trackers, wake,
                    Optional.empty(), n -> { }, e -> { });
            holder.complete(loop);
            var done = new CompletableFuture<Void>();
            Thread t = Thread.ofPlatform().name("test-loop").start(() -> {
                try {
                    loop.run();
                    done.complete(null);
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            });

            // master_down_interval at 0.05 s is 3 × 50 ms + skew ≈ 0.19 s
            StatusTaker taker = new StatusTaker("test", 0, engines, plans, counters, () -> ConfigAdapterTest.config(""),
                    Optional.empty());
            List<InstanceStatus> status = List.of();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < end) {
                status = loop.call(taker::take).get(1, TimeUnit.SECONDS).instances();
                if (status.getFirst().state().equals("MASTER")) {
                    break;
                }
                Thread.sleep(20);
            }
            InstanceStatus s = status.getFirst();
            assertThat(s.state()).isEqualTo("MASTER");
            assertThat(s.virtualIpaddress()).containsExactly("198.18.0.60");
            assertThat(s.masterAddress()).contains("198.18.0.1");
            assertThat(kernel.calls).contains("add 198.18.0.60/24 on 2");

            loop.post(loop::stop);
            done.get(5, TimeUnit.SECONDS);
            t.join(5000);
            assertThat(kernel.adverts.getLast().vrrp()[2]).as("priority of the last advert").isZero();
            assertThat(kernel.calls.getLast()).isEqualTo("del 198.18.0.60 on 2");
            assertThat(counters.get("FAST").advertsSent()).isGreaterThanOrEqualTo(2);
        }
    }
}
