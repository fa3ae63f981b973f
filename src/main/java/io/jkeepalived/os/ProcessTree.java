package io.jkeepalived.os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The live descendants of a process, read from its threads' {@code /proc/PID/task/TID/children}
 * lists, so only the tree's own entries are read.
 *
 * <p>Why not {@link ProcessHandle#descendants()}: it reads {@code /proc/N/stat} of every process
 * on the machine to learn who is whose parent, about 1 ms with 70 processes and growing with their
 * number, and the daemon asks each time a script times out. A kernel built without
 * {@code CONFIG_PROC_CHILDREN} has no such lists: then the JDK's walk is used.
 */
public final class ProcessTree {

    private static final boolean CHILDREN_LISTS = Files.isReadable(Path.of("/proc/thread-self/children"));

    private ProcessTree() {
    }

    /** Children before grandchildren; empty if the process is gone. */
    public static List<ProcessHandle> descendants(ProcessHandle root) {
        if (!CHILDREN_LISTS) {
            return root.descendants().toList();
        }
        List<ProcessHandle> found = new ArrayList<>();
        List<ProcessHandle> parents = List.of(root);
        while (!parents.isEmpty()) {
            List<ProcessHandle> next = new ArrayList<>();
            for (ProcessHandle parent : parents) {
                for (long pid : childPids(parent.pid())) {
                    // a listed pid that died and was reused since has another parent (or is again
                    // this parent's child, so a descendant all the same); the handle holds the
                    // process's start time, so signalling it later cannot reach a stranger
                    ProcessHandle.of(pid)
                            .filter(h -> h.parent().map(p -> p.pid() == parent.pid()).orElse(false))
                            .ifPresent(next::add);
                }
            }
            found.addAll(next);
            parents = next;
        }
        return List.copyOf(found);
    }

    private static List<Long> childPids(long pid) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String list = Files.readString(task.resolve("children"));
                int at = 0;
                while (at < list.length()) {
                    int end = list.indexOf(' ', at);
                    if (end < 0) {
                        end = list.length();
                    }
                    String one = list.substring(at, end).strip();
                    if (!one.isEmpty()) {
                        pids.add(Long.parseLong(one));
                    }
                    at = end + 1;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process or one of its threads ended while being read: what it had is gone with it
        }
        return pids;
    }
}
