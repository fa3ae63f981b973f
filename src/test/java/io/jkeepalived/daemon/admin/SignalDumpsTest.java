package io.jkeepalived.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.vrrp.engine.VrrpEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dump files, written off the calling thread (the loop) into $TMPDIR, whole and root-only. */
class SignalDumpsTest {
    @TempDir
    Path dir;

    @Test
    void eachKindIsWrittenWholeWithModeSixHundred() throws Exception {
        Keepalived config = ConfigLoader.loadString("global_defs {\n router_id dumps\n}\n", "t.conf", dir,
                ReaderOptions.defaults()).config().orElseThrow();
        var taker = new StatusTaker("t", 0, VrrpEngine.empty(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                () -> config, Optional.empty());
        var dumps = new SignalDumps(taker, config::globalDefs, Map.of("TMPDIR", dir.toString()));
        for (SignalDumps.Kind kind : SignalDumps.Kind.values()) {
            dumps.dump(kind);
        }
        for (String name : new String[] {"keepalived.data", "keepalived.stats", "keepalived.json"}) {
            Path f = dir.resolve(name);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!Files.exists(f)) {
                assertThat(System.nanoTime()).as(name + " within 5 s").isLessThan(end);
                Thread.sleep(10);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        }
        assertThat(Files.readString(dir.resolve("keepalived.data"))).contains("Router ID = dumps");
        assertThat(Files.readString(dir.resolve("keepalived.stats"))).as("no instance, no statistics").isEmpty();
        assertThat(Files.readString(dir.resolve("keepalived.json")).strip()).startsWith("[").endsWith("]");
        assertThat(dir.resolve("keepalived_check.data")).as("no checker half: no checker dump").doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList())
                    .as("renamed into place").isEmpty();
        }
    }
}
