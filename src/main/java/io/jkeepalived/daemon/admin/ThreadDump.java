package io.jkeepalived.daemon.admin;

import java.util.Comparator;
import java.util.Map;

/**
 * The daemon's threads and their stacks as text, for SIGQUIT: the JVM's own dump on that signal is off
 * with {@code -Xrs}, and so is {@code jcmd} (docs/daemon.md), so the daemon writes one to its log
 * itself. Platform threads only ({@link Thread#getAllStackTraces} does not list virtual ones).
 */
public final class ThreadDump {
    private ThreadDump() {}

    public static String render(Map<Thread, StackTraceElement[]> stacks) {
        StringBuilder b = new StringBuilder();
        stacks.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Thread, StackTraceElement[]> e) -> e.getKey().threadId()))
                .forEach(e -> {
                    Thread t = e.getKey();
                    b.append('"').append(t.getName()).append("\" #").append(t.threadId())
                            .append(t.isDaemon() ? " daemon" : "").append(' ').append(t.getState()).append('\n');
                    for (StackTraceElement f : e.getValue()) b.append("\tat ").append(f).append('\n');
                    b.append('\n');
                });
        return b.toString();
    }
}
