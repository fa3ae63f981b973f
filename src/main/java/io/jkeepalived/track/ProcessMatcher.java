package io.jkeepalived.track;

import java.util.List;

/**
 * Exact (never regex) matching of a process against a {@link ProcessSpec}.
 *
 * <ul>
 *   <li>Without parameters, {@code param_match} or {@code full_command}: {@code comm} equals the
 *       name. The kernel truncates {@code comm} to 15 bytes, so a longer name is compared by its
 *       first 15.</li>
 *   <li>Otherwise {@code argv[0]} of the cmdline equals the name, and the parameters compare:
 *       none configured and no {@code param_match}: any; none configured with {@code param_match}:
 *       the process must have none; configured without {@code param_match}: exactly those;
 *       {@code partial}: the first n are those, more may follow; {@code initial}: as partial, but
 *       the last configured one need only be a prefix of the process's.</li>
 *   <li>Zombies never match.</li>
 * </ul>
 */
public final class ProcessMatcher {

    /** Linux TASK_COMM_LEN - 1. */
    static final int COMM_MAX = 15;

    private ProcessMatcher() {}

    public static boolean matches(ProcessSpec spec, ProcInfo p) {
        if (p.zombie()) {
            return false;
        }
        if (!spec.usesCmdline()) {
            String want = spec.process().length() > COMM_MAX ? spec.process().substring(0, COMM_MAX) : spec.process();
            return p.comm().equals(want);
        }
        List<String> argv = p.cmdline();
        if (argv.isEmpty() || !argv.getFirst().equals(spec.process())) {
            return false;
        }
        List<String> have = argv.subList(1, argv.size());
        List<String> want = spec.params();
        if (want.isEmpty()) {
            return spec.paramMatch().isEmpty() || have.isEmpty();
        }
        if (spec.paramMatch().isEmpty()) {
            return have.equals(want);
        }
        if (have.size() < want.size()) {
            return false;
        }
        int n = want.size();
        if (!have.subList(0, n - 1).equals(want.subList(0, n - 1))) {
            return false;
        }
        return switch (spec.paramMatch().get()) {
            case PARTIAL -> have.get(n - 1).equals(want.get(n - 1));
            case INITIAL -> have.get(n - 1).startsWith(want.get(n - 1));
        };
    }
}
