package io.jkeepalived.testing;

import io.jkeepalived.testing.Lan.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@link Lan} with keepalived daemons on its nodes: the fixture every VRRP system, interop and
 * benchmark scenario uses. Each start gets its own directory (config, pid files) under one temp
 * directory. {@link #close()} kills every daemon it started, deletes the namespaces and the files.
 */
public final class Cluster implements AutoCloseable {

    private final Lan lan;
    private final Path dir;
    private final Map<Integer, Node> current = new HashMap<>();
    private final List<Node> started = new ArrayList<>();

    private Cluster(Lan lan, Path dir) {
        this.lan = lan;
        this.dir = dir;
    }

    /** A LAN of {@code nodes} nodes and a client, namespaces named {@code prefix-…}. */
    public static Cluster create(String prefix, int nodes) {
        try {
            var dir = Files.createTempDirectory(prefix);
            try {
                return new Cluster(Lan.create(prefix, nodes), dir);
            } catch (RuntimeException | Error e) {
                delete(dir);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Lan lan() {
        return lan;
    }

    public Host host(int i) {
        return lan.node(i);
    }

    /** Starts {@code impl} on node {@code i}; it becomes the node's current daemon. */
    public Node start(int i, Impl impl, KeepalivedConf conf) {
        return start(i, impl, conf, java.util.Map.of());
    }

    /** As {@link #start(int, Impl, KeepalivedConf)}, with extra environment variables. */
    public Node start(int i, Impl impl, KeepalivedConf conf, java.util.Map<String, String> env) {
        return start(i, impl, conf, env, java.util.List.of());
    }

    /** As {@link #start(int, Impl, KeepalivedConf, java.util.Map)}, through {@code wrapper} (see {@link Node}). */
    public Node start(int i, Impl impl, KeepalivedConf conf, java.util.Map<String, String> env, java.util.List<String> wrapper) {
        var node = Node.start(impl, host(i).name(), host(i).ns(), conf.render(),
                dir.resolve(host(i).name() + "-" + started.size()), env, wrapper);
        started.add(node);
        current.put(i, node);
        return node;
    }

    /** The daemon last started on node {@code i}. */
    public Node node(int i) {
        var n = current.get(i);
        if (n == null) {
            throw new IllegalStateException("nothing started on node " + i);
        }
        return n;
    }

    /**
     * A host crash: SIGKILL the daemon and pull the node's cable at the same moment, so neither its
     * adverts nor its kernel (which still holds the VIP after a kill -9) answer any more.
     */
    public Instant crash(int i) {
        var at = node(i).kill9();
        lan.unplug(host(i));
        return at;
    }

    /** Where each daemon's console log is kept after the run, for a failing test's reader. */
    public static final Path LOG_DIR = Impl.repoRoot().resolve("target/node-logs");

    @Override
    public void close() {
        try {
            started.forEach(Node::close);
            saveLogs();
        } finally {
            try {
                lan.close();
            } finally {
                delete(dir);
            }
        }
    }

    private void saveLogs() {
        try {
            Files.createDirectories(LOG_DIR);
            for (int i = 0; i < started.size(); i++) {
                var n = started.get(i);
                var text = new StringBuilder();
                n.log().lines().forEach(l -> text.append(l.text()).append('\n'));
                Files.writeString(LOG_DIR.resolve(lan.hub().name() + "-" + i + "-" + n.name() + "-" + n.impl() + ".log"),
                        text);
            }
        } catch (IOException e) {
            // logs are a diagnostic aid only
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory left behind is harmless
        }
    }
}
