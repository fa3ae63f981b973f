package io.jkeepalived.config.bind;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.TrackRef;
import io.jkeepalived.config.tree.Node;
import io.jkeepalived.config.tree.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code track_* { NAME [weight W [reverse|noreverse]] }} lists, kept with positions for cross-checks. */
final class TrackRefs {
    private TrackRefs() {}

    /** A reference still to be resolved against the named trackers. */
    record Pending(String kind, TrackRef ref, SourcePos pos) {}

    static void parse(String kind, Node block, long lo, long hi, List<Pending> out, Ctx c) {
        for (Node line : block.children()) {
            Optional<Integer> weight = Optional.empty();
            boolean reverse = false;
            List<Token> a = line.args();
            for (int i = 0; i < a.size(); i++) {
                String w = a.get(i).text();
                switch (w) {
                    case "weight" -> {
                        if (i + 1 < a.size()) weight = c.integer(kind + " weight", a.get(++i), lo, hi).map(Long::intValue);
                        else c.error(a.get(i).pos(), "'weight' needs a value");
                    }
                    case "reverse" -> reverse = true;
                    case "noreverse" -> reverse = false;
                    default -> c.error(a.get(i).pos(), "unknown " + kind + " option '" + w + "'");
                }
            }
            out.add(new Pending(kind, new TrackRef(line.name(), weight, reverse), line.pos()));
        }
    }

    static List<TrackRef> of(List<Pending> refs, String kind) {
        // a loop, not a stream: this runs five times per instance, mostly on empty lists
        var out = new ArrayList<TrackRef>(0);
        for (Pending p : refs) {
            if (p.kind().equals(kind)) out.add(p.ref());
        }
        return List.copyOf(out);
    }
}
