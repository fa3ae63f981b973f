package io.jkeepalived.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * The argv the generic {@code notify} script receives: its configured words followed by
 * {@code INSTANCE|GROUP}, the name, the state and the priority (0 for groups).
 */
public final class NotifyArgv {

    private NotifyArgv() {}

    public static List<String> generic(List<String> configured, NotifyKind kind, String name,
                                       NotifyState state, int priority) {
        List<String> out = new ArrayList<>(configured);
        out.add(kind.name());
        out.add(name);
        out.add(state.name());
        out.add(Integer.toString(kind == NotifyKind.GROUP ? 0 : priority));
        return List.copyOf(out);
    }
}
