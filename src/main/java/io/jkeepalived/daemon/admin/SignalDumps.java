package io.jkeepalived.daemon.admin;

import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.status.DaemonStatus;
import io.jkeepalived.status.KeepalivedDumps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's dump signals: SIGUSR1 writes {@code keepalived.data}, SIGUSR2
 * {@code keepalived.stats}, signal 36 {@code keepalived.json}, signal 63 clears the stats. Files
 * go to {@code $TMPDIR} (else /tmp), or where global_defs {@code state_dump_file},
 * {@code stats_dump_file} and {@code json_dump_file} say (relative names under that directory),
 * with mode 0600. The snapshot is taken on the loop; the file is written on a short-lived platform
 * thread ({@code jk-dump}) and renamed into place, so a reader never sees half a dump.
 */
public final class SignalDumps {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");

    public enum Kind { DATA, STATS, JSON }

    private final StatusTaker taker;
    private final Supplier<GlobalDefs> globals;
    private final Path tmpDir;

    public SignalDumps(StatusTaker taker, Supplier<GlobalDefs> globals, Map<String, String> env) {
        this.taker = taker;
        this.globals = globals;
        this.tmpDir = Path.of(Optional.ofNullable(env.get("TMPDIR")).filter(s -> !s.isEmpty()).orElse("/tmp"));
    }

    Path path(Kind kind) {
        GlobalDefs g = globals.get();
        Optional<String> configured = switch (kind) {
            case DATA -> g.stateDumpFile();
            case STATS -> g.statsDumpFile();
            case JSON -> g.jsonDumpFile();
        };
        String name = switch (kind) {
            case DATA -> "keepalived.data";
            case STATS -> "keepalived.stats";
            case JSON -> "keepalived.json";
        };
        return tmpDir.resolve(configured.orElse(name));
    }

    /**
     * Loop thread: takes the snapshot now and writes it off the loop, on a platform thread that
     * ends with the write. Not a virtual thread: dumps are rare, and the first virtual thread would
     * start the JDK's scheduler threads, which then live as long as the daemon.
     */
    public void dump(Kind kind) {
        DaemonStatus s = taker.take();
        Path target = path(kind);
        Thread.ofPlatform().name("jk-dump").daemon(true).start(() -> {
            write(target, switch (kind) {
                case DATA -> KeepalivedDumps.data(s, ZoneId.systemDefault());
                case STATS -> KeepalivedDumps.stats(s);
                case JSON -> KeepalivedDumps.json(s);
            });
            if (kind == Kind.DATA && s.lvs().isPresent()) {
                write(checkDataPath(target), KeepalivedDumps.checkData(s, ZoneId.systemDefault()));
            }
        });
    }

    /** The checker's data dump beside the VRRP one: {@code keepalived.data} -> {@code keepalived_check.data}. */
    static Path checkDataPath(Path data) {
        String name = data.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return data.resolveSibling(dot > 0 ? name.substring(0, dot) + "_check" + name.substring(dot) : name + "_check");
    }

    /** Loop thread: STATS_CLEAR. */
    public void clearStats() {
        taker.clearCounters();
        LOG.info("Statistics cleared");
    }

    private static void write(Path target, String text) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.error("Can't open {} ({})", target, e.toString());
        }
    }
}
