package io.jkeepalived.track;

import java.util.List;

/**
 * What the process tracker knows of one process.
 *
 * @param comm    {@code /proc/PID/comm} (at most 15 bytes)
 * @param cmdline {@code /proc/PID/cmdline} split on NUL; empty for kernel threads and zombies,
 *                and when no tracker needs it (not read then)
 */
public record ProcInfo(long pid, String comm, List<String> cmdline, boolean zombie) {

    public ProcInfo {
        cmdline = List.copyOf(cmdline);
    }
}
