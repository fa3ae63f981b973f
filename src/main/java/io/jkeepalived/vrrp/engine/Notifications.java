package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.engine.Action.NotifyKind;
import io.jkeepalived.vrrp.engine.Action.RunNotify;
import io.jkeepalived.vrrp.engine.Action.WriteFifo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * keepalived's notify conventions (behaviour §3.11): the state-specific script with only its own argv,
 * then the generic {@code notify} with {@code TYPE name STATE priority} appended, then the FIFO
 * line {@code TYPE "name" STATE priority}.
 */
final class Notifications {
    private Notifications() {
    }

    static void emit(String name, String type, NotifySpec n, VrrpState s, int priority, Consumer<Action> out) {
        n.scriptFor(s).ifPresent(argv -> out.accept(new RunNotify(name, kindOf(s), argv)));
        n.generic().ifPresent(argv -> {
            List<String> full = new ArrayList<>(argv);
            full.add(type);
            full.add(name);
            full.add(s.name());
            full.add(Integer.toString(priority));
            out.accept(new RunNotify(name, NotifyKind.GENERIC, List.copyOf(full), s == VrrpState.STOP));
        });
        if (n.fifo()) {
            out.accept(new WriteFifo(name, fifoLine(type, name, s.name(), priority)));
        }
    }

    static String fifoLine(String type, String name, String state, int priority) {
        return type + " \"" + name + "\" " + state + " " + priority;
    }

    private static NotifyKind kindOf(VrrpState s) {
        return switch (s) {
            case MASTER -> NotifyKind.MASTER;
            case BACKUP -> NotifyKind.BACKUP;
            case FAULT, INIT -> NotifyKind.FAULT;
            case STOP -> NotifyKind.STOP;
            case DELETED -> NotifyKind.DELETED;
        };
    }
}
