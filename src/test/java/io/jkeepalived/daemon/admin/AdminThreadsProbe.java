package io.jkeepalived.daemon.admin;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.status.DaemonStatus;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Run in a JVM of its own by {@link GuardedServerThreadsTest}, so that no other test's threads
 * count: serves status and metrics requests (one of them answered late) and writes the signal
 * dumps, then prints every thread of the process (servers open, then closed). Mode {@code virtual} instead starts one virtual
 * thread, to show that the test sees the threads it looks for on this JDK.
 */
public final class AdminThreadsProbe {
    private AdminThreadsProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        if (args[1].equals("virtual")) {
            Thread.ofVirtual().start(() -> { }).join();
        } else {
            serve(dir);
        }
        print(); // what lives on
    }

    private static void serve(Path dir) throws Exception {
        Keepalived config = ConfigLoader.loadString("global_defs {\n router_id probe\n}\n", "probe.conf", dir,
                ReaderOptions.defaults()).config().orElseThrow();
        var taker = new StatusTaker("probe", 0, VrrpEngine.empty(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                () -> config, Optional.empty());
        // The event loop's part: snapshots are taken on a platform thread of their own, as on the daemon's loop.
        ExecutorService loop = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("probe-loop").daemon(true).factory());
        Supplier<CompletableFuture<DaemonStatus>> snapshot = () -> CompletableFuture.supplyAsync(taker::take, loop);
        try (ControlSocket control = ControlSocket.open(dir.resolve("c.sock"), snapshot).orElseThrow();
             ControlSocket late = ControlSocket.open(dir.resolve("late.sock"), CompletableFuture::new).orElseThrow();
             MetricsServer metrics = MetricsServer.start("127.0.0.1:0", snapshot).orElseThrow()) {
            for (int i = 0; i < 3; i++) {
                check(AdminWire.ask(UnixDomainSocketAddress.of(dir.resolve("c.sock")), "status\n").contains("\"router_id\" : \"probe\""),
                        "status answered");
                check(AdminWire.ask(new InetSocketAddress("127.0.0.1", metrics.port()), "GET /metrics HTTP/1.1\r\n\r\n")
                        .startsWith("HTTP/1.1 200 OK"), "metrics answered");
            }
            check(AdminWire.ask(UnixDomainSocketAddress.of(dir.resolve("late.sock")), "status\n").isEmpty(),
                    "a late answer closes");
            check(control.view().accepted() == 3 && late.view().accepted() == 1, "clients counted");
            var dumps = new SignalDumps(taker, config::globalDefs, Map.of("TMPDIR", dir.toString()));
            for (SignalDumps.Kind kind : SignalDumps.Kind.values()) {
                loop.submit(() -> dumps.dump(kind)).get();
            }
            for (String name : new String[] {"keepalived.data", "keepalived.stats", "keepalived.json"}) {
                long end = System.nanoTime() + 5_000_000_000L;
                while (!Files.exists(dir.resolve(name))) {
                    check(System.nanoTime() < end, name + " written");
                    Thread.sleep(10);
                }
            }
            System.out.println("ok");
            print(); // the servers still open
        }
        loop.shutdown();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("failed: " + what);
            System.exit(2);
        }
    }

    /** The JVM's thread names, and the kernel's (15 characters, every thread of the process). */
    private static void print() throws IOException {
        new TreeSet<>(Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList())
                .forEach(n -> System.out.println("thread " + n));
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    System.out.println("task " + Files.readString(t.resolve("comm")).strip());
                } catch (java.nio.file.NoSuchFileException ended) {
                    // the thread ended between the listing and the read (a server's, closing)
                }
            }
        }
    }
}
