package io.jkeepalived.daemon.checker;

import io.jkeepalived.config.model.GlobalDefs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the checker reaches the kernel.
 *
 * @param ownedFile     where the services this daemon created are remembered across restarts
 *                      (empty: in memory only)
 * @param releaseOnStop false with {@code -I} (keep the load-balancer table on stop)
 * @param open          opens the backend {@code lvs_backend} asks for, where {@code net_namespace_ipvs} says
 */
public record LvsSettings(Optional<Path> ownedFile, boolean releaseOnStop,
                          Function<GlobalDefs, KernelBackends.Choice> open) {

    public static LvsSettings system(Path runDir, boolean releaseOnStop) {
        return new LvsSettings(Optional.of(runDir.resolve("lvs-owned")), releaseOnStop, KernelBackends::open);
    }

    /** No kernel: the desired table only (tests of the checker alone). */
    public static LvsSettings recordingOnly() {
        return new LvsSettings(Optional.empty(), true, w -> KernelBackends.Choice.none("recording only"));
    }
}
