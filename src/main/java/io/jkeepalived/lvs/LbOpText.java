package io.jkeepalived.lvs;

/** One line per {@link LbOp} for logs: what an operator would say, not the records' fields. */
public final class LbOpText {
    private LbOpText() {}

    public static String of(LbOp op) {
        return switch (op) {
            case LbOp.AddService a -> "add service " + a.service() + " " + settings(a.spec());
            case LbOp.EditService e -> "change service " + e.service() + " to " + settings(e.spec());
            case LbOp.RemoveService r -> "remove service " + r.service();
            case LbOp.AddDestination a -> "add " + destination(a.destination()) + " to " + a.service();
            case LbOp.EditDestination e -> "change " + destination(e.destination()) + " in " + e.service();
            case LbOp.RemoveDestination r -> "remove " + r.destination() + " from " + r.service();
        };
    }

    private static String settings(Service s) {
        return s.scheduler() + s.persistenceSeconds().map(p -> " persistent " + p).orElse("");
    }

    private static String destination(Destination d) {
        return d.key() + " (" + d.method() + ", weight " + d.weight() + ")";
    }
}
