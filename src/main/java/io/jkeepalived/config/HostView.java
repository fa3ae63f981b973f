package io.jkeepalived.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the loader may ask about the machine: which interfaces exist and which commands can be run.
 * keepalived's {@code -t} checks both; pure callers use {@link #ASSUME_PRESENT}.
 */
public interface HostView {
    boolean interfaceExists(String name);

    /** True when {@code command} is an executable file, or found as one on PATH. */
    boolean executableExists(String command);

    /** True when the system knows the user name (for script_user and the default script user). */
    boolean userExists(String user);

    /** True when the kernel has IPVS, loaded or as a module it can load ({@code lvs_backend ipvs}). */
    default boolean ipvsAvailable() {
        return true;
    }

    HostView ASSUME_PRESENT = new HostView() {
        @Override
        public boolean interfaceExists(String name) {
            return true;
        }

        @Override
        public boolean executableExists(String command) {
            return true;
        }

        @Override
        public boolean userExists(String user) {
            return true;
        }
    };

    /** This machine (in the current network namespace), as keepalived -t sees it. */
    static HostView local(Map<String, String> environment) {
        return new HostView() {
            @Override
            public boolean interfaceExists(String name) {
                return !name.isEmpty() && !name.contains("/") && Files.exists(Path.of("/sys/class/net", name));
            }

            @Override
            public boolean executableExists(String command) {
                if (command.isEmpty()) return false;
                // a command with shell syntax (redirections, pipes) runs through /bin/sh, as keepalived does
                if (command.chars().anyMatch(ch -> "<>|&;$`".indexOf(ch) >= 0)) return true;
                if (command.contains("/")) return Files.isExecutable(Path.of(command));
                for (String dir : environment.getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
                    if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
                }
                return false;
            }

            @Override
            public boolean ipvsAvailable() {
                if (Files.exists(Path.of("/proc/net/ip_vs"))) return true;
                try {
                    String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
                    Path modules = Path.of("/lib/modules", release);
                    for (String index : new String[] {"modules.dep", "modules.builtin"}) {
                        Path f = modules.resolve(index);
                        if (Files.exists(f) && Files.readString(f).contains("/ip_vs.ko")) return true;
                    }
                    return false;
                } catch (java.io.IOException | SecurityException e) {
                    return true; // cannot tell: let the daemon find out and say so
                }
            }

            @Override
            public boolean userExists(String user) {
                try {
                    return Files.readAllLines(Path.of("/etc/passwd")).stream()
                            .anyMatch(l -> l.startsWith(user + ":"));
                } catch (java.io.IOException | SecurityException e) {
                    return false;
                }
            }
        };
    }
}
