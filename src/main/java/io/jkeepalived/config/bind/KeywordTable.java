package io.jkeepalived.config.bind;

import io.jkeepalived.config.tree.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keywords of one block and what each does to the block's builder {@code B}. Unknown keywords are
 * reported with a did-you-mean hint and skipped; legacy spellings map to their modern entry; keywords
 * on {@link NotYetImplemented} warn and are recorded.
 */
final class KeywordTable<B> {

    @FunctionalInterface
    interface Action<B> {
        void bind(Node n, B builder, Ctx ctx);
    }

    private record Entry<B>(Action<B> action, Shape shape) {}

    /**
     * What a spelling found in a config means here: its entry, the modern name, the legacy note ("" for
     * none) and whether it is on {@link NotYetImplemented}. One lookup per statement instead of four and
     * a string concatenation: a 10,000-real-server config binds some 50,000 statements per reload.
     */
    private record Resolved<B>(Entry<B> entry, String name, String note, boolean unimplemented) {}

    /** Whether the keyword takes a block, must not, or may. */
    enum Shape { LINE, BLOCK, EITHER }

    private final String block;
    private final Map<String, Entry<B>> entries = new LinkedHashMap<>();
    private final Map<String, String> legacy = new LinkedHashMap<>();
    private final Map<String, String> legacyNotes = new LinkedHashMap<>();
    /** Built on the first bind from the maps above; the builder methods drop it. Immutable once built. */
    private volatile Map<String, Resolved<B>> resolved;

    KeywordTable(String block) {
        this.block = block;
    }

    KeywordTable<B> line(String keyword, Action<B> action) {
        entries.put(keyword, new Entry<>(action, Shape.LINE));
        resolved = null;
        return this;
    }

    KeywordTable<B> block(String keyword, Action<B> action) {
        entries.put(keyword, new Entry<>(action, Shape.BLOCK));
        resolved = null;
        return this;
    }

    /** Keywords that are recognised and only recorded (they must also be on NotYetImplemented). */
    KeywordTable<B> recognised(String... keywords) {
        for (String k : keywords) entries.put(k, new Entry<>((n, b, c) -> {}, Shape.EITHER));
        resolved = null;
        return this;
    }

    /** An old spelling accepted as {@code modern}. */
    KeywordTable<B> legacy(String old, String modern) {
        legacy.put(old, modern);
        resolved = null;
        return this;
    }

    /** An old spelling we accept although keepalived 2.2.7 does not: warn so -t users know. */
    KeywordTable<B> legacy(String old, String modern, String note) {
        legacy.put(old, modern);
        legacyNotes.put(old, note);
        resolved = null;
        return this;
    }

    void bindAll(Node parent, B builder, Ctx ctx) {
        // by index: no iterator per block (a node's children are an immutable, random-access list)
        List<Node> children = parent.children();
        for (int i = 0, n = children.size(); i < n; i++) bind(children.get(i), builder, ctx);
    }

    private Map<String, Resolved<B>> resolved() {
        Map<String, Resolved<B>> r = resolved;
        if (r == null) {
            // racing threads build equal maps; either one will do
            var m = new java.util.HashMap<String, Resolved<B>>();
            var spellings = new java.util.LinkedHashSet<>(entries.keySet());
            spellings.addAll(legacy.keySet());
            for (String spelling : spellings) {
                String name = legacy.getOrDefault(spelling, spelling);
                Entry<B> e = entries.get(name);
                if (e != null) {
                    m.put(spelling, new Resolved<>(e, name, legacyNotes.getOrDefault(spelling, ""),
                            NotYetImplemented.contains(block, name)));
                }
            }
            resolved = r = Map.copyOf(m);
        }
        return r;
    }

    void bind(Node n, B builder, Ctx ctx) {
        Resolved<B> found = resolved().get(n.name());
        if (found == null) {
            var known = new java.util.ArrayList<>(entries.keySet());
            known.addAll(legacy.keySet());
            String msg = "unknown keyword '" + n.name() + "'";
            DidYouMean.closest(n.name(), known).ifPresentOrElse(
                    s -> ctx.diag.error(n.pos(), msg + " — did you mean '" + s + "'?", "the line is ignored"),
                    () -> ctx.diag.error(n.pos(), msg + " in " + block, "the line is ignored"));
            return;
        }
        Entry<B> e = found.entry();
        String name = found.name();
        String note = found.note();
        if (!note.isEmpty()) {
            // keepalived -t flags these; so do we (same exit code), but the value is still used
            ctx.error(n.pos(), "'" + n.name() + "' is accepted as '" + name + "', but " + note, "write '" + name + "'");
        }
        if (found.unimplemented()) {
            ctx.unimplemented(block, n);
            // still validated, so a bad value is reported as keepalived would
            if (n.block() == (e.shape() == Shape.BLOCK) || e.shape() == Shape.EITHER) e.action().bind(n, builder, ctx);
            return;
        }
        if (e.shape() == Shape.BLOCK && !n.block()) {
            ctx.error(n.pos(), "'" + n.name() + "' expects a block { ... }");
            return;
        }
        if (e.shape() == Shape.LINE && n.block()) {
            ctx.error(n.pos(), "'" + n.name() + "' does not take a block; its contents are ignored");
            return;
        }
        e.action().bind(n, builder, ctx);
    }
}
