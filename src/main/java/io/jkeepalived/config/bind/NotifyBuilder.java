package io.jkeepalived.config.bind;

import io.jkeepalived.config.model.Notify;
import io.jkeepalived.config.model.Script;
import java.util.Optional;
import java.util.function.Function;

/** The notify_* keywords shared by vrrp_instance and vrrp_sync_group. */
final class NotifyBuilder {
    Optional<Script> master = Optional.empty(), backup = Optional.empty(), fault = Optional.empty(),
            stop = Optional.empty(), any = Optional.empty(), deleted = Optional.empty(), rxLower = Optional.empty();
    boolean priorityChanges;

    Notify build() {
        return new Notify(master, backup, fault, stop, any, deleted, rxLower, priorityChanges);
    }

    static <B> KeywordTable<B> register(KeywordTable<B> t, Function<B, NotifyBuilder> get) {
        return t.line("notify_master", (n, b, c) -> get.apply(b).master = c.script(n))
                .line("notify_backup", (n, b, c) -> get.apply(b).backup = c.script(n))
                .line("notify_fault", (n, b, c) -> get.apply(b).fault = c.script(n))
                .line("notify_stop", (n, b, c) -> get.apply(b).stop = c.script(n))
                .line("notify", (n, b, c) -> get.apply(b).any = c.script(n))
                .line("notify_deleted", (n, b, c) -> get.apply(b).deleted =
                        n.args().isEmpty() ? Optional.of(new Script("", java.util.List.of(), Optional.empty(),
                                Optional.empty())) : c.script(n))
                .line("notify_master_rx_lower_pri", (n, b, c) -> get.apply(b).rxLower = c.script(n))
                .line("notify_priority_changes", (n, b, c) -> get.apply(b).priorityChanges = c.bool(n).orElse(true));
    }
}
